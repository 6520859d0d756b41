// The event log on each dialect: instants stay UTC (even in a DST fall-back hour under
// TZ=Europe/Amsterdam), duplicates are idempotent under concurrency, faults enrich.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { EventWriter, type StoreResult } from '../../src/db/event-writer.js';
import { SQLITE_WORKER_URL } from '../../src/db/event-writer-sqlite.js';
import { SqliteCheckpointer, type CheckpointResult } from '../../src/db/sqlite-checkpointer.js';
import { StoredEventSchema } from '../../src/db/entities/event.js';
import { MySqlDriver } from '@mikro-orm/mysql';
import { initOrm, type Orm } from '../../src/db/orm.js';
import { createLogger } from '../../src/config/logger.js';
import type { AlertEvent } from '../../src/domain/events.js';
import { targetDialect } from '../helpers/databases.js';
import { useTestOrm } from '../helpers/test-orm.js';

const t = useTestOrm();
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
  const em = t.orm.em as EntityManager;
  writer = new EventWriter(em.getKnex(), t.database.db.dialect);
});
afterAll(async () => {
  await writer.close();
});

describe(`event log on ${targetDialect()} (TZ=${process.env.TZ ?? 'unset'})`, () => {
  // 2026-10-25: Europe/Amsterdam falls back at 01:00Z; both instants read 02:30 local time.
  const before = Date.UTC(2026, 9, 25, 0, 30, 0) / 1000;
  const after = Date.UTC(2026, 9, 25, 1, 30, 0) / 1000;

  it('stores instants inside a DST fall-back hour as the same UTC instants', async () => {
    const a = await writer.store(event(1, { at: before, receivedAt: before + 1 }), '{}');
    const b = await writer.store(event(2, { at: after, receivedAt: after + 1 }), '{}');
    const em = t.orm.em.fork();
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
    const em = t.orm.em.fork();
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
    const knex = (t.orm.em as EntityManager).getKnex();
    const rows = await knex('events').whereBetween('log_id', [100, 129]).count({ n: '*' });
    expect(Number(rows[0]?.n)).toBe(30);
  });

  it('attaches faults to an event stored without them, once', async () => {
    const lite = await writer.store(event(500, { faults: null }), '{}');
    const full = await writer.store(event(500, { faults: ['port:1', 'port:2'] }), '{}');
    const again = await writer.store(event(500, { faults: ['port:9'] }), '{}');
    expect(full).toEqual({ id: lite.id, duplicate: true, enriched: true });
    expect(again).toEqual({ id: lite.id, duplicate: true, enriched: false });
    const row = await t.orm.em.fork().findOneOrFail(StoredEventSchema, { id: lite.id });
    expect(row.faults).toBe('port:1;port:2');
    expect(row.enrichedAt).toBeInstanceOf(Date);
  });

  it('keeps a large body and unicode intact', async () => {
    const body = JSON.stringify({ ifAlias: 'CUST:Zoë "primary" \uFFFD', pad: 'x'.repeat(200_000) });
    const r = await writer.store(event(600), body);
    const row = await t.orm.em.fork().findOneOrFail(StoredEventSchema, { id: r.id });
    expect(row.body).toBe(body);
  });
});

const knex = () => (t.orm.em as EntityManager).getKnex();
const countRows = async (from: number, to: number) =>
  Number((await knex()('events').whereBetween('log_id', [from, to]).count({ n: '*' }))[0]?.n);

