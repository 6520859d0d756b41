// Reads for "services pointing at removed components": visible service rules, component presence.
import type { EntityManager, Knex } from '@mikro-orm/knex';
import { LibrenmsComponentSchema } from './entities/reconcile.js';
import type { Presence, RemovedReason } from '../domain/removed-refs.js';
import { splitIdRef } from '../domain/refs.js';

export interface ServiceRuleRow {
  key: string;
  name: string;
  customerKey: string;
  /** the rule, JSON text */
  requires: string;
}

/** Every visible service with its customer and rule, by customer then service key. */
export async function visibleServiceRules(knex: Knex): Promise<ServiceRuleRow[]> {
  const rows: Array<{ key: string; name: string; customer_key: string; requires: string }> =
    await knex('services as s')
      .join('customers as c', 'c.id', 's.customer_id')
      .where('s.hidden', 0)
      .select('s.key', 's.name', 'c.key as customer_key', 's.requires')
      .orderBy([{ column: 'c.key' }, { column: 's.key' }]);
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    customerKey: r.customer_key,
    requires: r.requires,
  }));
}

const CHUNK = 500;
const ABSENT = 'absent';

async function inChunks<T>(ids: number[], read: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}

async function absentRefs(knex: Knex, refs: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < refs.length; i += CHUNK) {
    const rows: Array<{ ref: string }> = await knex('librenms_components')
      .select('ref')
      .whereIn('ref', refs.slice(i, i + CHUNK))
      .andWhere('status', ABSENT);
    rows.forEach((r) => out.add(r.ref));
  }
  return out;
}

/**
 * For each canonical ref: `gone` when LibreNMS stopped listing it, `device gone` for a port whose
 * device it stopped listing, `unknown` when no such device or port is stored, else null.
 */
export async function componentPresence(knex: Knex, refs: Iterable<string>): Promise<Presence> {
  const devices: number[] = [];
  const ports: number[] = [];
  for (const ref of new Set(refs)) {
    const r = splitIdRef(ref);
    if (r?.kind === 'device') devices.push(r.id);
    else if (r?.kind === 'port') ports.push(r.id);
  }
  const knownDevices = new Set(
    (await inChunks(devices, (c) => knex('devices').select('id').whereIn('id', c))).map((r) =>
      Number((r as { id: unknown }).id),
    ),
  );
  const portRows = await inChunks(ports, (c) =>
    knex('ports').select('id', 'device_id').whereIn('id', c),
  );
  const portDevice = new Map(
    portRows.map((r) => {
      const row = r as { id: unknown; device_id: unknown };
      return [Number(row.id), Number(row.device_id)];
    }),
  );
  const owners = [...new Set(portDevice.values())].map((id) => `device:${id}`);
  const absent = await absentRefs(knex, [
    ...devices.map((id) => `device:${id}`),
    ...ports.map((id) => `port:${id}`),
    ...owners,
  ]);
  const out = new Map<string, RemovedReason | null>();
  for (const id of devices) {
    const ref = `device:${id}`;
    out.set(ref, !knownDevices.has(id) ? 'unknown' : absent.has(ref) ? 'gone' : null);
  }
  for (const id of ports) {
    const ref = `port:${id}`;
    const owner = portDevice.get(id);
    const reason: RemovedReason | null =
      owner === undefined
        ? 'unknown'
        : absent.has(ref)
          ? 'gone'
          : absent.has(`device:${owner}`)
            ? 'device gone'
            : null;
    out.set(ref, reason);
  }
  return out;
}

/** Ids of the devices LibreNMS listed once and lists no more (through `em`, in its transaction). */
export async function goneDeviceIds(em: EntityManager): Promise<Set<number>> {
  const rows = await em.find(
    LibrenmsComponentSchema,
    { status: ABSENT, ref: { $like: 'device:%' } },
    { fields: ['ref'] },
  );
  return new Set(rows.map((r) => Number(r.ref.slice('device:'.length))));
}
