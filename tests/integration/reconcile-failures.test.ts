// A LibreNMS that fails, stalls or lies: the run fails and is recorded, PathUptime keeps serving,
// the next run is fine; a restart in the middle of a run resumes from the cursor.
import type { EntityManager } from '@mikro-orm/knex';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app.js';
import { createLogger } from '../../src/config/logger.js';
import { ReconcileRunSchema, ReconcileStateSchema } from '../../src/db/entities/reconcile.js';
import { initOrm } from '../../src/db/orm.js';
import { postHook } from '../helpers/app.js';
import type { FakeFaults } from '../helpers/fake-librenms.js';
import { sample } from '../helpers/librenms-webhooks.js';
import { alertLogRow, DOWN_AT, startWorld, type World } from '../helpers/reconcile-world.js';

let w: World;
afterEach(async () => w?.close());

const fork = () => w.t.orm.em.fork() as EntityManager;

describe('a LibreNMS that misbehaves', () => {
  it.each<[string, (f: FakeFaults) => void, RegExp]>([
    ['500s', (f) => f.fail('/system', 3), /500/],
    ['slow answers', (f) => f.delay('/system', 700, 3), /did not answer GET \/system/],
    ['connection resets', (f) => f.reset('/logs/alertlog', 3), /GET \/logs\/alertlog/],
    ['401', (f) => f.deny('/system', 401), /401.*LIBRENMS_API_TOKEN/],
    ['malformed JSON', (f) => f.malformed('/alerts'), /malformed JSON/],
  ])('%s: the run fails and is recorded, the next one succeeds', async (_name, fault, message) => {
    w = await startWorld();
    fault(w.fake.faults);
    const failed = await w.t.services.reconcile.run('gap');
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(message);
    expect(failed.endedAt).not.toBeNull();
    expect(failed.requests).toBeGreaterThan(0);
    // webhooks keep working meanwhile
    expect((await postHook(w.t, sample('deviceDown'))).status).toBe(202);
    const next = await w.t.services.reconcile.run('gap');
    expect(next).toMatchObject({ status: 'succeeded', error: null });
    expect(await fork().count(ReconcileRunSchema, {})).toBe(2);
  });

  it('a topology run that fails on the way writes nothing', async () => {
    w = await startWorld();
    w.fake.faults.fail('/resources/links', 3);
    const run = await w.t.services.reconcile.run('topology');
    expect(run.status).toBe('failed');
    const knex = fork().getKnex();
    expect(await knex('devices').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect((await w.t.services.reconcile.run('topology')).status).toBe('succeeded');
  });

  it('resumes from the cursor after PathUptime restarted in the middle of a run', async () => {
    w = await startWorld();
    w.fake.state.alertLog = [1, 2, 3, 4, 5].map((i) => alertLogRow(1000 + i, i % 2, DOWN_AT + i));
    w.fake.state.alerts = [{ id: 512, device_id: 43, rule_id: 1, state: 1, timestamp: null }];
    // page 2 of the alert log (rows 3 and 4) answers slowly: PathUptime stops meanwhile
    w.fake.faults.add('/logs/alertlog', { kind: 'delay', ms: 0 });
    w.fake.faults.delay('/logs/alertlog', 300);
    const first = w.t.services.reconcile.run('gap');
    while (w.fake.stats.count('/logs/alertlog') < 2) await new Promise((r) => setTimeout(r, 5));
    await w.t.services.writer.close();
    await w.t.orm.close();
    await expect(first).rejects.toThrow();

    const logger = createLogger('error', pino.destination({ fd: 2, sync: true }));
    const orm = await initOrm(w.t.config.database);
    const services = createServices(w.t.config, orm, logger, {
      now: () => w.clock.now,
      reconcilePageSize: 2,
    });
    try {
      const em = orm.em.fork() as EntityManager;
      const cursor = await em.findOneOrFail(ReconcileStateSchema, { name: 'alertlog.cursor' });
      expect(cursor.value).toBe('1002');
      const second = await services.reconcile.run('gap');
      expect(second).toMatchObject({ status: 'succeeded', eventsFilled: 3 });
      const runs = await em.fork().find(ReconcileRunSchema, {}, { orderBy: { id: 'asc' } });
      expect(runs.map((r) => [r.status, r.error])).toEqual([
        ['failed', 'interrupted: PathUptime stopped during the run'],
        ['succeeded', null],
      ]);
      const logIds = await em.getKnex()('events').select('log_id').orderBy('log_id');
      expect(logIds.map((r) => Number(r.log_id))).toEqual([1001, 1002, 1003, 1004, 1005]);
    } finally {
      await services.reconcile.close();
      await services.writer.close();
      await orm.close();
      w.t.orm = await initOrm(w.t.config.database);
    }
  });
});
