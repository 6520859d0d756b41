// Bounded-batch writes of a topology run's staged rows (plain knex upserts, inside its transaction).
import type { Knex } from '@mikro-orm/knex';
import { PackedRows } from './packed-rows.js';

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

/** A port to upsert (imported, never declared): id, device id, ifName. */
export type PortInsert = [id: number, deviceId: number, ifName: string];

/** A LibreNMS component state to upsert: ref, status, last discovery, details text. */
export type ComponentInsert = [
  ref: string,
  status: string,
  lastDiscovered: number | null,
  details: string,
];

/** What a topology run writes: staged in memory until every check passed. */
export interface TopologyWrites {
  /** imported devices: hostname, location and groups follow LibreNMS */
  devices: DeviceInsert[];
  /** declared devices: only their groups follow LibreNMS */
  deviceGroups: DeviceInsert[];
  /** packed: a first import stages one of each per port (480,000 at the L size) */
  ports: PackedRows<PortInsert>;
  components: PackedRows<ComponentInsert>;
  /** component refs to mark absent */
  absent: string[];
}

export const noWrites = (): TopologyWrites => ({
  devices: [],
  deviceGroups: [],
  ports: new PackedRows(),
  components: new PackedRows(),
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

/** Upserts packed rows a chunk at a time, each tuple made a row by `row`. */
async function upsertPacked<T extends readonly unknown[], R extends object>(
  trx: Knex,
  table: string,
  packed: PackedRows<T>,
  row: (t: T) => R,
  key: string,
  merge: string[],
): Promise<void> {
  for (const batch of packed.batches(CHUNK)) {
    await trx(table).insert(batch.map(row)).onConflict(key).merge(merge);
  }
}

const portRow = ([id, deviceId, ifName]: PortInsert) => ({
  id,
  device_id: deviceId,
  if_name: ifName,
  declared: 0,
});

const componentRow = ([ref, status, lastDiscovered, details]: ComponentInsert) => ({
  ref,
  status,
  last_discovered: lastDiscovered,
  details,
});

/** Applies the staged rows in chunks; the caller holds the transaction. */
export async function applyTopologyWrites(trx: Knex, w: TopologyWrites): Promise<void> {
  await upsert(trx, 'devices', w.devices, 'id', ['hostname', 'location', 'groups']);
  await upsert(trx, 'devices', w.deviceGroups, 'id', ['groups']);
  await upsertPacked(trx, 'ports', w.ports, portRow, 'id', ['device_id', 'if_name']);
  const merge = ['status', 'last_discovered', 'details'];
  await upsertPacked(trx, 'librenms_components', w.components, componentRow, 'ref', merge);
  for (let i = 0; i < w.absent.length; i += CHUNK) {
    await trx('librenms_components')
      .whereIn('ref', w.absent.slice(i, i + CHUNK))
      .update({ status: 'absent' });
  }
}
