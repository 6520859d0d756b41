// A device LibreNMS re-added under a new id: same hostname, old id gone; its refs move to the new one.
import { deviceRef, portRef } from './refs.js';

/** A device as reconciliation knows it; `listed`: LibreNMS lists it now, `gone`: it stopped. */
export interface KnownDevice {
  id: number;
  hostname: string;
  /** LibreNMS listed it once and lists it no more */
  gone: boolean;
  /** LibreNMS lists it now */
  listed: boolean;
}

export interface Reidentification {
  from: number;
  to: number;
  hostname: string;
}

/**
 * Pairs each gone device with the one listed device that holds its hostname (case-insensitive).
 * A hostname listed under several ids pairs nothing (which one would be a guess). Ordered by the
 * gone device's id.
 */
export function reidentifiedDevices(devices: Iterable<KnownDevice>): Reidentification[] {
  const listed = new Map<string, number[]>();
  const gone: KnownDevice[] = [];
  for (const d of devices) {
    const key = d.hostname.toLowerCase();
    if (d.listed) listed.set(key, [...(listed.get(key) ?? []), d.id]);
    else if (d.gone) gone.push(d);
  }
  const out: Reidentification[] = [];
  for (const d of gone.sort((x, y) => x.id - y.id)) {
    const holders = listed.get(d.hostname.toLowerCase()) ?? [];
    const [to] = holders;
    if (holders.length === 1 && to !== undefined && to !== d.id) {
      out.push({ from: d.id, to, hostname: d.hostname });
    }
  }
  return out;
}

export interface NamedPort {
  id: number;
  ifName: string;
}

/**
 * Ref mapping of one re-identified device: the device, and each old port whose ifName is unique
 * on the old device and names exactly one port of the new one (others keep their refs).
 */
export function reidentifiedRefs(
  r: Reidentification,
  oldPorts: readonly NamedPort[],
  newPorts: readonly NamedPort[],
): Map<string, string> {
  const map = new Map([[deviceRef(r.from), deviceRef(r.to)]]);
  const byName = new Map<string, number[]>();
  for (const p of newPorts) byName.set(p.ifName, [...(byName.get(p.ifName) ?? []), p.id]);
  const oldCount = new Map<string, number>();
  for (const p of oldPorts) oldCount.set(p.ifName, (oldCount.get(p.ifName) ?? 0) + 1);
  for (const p of oldPorts) {
    const match = byName.get(p.ifName) ?? [];
    if (oldCount.get(p.ifName) === 1 && match.length === 1 && match[0] !== p.id) {
      map.set(portRef(p.id), portRef(match[0]!));
    }
  }
  return map;
}
