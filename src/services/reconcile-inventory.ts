// Stages LibreNMS devices and ports for the inventory (source `librenms`); nothing is deleted.
import type { StoredDevice, StoredPort } from '../db/topology-read.js';
import type { TopologyWrites } from '../db/topology-write.js';
import type { ApiDevice, ApiPort } from '../librenms/api-types.js';

/** The name a port is shown and referenced by: ifName, else ifDescr, else its index. */
export function portName(p: ApiPort): string {
  return (
    p.ifName ??
    p.ifDescr ??
    (p.ifIndex !== null ? `ifIndex ${p.ifIndex}` : `port ${p.port_id}`)
  ).slice(0, 255);
}

/**
 * Devices: imported rows follow LibreNMS (hostname, location, groups); declared rows keep what
 * people entered and only take LibreNMS's device groups (for role rules). `stored` is updated in
 * place; returns changes.
 */
export function stageDevices(
  w: TopologyWrites,
  stored: Map<number, StoredDevice>,
  devices: readonly ApiDevice[],
  groupsOf: ReadonlyMap<number, string[]>,
): number {
  let changed = 0;
  for (const d of devices) {
    const groups = JSON.stringify([...(groupsOf.get(d.device_id) ?? [])].sort());
    const row = stored.get(d.device_id);
    const hostname = d.hostname.slice(0, 255);
    const location = d.location?.slice(0, 255) ?? null;
    const insert = { id: d.device_id, hostname, label: null, location, role: null, groups };
    if (row?.declared) {
      if (row.groups === groups) continue;
      row.groups = groups;
      const kept = { hostname: row.hostname, location: row.location };
      w.deviceGroups.push({ ...insert, ...kept, declared: 1 });
    } else if (
      !row ||
      row.hostname !== hostname ||
      row.location !== location ||
      row.groups !== groups
    ) {
      stored.set(d.device_id, { hostname, location, groups, declared: false });
      w.devices.push({ ...insert, declared: 0 });
    } else {
      continue;
    }
    changed++;
  }
  return changed;
}

/** A port: created or updated unless declared (`stored` updated in place); true on a change. */
export function stagePort(w: TopologyWrites, stored: Map<number, StoredPort>, p: ApiPort): boolean {
  if (p.device_id === null) return false;
  const ifName = portName(p);
  const row = stored.get(p.port_id);
  if (row && (row.declared || (row.deviceId === p.device_id && row.ifName === ifName))) {
    return false;
  }
  stored.set(p.port_id, { deviceId: p.device_id, ifName, declared: false });
  w.ports.push([p.port_id, p.device_id, ifName]);
  return true;
}
