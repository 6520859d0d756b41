// LibreNMS links as undirected component pairs: both directions merged, external neighbours left out.
import { linkKey } from '../domain/inventory-entries.js';
import { deviceRef, portRef, splitIdRef } from '../domain/refs.js';
import type { ApiLink } from '../librenms/api-types.js';

export interface Pair {
  a: string;
  b: string;
}

/** What the pairs may refer to: known devices, and each known port's device. */
export interface Known {
  devices: ReadonlySet<number>;
  portDevice: ReadonlyMap<number, number>;
}

function end(port: number | null, device: number | null, known: Known): string | null {
  if (port !== null && known.portDevice.has(port)) return portRef(port);
  if (device !== null && known.devices.has(device)) return deviceRef(device);
  return null;
}

/** The device a ref belongs to (a port's device, or the device itself). */
function owner(ref: string, known: Known): number | null {
  const r = splitIdRef(ref);
  if (!r) return null;
  return r.kind === 'device' ? r.id : (known.portDevice.get(r.id) ?? null);
}

const sortedPair = (a: string, b: string): Pair => (a < b ? { a, b } : { a: b, b: a });

/** `fine` names the same ends as `coarse` or ports of its device ends. */
function refines(fine: Pair, coarse: Pair, known: Known): boolean {
  const covers = (c: string, f: string) =>
    c === f || (c.startsWith('device:') && owner(f, known) === owner(c, known));
  return (
    (covers(coarse.a, fine.a) && covers(coarse.b, fine.b)) ||
    (covers(coarse.a, fine.b) && covers(coarse.b, fine.a))
  );
}

/**
 * One pair per physical link: rows seen from both sides are one pair, a row whose remote port
 * is unresolved is dropped when the other side names the port, `remote_device_id` 0 (external
 * neighbour) and unknown components are left out.
 */
export function mergeLinks(rows: readonly ApiLink[], known: Known): Map<string, Pair> {
  const pairs = new Map<string, Pair>();
  for (const r of rows) {
    if (r.remote_device_id === null) continue;
    const local = end(r.local_port_id, r.local_device_id, known);
    const remote = end(r.remote_port_id, r.remote_device_id, known);
    if (local === null || remote === null || local === remote) continue;
    pairs.set(linkKey(local, remote), sortedPair(local, remote));
  }
  const byDevices = new Map<string, Pair[]>();
  for (const p of pairs.values()) {
    const k = linkKey(String(owner(p.a, known)), String(owner(p.b, known)));
    byDevices.set(k, [...(byDevices.get(k) ?? []), p]);
  }
  for (const group of byDevices.values()) {
    for (const p of group) {
      if (group.some((q) => q !== p && refines(q, p, known))) pairs.delete(linkKey(p.a, p.b));
    }
  }
  return pairs;
}