describe(`the event writer's batches on ${targetDialect()}`, () => {
  it('keeps each key once, enriches once, across batches committed while others queue', async () => {
    const committed: StoreResult[][] = [];
    const w = new EventWriter(knex(), t.database.db.dialect, (r) => committed.push(r));
    const calls: Array<{ logId: number; lite: boolean; result: Promise<StoreResult> }> = [];
    // waves a few ms apart: some join the batch in flight's successor, some a later one
    for (let wave = 0; wave < 6; wave++) {
      for (let i = 0; i < 60; i++) {
        const logId = 1000 + ((i * 7 + wave * 13) % 40);
        const lite = (i + wave) % 3 === 0;
        const e = event(logId, { faults: lite ? null : [`port:${logId}`] });
        calls.push({ logId, lite, result: w.store(e, `{"wave":${wave}}`) });
      }
      await new Promise((r) => setTimeout(r, wave));
    }
    const results = await Promise.all(calls.map((c) => c.result));
    await w.close();
    expect(committed.length).toBeGreaterThan(1);
    expect(committed.flat()).toHaveLength(calls.length);
    const byKey = new Map<number, { id: number; news: number; enriched: number; lite: boolean }>();
    results.forEach((r, i) => {
      const { logId, lite } = calls[i]!;
      const k = byKey.get(logId) ?? { id: r.id, news: 0, enriched: 0, lite };
      expect(r.id).toBe(k.id);
      if (!r.duplicate) k.news++;
      if (r.enriched) k.enriched++;
      expect(r.duplicate || !r.enriched).toBe(true);
      byKey.set(logId, k);
    });
    for (const [logId, k] of byKey) {
      expect(k.news, `log ${logId}`).toBe(1);
      // the first call for a key decides: a lite event is enriched by the next full one, once
      expect(k.enriched, `log ${logId}`).toBe(k.lite ? 1 : 0);
    }
    expect(await countRows(1000, 1039)).toBe(40);
    const rows = await knex()('events').whereBetween('log_id', [1000, 1039]).select('faults');
    expect(rows.every((r: { faults: string | null }) => r.faults !== null)).toBe(true);
  });

  it('enriches an event that was new in the same batch', async () => {
    const [lite, full, again] = await Promise.all([
      writer.store(event(1100, { faults: null }), '{}'),
      writer.store(event(1100, { faults: ['port:5'] }), '{}'),
      writer.store(event(1100, { faults: ['port:6'] }), '{}'),
    ]);
    expect(lite).toEqual({ id: lite!.id, duplicate: false, enriched: false });
    expect(full).toEqual({ id: lite!.id, duplicate: true, enriched: true });
    expect(again).toEqual({ id: lite!.id, duplicate: true, enriched: false });
    const row = await t.orm.em.fork().findOneOrFail(StoredEventSchema, { id: lite!.id });
    expect(row.faults).toBe('port:5');
    expect(row.enrichedAt).toBeInstanceOf(Date);
  });

  it('drains the batch in flight and then closes; later stores are refused', async () => {
    const w = new EventWriter(knex(), t.database.db.dialect);
    const pending = Array.from({ length: 300 }, (_, i) => w.store(event(1200 + i), '{}'));
    await w.close();
    const settled = await Promise.allSettled(pending);
    expect(settled.every((s) => s.status === 'fulfilled')).toBe(true);
    expect(await countRows(1200, 1499)).toBe(300);
    if (t.database.db.dialect === 'sqlite')
      await expect(w.store(event(1500), '{}')).rejects.toThrow(/closed/);
  });
});

describe.skipIf(targetDialect() !== 'sqlite')('the SQLite event-log worker', () => {
  let dir: string;
  let crashingWorker: URL;
  beforeAll(() => {
    // a wrapper around the real worker whose thread dies inside the INSERT of log id 666
    dir = mkdtempSync(join(tmpdir(), 'pu-worker-'));
    const file = join(dir, 'crashing-worker.mjs');
    writeFileSync(
      file,
      `import { createRequire } from 'node:module';
const Database = createRequire(${JSON.stringify(SQLITE_WORKER_URL.href)})('better-sqlite3');
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (sql) {
  const stmt = prepare.call(this, sql);
  if (!sql.startsWith('INSERT')) return stmt;
  const run = stmt.run.bind(stmt);
  stmt.run = (row) => {
    const out = run(row);
    if (row[1] === 666) process.exit(3);
    return out;
  };
  return stmt;
};
await import(${JSON.stringify(SQLITE_WORKER_URL.href)});
`,
    );
    crashingWorker = pathToFileURL(file);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects the callers of a batch whose worker died, and the next batch works', async () => {
    const w = new EventWriter(knex(), 'sqlite', undefined, { workerUrl: crashingWorker });
    const ok = await w.store(event(2000), '{}');
    expect(ok.duplicate).toBe(false);
    const doomed = [2001, 2002, 666, 2003].map((id) => w.store(event(id), '{}'));
    const settled = await Promise.allSettled(doomed);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(String((settled[0] as PromiseRejectedResult).reason)).toMatch(/exited with code 3/);
    // the dead worker's transaction was rolled back: nothing of that batch is stored
    expect(await countRows(2001, 2003)).toBe(0);
    // a new worker takes the next batch (the retry of the rejected events)
    const retried = await Promise.all([2001, 2002, 2003].map((id) => w.store(event(id), '{}')));
    expect(retried.map((r) => r.duplicate)).toEqual([false, false, false]);
    expect(await countRows(2000, 2003)).toBe(4);
    await w.close();
  });

  it("logs its own connection's journal mode and synchronous setting (WAL, FULL)", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger('info', { write: (l: string) => void lines.push(JSON.parse(l)) });
    const w = new EventWriter(knex(), 'sqlite', undefined, { logger });
    await w.store(event(4900), '{}');
    await w.close();
    const line = lines.find((l) => String(l.msg).startsWith('event log:'));
    expect(line).toMatchObject({ level: 30, journalMode: 'wal', synchronous: 'FULL' });
    expect(line!.msg).toBe('event log: journal_mode=wal synchronous=FULL');
  });

  it('checkpoints the WAL in a thread of its own, so the WAL stays short', async () => {
    const path = (t.database.db as { path: string }).path;
    // no connection checkpoints inside a commit: the ORM's (here) and the writer's worker
    expect(await knex().raw('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 0 }]);
    const w = new EventWriter(knex(), 'sqlite', undefined, { checkpointIntervalMs: 40 });
    const body = JSON.stringify({ pad: 'x'.repeat(4000) });
    // 10 waves of 100 events of 4 kB: 4 MB through the WAL, which restarts after each checkpoint
    for (let wave = 0; wave < 10; wave++) {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) => w.store(event(5000 + wave * 100 + i), body)),
      );
      await new Promise((r) => setTimeout(r, 120));
    }
    await w.close();
    expect(await countRows(5000, 5999)).toBe(1000);
    expect(statSync(`${path}-wal`).size).toBeLessThan(2_000_000);
  });

  it('reports each checkpoint, and checkpoints once more when closed', async () => {
    const path = (t.database.db as { path: string }).path;
    const seen: CheckpointResult[] = [];
    const checkpointer = new SqliteCheckpointer(path, {
      intervalMs: 60_000,
      onCheckpoint: (r) => seen.push(r),
    });
    await writer.store(event(6000), JSON.stringify({ pad: 'y'.repeat(8000) }));
    await checkpointer.close();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.busy).toBe(0);
    expect(seen[0]!.log).toBeGreaterThan(0);
    expect(seen[0]!.checkpointed).toBe(seen[0]!.log);
  });

  it('refuses a batch that fails in SQL without losing the worker', async () => {
    const w = new EventWriter(knex(), 'sqlite');
    const bad = { ...event(2100), ruleName: null as unknown as string };
    const settled = await Promise.allSettled([w.store(event(2101), '{}'), w.store(bad, '{}')]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(await countRows(2100, 2101)).toBe(0);
    expect((await w.store(event(2101), '{}')).duplicate).toBe(false);
    await w.close();
  });
});

