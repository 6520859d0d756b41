// Engine benchmark, "graph build from the database": the generated network in a temp SQLite file
// (batched multi-row inserts in one transaction per table), then each start-up measured in a fresh
// child process (bench/engine-start.ts) so that its RSS is its own: a cold start (no mark: build,
// apply every event, first full write of transitions), a restart from the stored mark, and the
// cold start's phases one by one.
import { spawnSync } from 'node:child_process';
import { startFlags } from './ingest-proc.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager, Knex } from '@mikro-orm/knex';
import { rowValues, EVENT_COLUMNS } from '../src/db/event-writer-rows.js';
import { initOrm } from '../src/db/orm.js';
import { sqlInstant } from '../src/db/sql-instant.js';
import type { AlertEvent } from '../src/domain/events.js';
import type { Network } from './engine-network.js';
import { fmt, ms, now } from './engine-measure.js';

/** Rows per INSERT: SQLite binds at most 32,766 values in one statement. */
const VALUES_PER_INSERT = 30_000;
const byCodeUnit = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Plain multi-row `INSERT ... VALUES (...), (...)` statements of at most VALUES_PER_INSERT values. */
async function insertRows(
  trx: Knex.Transaction,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const columns = Object.keys(rows[0] ?? {});
  const chunk = Math.floor(VALUES_PER_INSERT / Math.max(1, columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const head = `insert into \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) values `;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const values = part.flatMap((r) => columns.map((c) => r[c] as Knex.Value));
    await trx.raw(head + part.map(() => tuple).join(', '), values);
  }
}

async function insertInventory(trx: Knex.Transaction, net: Network): Promise<void> {
  const inv = net.inventory;
  const createdAt = sqlInstant('sqlite', new Date(0));
  await insertRows(
    trx,
    'customers',
    inv.customers.map((c) => ({
      key: c.key,
      name: c.name,
      timezone: 'UTC',
      created_at: createdAt,
    })),
  );
  const rows = (await trx('customers').select('id', 'key')) as { id: number; key: string }[];
  const ids = new Map(rows.map((r) => [r.key, r.id]));
  const devices = inv.devices.map((d) => ({
    ...{ id: d.id, hostname: d.hostname, label: null, location: null },
    ...{ role: d.role, groups: '[]', declared: true },
  }));
  await insertRows(trx, 'devices', devices);
  const ports = inv.ports.map((p) => ({
    ...{ id: p.id, device_id: p.deviceId },
    ...{ if_name: p.ifName, declared: true },
  }));
  await insertRows(trx, 'ports', ports);
  const links = inv.links.map((l) => {
    const [a, b] = [l.a, l.b].sort(byCodeUnit);
    return { a, b, source: 'inventory' };
  });
  await insertRows(trx, 'links', links);
  const services = inv.services.map((s) => ({
    ...{ key: s.key, customer_id: ids.get(s.customer), name: s.name, sla_target: s.slaTarget },
    ...{ active_from: null, active_until: null, requires: JSON.stringify(s.requires) },
    hidden: false,
  }));
  await insertRows(trx, 'services', services);
}

async function insertEvents(trx: Knex.Transaction, events: readonly AlertEvent[]): Promise<void> {
  const rows = events.map((e) => {
    const values = rowValues('sqlite', e, '{}');
    return Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, values[i]]));
  });
  await insertRows(trx, 'events', rows);
}

/** Runs one start-up mode in a fresh process; its lines go straight to our output. */
function child(path: string, mode: string, size: string): void {
  // the server's own node flags (npm start), as the start-up measured is the server's
  const args = [
    ...startFlags(),
    '--max-old-space-size=4096',
    '--import',
    'tsx',
    'bench/engine-start.ts',
  ];
  const run = spawnSync(process.execPath, [...args, path, mode, size], { stdio: 'inherit' });
  if (run.status !== 0) console.log(`  (${mode} start-up process failed: ${run.status})`);
}

/** Stores the network and `events` in a new SQLite file at `path` (migrated first); prints the time. */
export async function storeNetwork(
  path: string,
  net: Network,
  events: readonly AlertEvent[],
): Promise<void> {
  const orm = await initOrm({ dialect: 'sqlite', path });
  try {
    const knex = (orm.em as EntityManager).getKnex();
    const start = now();
    await knex.transaction(async (trx) => {
      await insertInventory(trx, net);
      await insertEvents(trx, events);
    });
    console.log(
      `  rows stored (multi-row inserts, one transaction, ${events.length} events) in ${fmt(ms(start) / 1000)} s`,
    );
  } finally {
    await orm.close();
  }
}

/** Stores the network and `events` in a temp SQLite file and times the engine host's start-ups. */
export async function databaseBuild(
  net: Network,
  events: readonly AlertEvent[],
  size: string,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pathuptime-bench-'));
  const path = join(dir, 'bench.sqlite');
  try {
    await storeNetwork(path, net, events);
    child(path, 'cold', size);
    child(path, 'restart', size);
    child(path, 'phases', size);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
