// Engine benchmark, "graph build from the database": the S network in a temp SQLite file, then the
// engine host's start-up (plain SQL reads, the build, the first commit) and a restart from the mark.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager, Knex } from '@mikro-orm/knex';
import { pino } from 'pino';
import { createLogger } from '../src/config/logger.js';
import { rowValues, EVENT_COLUMNS } from '../src/db/event-writer-rows.js';
import { initOrm } from '../src/db/orm.js';
import { sqlInstant } from '../src/db/sql-instant.js';
import type { AlertEvent } from '../src/domain/events.js';
import { EngineHost } from '../src/services/engine-host.js';
import { EventBus } from '../src/services/event-bus.js';
import type { Network } from './engine-network.js';
import { fmt, ms, now, rssMb } from './engine-measure.js';

const CHUNK = 400;
const byCodeUnit = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

async function insertInventory(knex: Knex, net: Network): Promise<void> {
  const inv = net.inventory;
  const createdAt = sqlInstant('sqlite', new Date(0));
  await knex.batchInsert(
    'customers',
    inv.customers.map((c) => ({
      key: c.key,
      name: c.name,
      timezone: 'UTC',
      created_at: createdAt,
    })),
    CHUNK,
  );
  const ids = new Map<string, number>(
    ((await knex('customers').select('id', 'key')) as { id: number; key: string }[]).map((r) => [
      r.key,
      r.id,
    ]),
  );
  const devices = inv.devices.map((d) => ({
    ...{ id: d.id, hostname: d.hostname, label: null, location: null },
    ...{ role: d.role, groups: '[]', declared: true },
  }));
  await knex.batchInsert('devices', devices, CHUNK);
  const ports = inv.ports.map((p) => ({
    ...{ id: p.id, device_id: p.deviceId },
    if_name: p.ifName,
    declared: true,
  }));
  await knex.batchInsert('ports', ports, CHUNK);
  const links = inv.links.map((l) => {
    const [a, b] = [l.a, l.b].sort(byCodeUnit);
    return { a, b, source: 'inventory' };
  });
  await knex.batchInsert('links', links, CHUNK);
  const services = inv.services.map((s) => ({
    ...{ key: s.key, customer_id: ids.get(s.customer), name: s.name, sla_target: s.slaTarget },
    ...{ active_from: null, active_until: null, requires: JSON.stringify(s.requires) },
    hidden: false,
  }));
  await knex.batchInsert('services', services, CHUNK);
}

async function insertEvents(knex: Knex, events: readonly AlertEvent[]): Promise<void> {
  const rows = events.map((e) => {
    const values = rowValues('sqlite', e, '{}');
    return Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, values[i]]));
  });
  await knex.batchInsert('events', rows, 100);
}

async function timedStart(fork: () => EntityManager, label: string): Promise<void> {
  const logger = createLogger('error', pino.destination({ fd: 2, sync: true }));
  const host = new EngineHost({ fork, bus: new EventBus(), settings: {}, logger });
  const start = now();
  await host.start();
  const problems = await host.check();
  console.log(
    `  ${label}: ${fmt(ms(start) / 1000)} s, RSS ${fmt(rssMb(), 0)} MB` +
      (problems.length > 0 ? `  (${problems.join('; ')})` : ''),
  );
  await host.close();
}

/** Stores the network and `events` in a temp SQLite file and times the engine host's start. */
export async function databaseBuild(net: Network, events: readonly AlertEvent[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pathuptime-bench-'));
  const orm = await initOrm({ dialect: 'sqlite', path: join(dir, 'bench.sqlite') });
  try {
    const knex = (orm.em as EntityManager).getKnex();
    const start = now();
    await insertInventory(knex, net);
    await insertEvents(knex, events);
    console.log(
      `  rows stored (knex batch inserts, ${events.length} events) in ${fmt(ms(start) / 1000)} s`,
    );
    const fork = () => orm.em.fork() as EntityManager;
    await timedStart(fork, 'graph build from the database (engine host start, first commit)');
    await timedStart(fork, 'restart from the stored mark');
  } finally {
    await orm.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
