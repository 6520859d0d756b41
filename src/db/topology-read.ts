// Compact reads of the stored topology (plain SQL, paged): id → the few fields a run compares.
import type { Knex } from '@mikro-orm/knex';
import { ComponentStates, detailsDigest } from './component-states.js';

export { ComponentStates, detailsDigest, type StoredComponent } from './component-states.js';

export interface StoredDevice {
  hostname: string;
  location: string | null;
  groups: string;
  declared: boolean;
}

export interface StoredPort {
  deviceId: number;
  ifName: string;
  declared: boolean;
}

const PAGE = 5000;

/** Reads `table` in pages ordered by `key` (only keys starting with `prefix`), row by row. */
async function paged<R extends Record<string, unknown>>(
  knex: Knex,
  table: string,
  key: string,
  columns: string[],
  each: (row: R) => void,
  prefix = '',
): Promise<void> {
  let after: string | number | null = null;
  for (;;) {
    const q = knex(table).select(columns).orderBy(key).limit(PAGE);
    if (prefix) q.where(key, 'like', `${prefix}%`);
    const rows = (await (after === null ? q : q.where(key, '>', after))) as R[];
    for (const r of rows) each(r);
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]![key] as string | number;
  }
}

const flag = (v: unknown) => Boolean(Number(v));

export async function readDevices(knex: Knex): Promise<Map<number, StoredDevice>> {
  const out = new Map<number, StoredDevice>();
  type Row = {
    id: unknown;
    hostname: string;
    location: string | null;
    groups: string;
    declared: unknown;
  };
  await paged<Row>(
    knex,
    'devices',
    'id',
    ['id', 'hostname', 'location', 'groups', 'declared'],
    (r) =>
      out.set(Number(r.id), {
        hostname: r.hostname,
        location: r.location,
        groups: r.groups,
        declared: flag(r.declared),
      }),
  );
  return out;
}

export async function readPorts(knex: Knex): Promise<Map<number, StoredPort>> {
  const out = new Map<number, StoredPort>();
  type Row = { id: unknown; device_id: unknown; if_name: string; declared: unknown };
  await paged<Row>(knex, 'ports', 'id', ['id', 'device_id', 'if_name', 'declared'], (r) =>
    out.set(Number(r.id), {
      deviceId: Number(r.device_id),
      ifName: r.if_name,
      declared: flag(r.declared),
    }),
  );
  return out;
}

/** Component states, all of them or those whose ref starts with `prefix` (`device:`). */
export async function readComponents(knex: Knex, prefix = ''): Promise<ComponentStates> {
  const out = new ComponentStates();
  type Row = { ref: string; status: string; last_discovered: unknown; details: string };
  const columns = ['ref', 'status', 'last_discovered', 'details'];
  await paged<Row>(
    knex,
    'librenms_components',
    'ref',
    columns,
    (r) =>
      out.set(r.ref, {
        status: r.status,
        lastDiscovered: r.last_discovered === null ? null : Number(r.last_discovered),
        digest: detailsDigest(r.details),
      }),
    prefix,
  );
  return out;
}
