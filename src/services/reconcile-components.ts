// What LibreNMS says about each component (status, last discovery, details), kept per ref.
import type { EntityManager } from '@mikro-orm/knex';
import { LibrenmsComponentSchema, type LibrenmsComponentRow } from '../db/entities/reconcile.js';
import { deviceRef } from '../domain/refs.js';
import type { ApiDevice, ApiPort } from '../librenms/api-types.js';

/** Status of a component LibreNMS stopped listing. */
export const ABSENT = 'absent';

export type ComponentStates = Map<string, LibrenmsComponentRow>;

/** The stored states of devices (a gap run touches no port). */
export async function loadDeviceStates(em: EntityManager): Promise<ComponentStates> {
  const rows = await em.find(LibrenmsComponentSchema, { ref: { $like: 'device:%' } });
  return new Map(rows.map((r) => [r.ref, r]));
}

/** The device fields kept besides its inventory row (parents are LibreNMS dependency parents). */
export function deviceDetails(d: ApiDevice): string {
  return JSON.stringify({
    sysName: d.sysName,
    display: d.display,
    os: d.os,
    type: d.type,
    hardware: d.hardware,
    statusReason: d.status_reason,
    ignore: d.ignore,
    disabled: d.disabled,
    location: d.location,
    parents: d.dependency_parent_id,
  });
}

export function portDetails(p: ApiPort): string {
  return JSON.stringify({
    ifIndex: p.ifIndex,
    ifDescr: p.ifDescr,
    ifAlias: p.ifAlias,
    ifType: p.ifType,
    ifAdminStatus: p.ifAdminStatus,
    ifSpeed: p.ifSpeed,
    disabled: p.disabled,
    ignore: p.ignore,
  });
}

/** Sets a component's state in the unit of work; true when something changed. */
export function setComponentState(
  em: EntityManager,
  states: ComponentStates,
  value: LibrenmsComponentRow,
): boolean {
  const row = states.get(value.ref);
  if (!row) {
    states.set(value.ref, em.create(LibrenmsComponentSchema, value));
    return true;
  }
  if (
    row.status === value.status &&
    row.lastDiscovered === value.lastDiscovered &&
    row.details === value.details
  ) {
    return false;
  }
  Object.assign(row, value);
  return true;
}

/**
 * Device status and details from `/devices`; the last discovery is taken only for the devices in
 * `refreshed` (whose ports were read), else kept as it was.
 */
export function setDeviceStates(
  em: EntityManager,
  states: ComponentStates,
  devices: readonly ApiDevice[],
  refreshed: ReadonlySet<number> = new Set(),
): number {
  let changed = 0;
  for (const d of devices) {
    const ref = deviceRef(d.device_id);
    const kept = states.get(ref)?.lastDiscovered ?? null;
    const value = {
      ref,
      status: d.status ? 'up' : 'down',
      lastDiscovered: refreshed.has(d.device_id) ? d.last_discovered : kept,
      details: deviceDetails(d),
    };
    if (setComponentState(em, states, value)) changed++;
  }
  return changed;
}
