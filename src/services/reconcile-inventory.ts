// Upserts LibreNMS devices and ports into the inventory (source `librenms`); nothing is deleted.
import type { EntityManager } from '@mikro-orm/knex';
import {
  DeviceSchema,
  PortSchema,
  type DeviceRow,
  type PortRow,
} from '../db/entities/component.js';
import type { ApiDevice, ApiPort } from '../librenms/api-types.js';

/** The name a port is shown and referenced by: ifName, else ifDescr, else its index. */
export function portName(p: ApiPort): string {
  return (
    p.ifName ??
    p.ifDescr ??
    (p.ifIndex !== null ? `ifIndex ${p.ifIndex}` : `port ${p.port_id}`)
  ).slice(0, 255);
}

function assignChanged<T extends object>(row: T, values: Partial<T>): boolean {
  const changed = Object.entries(values).some(([k, v]) => row[k as keyof T] !== v);
  if (changed) Object.assign(row, values);
  return changed;
}

/**
 * Devices: imported rows follow LibreNMS (hostname, location, groups); declared rows keep what
 * people entered and only take LibreNMS's device groups (for role rules). Returns changes.
 */
export function upsertDevices(
  em: EntityManager,
  stored: Map<number, DeviceRow>,
  devices: readonly ApiDevice[],
  groupsOf: ReadonlyMap<number, string[]>,
): number {
  let changed = 0;
  for (const d of devices) {
    const groups = JSON.stringify([...(groupsOf.get(d.device_id) ?? [])].sort());
    const row = stored.get(d.device_id);
    const hostname = d.hostname.slice(0, 255);
    const location = d.location?.slice(0, 255) ?? null;
    if (!row) {
      const values = { id: d.device_id, hostname, label: null, location, role: null, groups };
      stored.set(d.device_id, em.create(DeviceSchema, { ...values, declared: false }));
      changed++;
    } else if (assignChanged(row, row.declared ? { groups } : { hostname, location, groups })) {
      changed++;
    }
  }
  return changed;
}

/** Ports: created or updated unless declared. Returns changes. */
export function upsertPorts(
  em: EntityManager,
  stored: Map<number, PortRow>,
  ports: readonly ApiPort[],
): number {
  let changed = 0;
  for (const p of ports) {
    if (p.device_id === null) continue;
    const values = { deviceId: p.device_id, ifName: portName(p) };
    const row = stored.get(p.port_id);
    if (!row) {
      stored.set(p.port_id, em.create(PortSchema, { id: p.port_id, ...values, declared: false }));
      changed++;
    } else if (!row.declared && assignChanged(row, values)) {
      changed++;
    }
  }
  return changed;
}
