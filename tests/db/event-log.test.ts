// The event log on each dialect: instants stay UTC (even in a DST fall-back hour under
// TZ=Europe/Amsterdam), duplicates are idempotent under concurrency, faults enrich.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { EventWriter } from '../../src/db/event-writer.js';
import { StoredEventSchema } from '../../src/db/entities/event.js';
import { initOrm, type Orm } from '../../src/db/orm.js';
import type { AlertEvent } from '../../src/domain/events.js';
import { createTestDatabase, targetDialect, type TestDatabase } from '../helpers/databases.js';

let database: TestDatabase;
let orm: Orm;
let writer: EventWriter;

const event = (logId: number, over: Partial<AlertEvent> = {}): AlertEvent => ({
  source: 'librenms',
  logId,
  incidentLogId: logId,
  alertId: 7,
  ruleId: 1,
  ruleName: 'Devices up/down',
  deviceId: 43,
  hostname: 'cpe-acme-hq.example.net',
  state: 1,
  at: 1_773_475_924,
  receivedAt: 1_773_475_981,
  faults: ['device:43'],
  statusReasons: ['icmp'],
  ...over,
});

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await initOrm(database.db);
  const em = orm.em as EntityManager;
  writer = new EventWriter(em.getKnex(), database.db.dialect);
});
afterAll(async () => {
  await orm.close();
  await database.drop();
});

describe(`event log on ${targetDialect()} (TZ=${process.env.TZ ?? 'unset'})`, () => {
  // 2026-10-25: Europe/Amsterdam falls back at 01:00Z; both instants read 02:30 local time.
  const before = Date.UTC(2026, 9, 25, 0, 30, 0) / 1000;
  const after = Date.UTC(2026, 9, 25, 1, 30, 0) / 1000;

  it('stores instants inside a DST fall-back hour as the same UTC instants', async () => {
    const a = await writer.store(event(1, { at: before, receivedAt: before + 1 }), '{}');
    const b = await writer.store(event(2, { at: after, receivedAt: after + 1 }), '{}');
    const em = orm.em.fork();
    const rows = await em.find(
      StoredEventSchema,
      { id: { $in: [a.id, b.id] } },
      { orderBy: { id: 'asc' } },
    );
    expect(rows.map((r) => r.eventAt.getTime() / 1000)).toEqual([before, after]);
    expect(rows.map((r) => r.receivedAt.getTime() / 1000)).toEqual([before + 1, after + 1]);
    expect(rows[1]!.eventAt.getTime() - rows[0]!.eventAt.getTime()).toBe(3_600_000);
  });

  it('finds events by a UTC range through the ORM', async () => {
    const em = orm.em.fork();
    const found = await em.find(StoredEventSchema, {
      eventAt: { $gte: new Date(after * 1000), $lt: new Date((after + 60) * 1000) },
    });
    expect(found.map((r) => r.logId)).toEqual([2]);
  });

  it('stores each (log id, state) once under concurrent duplicates', async () => {
    const ids = Array.from({ length: 90 }, (_, i) => 100 + (i % 30));
    const results = await Promise.all(ids.map((id) => writer.store(event(id), '{"n":1}')));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(30);
    const byLog = new Map<number, number>();
    results.forEach((r, i) => {
      const seen = byLog.get(ids[i]!);
      if (seen !== undefined) expect(r.id).toBe(seen);
      byLog.set(ids[i]!, r.id);
    });
    const knex = (orm.em as EntityManager).getKnex();
    const rows = await knex('events').whereBetween('log_id', [100, 129]).count({ n: '*' });
    expect(Number(rows[0]?.n)).toBe(30);
  });

  it('attaches faults to an event stored without them, once', async () => {
    const lite = await writer.store(event(500, { faults: null }), '{}');
    const full = await writer.store(event(500, { faults: ['port:1', 'port:2'] }), '{}');
    const again = await writer.store(event(500, { faults: ['port:9'] }), '{}');
    expect(full).toEqual({ id: lite.id, duplicate: true, enriched: true });
    expect(again).toEqual({ id: lite.id, duplicate: true, enriched: false });
    const row = await orm.em.fork().findOneOrFail(StoredEventSchema, { id: lite.id });
    expect(row.faults).toBe('port:1;port:2');
    expect(row.enrichedAt).toBeInstanceOf(Date);
  });

  it('keeps a large body and unicode intact', async () => {
    const body = JSON.stringify({ ifAlias: 'CUST:Zoë "primary" \uFFFD', pad: 'x'.repeat(200_000) });
    const r = await writer.store(event(600), body);
    const row = await orm.em.fork().findOneOrFail(StoredEventSchema, { id: r.id });
    expect(row.body).toBe(body);
  });
});
