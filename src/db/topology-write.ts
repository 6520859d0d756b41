// Bounded-batch writes of a topology run's staged rows (plain knex upserts, inside its transaction).
import type { Knex } from '@mikro-orm/knex';

/** Rows per statement: knex writes SQLite multi-row inserts as a compound SELECT (max 500 terms). */
const CHUNK = 400;

export interface DeviceInsert {
  id: number;
  hostname: string;
  label: null;
  location: string | null;
  role: null;
  groups: string;
  declared: 0 | 1;
}

export interface PortInsert {
  id: number;
  device_id: number;
  if_name: string;
  declared: 0;
}

export interface ComponentInsert {
  ref: string;
  status: string;
  last_discovered: number | null;
  details: string;
}

/** What a topology run writes: staged in memory until every check passed. */
export interface TopologyWrites {
  /** imported devices: hostname, location and groups follow LibreNMS */
  devices: DeviceInsert[];
  /** declared devices: only their groups follow LibreNMS */
  deviceGroups: DeviceInsert[];
  ports: PortInsert[];
  components: ComponentInsert[];
  /** component refs to mark absent */
  absent: string[];
}

export const noWrites = (): TopologyWrites => ({
  devices: [],
  deviceGroups: [],
  ports: [],
  components: [],
  absent: [],
});

async function upsert<R extends object>(
  trx: Knex,
  table: string,
  rows: readonly R[],
  key: string,
  merge: string[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx(table)
      .insert(rows.slice(i, i + CHUNK))
      .onConflict(key)
      .merge(merge);
  }
}

/** Applies the staged rows in chunks; the caller holds the transaction. */
export async function applyTopologyWrites(trx: Knex, w: TopologyWrites): Promise<void> {
  await upsert(trx, 'devices', w.devices, 'id', ['hostname', 'location', 'groups']);
  await upsert(trx, 'devices', w.deviceGroups, 'id', ['groups']);
  await upsert(trx, 'ports', w.ports, 'id', ['device_id', 'if_name']);
  const merge = ['status', 'last_discovered', 'details'];
  await upsert(trx, 'librenms_components', w.components, 'ref', merge);
  for (let i = 0; i < w.absent.length; i += CHUNK) {
    await trx('librenms_components')
      .whereIn('ref', w.absent.slice(i, i + CHUNK))
      .update({ status: 'absent' });
  }
}