// MariaDB >= 10.5 answers ids through INSERT ... RETURNING; MySQL needs the SELECT after the
// INSERT, forced here (returning: false) since only MariaDB runs on these machines
describe.skipIf(targetDialect() !== 'mariadb').each([
  { returning: true, base: 3000 },
  { returning: false, base: 3100 },
])('the MySQL path (mysql2 connector) on MariaDB, RETURNING $returning', ({ returning, base }) => {
  let mysqlOrm: Orm;
  let w: EventWriter;
  beforeAll(async () => {
    mysqlOrm = await initOrm(t.database.db, { overrides: { driver: MySqlDriver } });
    w = new EventWriter((mysqlOrm.em as EntityManager).getKnex(), 'mysql', undefined, {
      mysqlReturning: returning,
    });
  });
  afterAll(async () => {
    await w.close();
    await mysqlOrm.close();
  });

  it('stores UTC instants, once per key, and enriches once', async () => {
    const at = Date.UTC(2026, 9, 25, 1, 30, 0) / 1000;
    const calls = [0, 1, 0, 1, 2].map((n, i) =>
      w.store(event(base + n, { at, receivedAt: at + 1, faults: i < 2 ? null : ['port:1'] }), '{}'),
    );
    const [a, b, a2, b2, c] = await Promise.all(calls);
    expect([a, b, c].map((r) => r!.duplicate)).toEqual([false, false, false]);
    expect(a2).toEqual({ id: a!.id, duplicate: true, enriched: true });
    expect(b2).toEqual({ id: b!.id, duplicate: true, enriched: true });
    const again = await w.store(event(base + 2), '{}');
    expect(again).toEqual({ id: c!.id, duplicate: true, enriched: false });
    const row = await t.orm.em.fork().findOneOrFail(StoredEventSchema, { id: a!.id });
    expect(row.eventAt.getTime() / 1000).toBe(at);
    expect(row.faults).toBe('port:1');
    expect(await countRows(base, base + 2)).toBe(3);
  });

  it('tells new rows from duplicates after a restart and across batches', async () => {
    // a second writer starts from the table's highest id, as a restarted server would
    const again = new EventWriter((mysqlOrm.em as EntityManager).getKnex(), 'mysql', undefined, {
      mysqlReturning: returning,
    });
    try {
      const old = await again.store(event(base), '{}');
      expect(old.duplicate).toBe(true);
      const fresh = await Promise.all([50, 51, 50].map((n) => again.store(event(base + n), '{}')));
      expect(fresh.map((r) => r.duplicate)).toEqual([false, false, true]);
      expect(fresh[2]!.id).toBe(fresh[0]!.id);
      const later = await again.store(event(base + 51), '{}');
      expect(later).toEqual({ id: fresh[1]!.id, duplicate: true, enriched: false });
    } finally {
      await again.close();
    }
  });
});
