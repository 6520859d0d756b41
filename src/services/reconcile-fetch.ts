// Reads for a topology run: device groups per device, and ports (in bulk once, then per device).
import { deviceRef } from '../domain/refs.js';
import type { ApiDevice, ApiPort } from '../librenms/api-types.js';
import type { RunContext } from './reconcile-context.js';

export interface FetchedPorts {
  /** ids of the ports read */
  listed: Set<number>;
  /** devices whose ports were read (all of them when `bulk`) */
  devices: Set<number>;
  bulk: boolean;
}

/** Device id → names of its LibreNMS device groups. */
export async function fetchGroups(ctx: RunContext): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  const groups = await ctx.client.deviceGroups();
  const members = await Promise.all(groups.map((g) => ctx.client.groupDevices(g.id)));
  groups.forEach((g, i) => {
    for (const id of members[i]!) out.set(id, [...(out.get(id) ?? []), g.name]);
  });
  return out;
}

/** The last discovery stored per component ref. */
interface KnownDiscovery {
  get(ref: string): { lastDiscovered: number | null } | undefined;
}

/** Devices LibreNMS rediscovered since the last run (their ports may have changed). */
function rediscovered(devices: readonly ApiDevice[], states: KnownDiscovery): ApiDevice[] {
  return devices.filter(
    (d) => (states.get(deviceRef(d.device_id))?.lastDiscovered ?? null) !== d.last_discovered,
  );
}

/**
 * First run: every port, streamed; afterwards the ports of rediscovered devices only. Each port
 * goes to `each` as it arrives (none is kept here).
 */
export async function fetchPorts(
  ctx: RunContext,
  devices: readonly ApiDevice[],
  states: KnownDiscovery,
  bulk: boolean,
  each: (p: ApiPort) => void,
): Promise<FetchedPorts> {
  const listed = new Set<number>();
  const take = (p: ApiPort) => {
    listed.add(p.port_id);
    each(p);
  };
  if (bulk) {
    for await (const p of ctx.client.allPorts()) take(p);
    return { listed, devices: new Set(devices.map((d) => d.device_id)), bulk };
  }
  const changed = rediscovered(devices, states);
  const lists = await Promise.all(changed.map((d) => ctx.client.devicePorts(d.device_id)));
  for (const list of lists) for (const p of list) take(p);
  return { listed, devices: new Set(changed.map((d) => d.device_id)), bulk };
}
