// Reconciliation storage on SQLite and MariaDB: run records, cursors, outages, open keys, mismatches.
import type { EntityManager } from '@mikro-orm/knex';
import { describe, expect, it } from 'vitest';
import { EventWriter } from '../../src/db/event-writer.js';
import { DeviceOutageSchema } from '../../src/db/entities/reconcile.js';
import {
  allOutages,
  createRun,
  failInterruptedRuns,
  findRun,
  finishRun,
  openAlertKeys,
  readState,
  recordTimezoneMismatch,
  statesWithPrefix,
  storedEventTimes,
  writeState,
} from '../../src/db/reconcile-repo.js';
import type { AlertEvent } from '../../src/domain/events.js';
import { targetDialect } from '../helpers/databases.js';
import { bareEvent } from '../helpers/librenms-webhooks.js';
import { useTestOrm } from '../helpers/test-orm.js';

const t = useTestOrm();
const fork = () => t.orm.em.fork() as EntityManager;
const at = (s: number) => new Date(s * 1000);

const event = (logId: number, state: number, t: number, deviceId = 43): AlertEvent =>
  bareEvent({ logId, state, at: t, deviceId, hostname: `cpe-${deviceId}` });

describe(`reconciliation store on ${targetDialect()}`, () => {
  it('records runs, and fails the ones a stopped process left running', async () => {
    const stale = await createRun(fork(), 'gap', at(1000));
    const id = await createRun(fork(), 'gap', at(2000));
    expect(await failInterruptedRuns(fork(), 'gap', id, at(2001))).toBe(1);
    const totals = {
      requests: 7,
      retries: 2,
      errors: 1,
      itemsImported: 3,
      eventsFilled: 4,
      inferredRecoveries: 5,
      librenmsVersion: '26.1.1',
    };
    await finishRun(fork(), id, totals, at(2010), null);
    expect(await findRun(fork(), id)).toMatchObject({
      ...totals,
      status: 'succeeded',
      startedAt: at(2000),
      endedAt: at(2010),
    });
    expect(await findRun(fork(), stale)).toMatchObject({ status: 'failed', endedAt: at(2001) });
    // a failed batched insert's SQL: stored cut to 2,000 characters, with the marker
    await finishRun(fork(), stale, totals, at(2020), 'x'.repeat(5000));
    const error = (await findRun(fork(), stale))?.error ?? '';
    expect(error).toHaveLength(2000);
    expect(error).toBe(`${'x'.repeat(1970)} … [cut: 3030 more characters]`);
  });

  it('keeps named cursors; an unchanged value writes nothing', async () => {
    const em = fork();
    expect(await readState(em, 'alertlog.cursor')).toBeNull();
    await writeState(em, 'alertlog.cursor', '98262');
    await writeState(em, 'rule.9', '{"rule":"x","effect":"device"}');
    await em.flush();
    expect(await readState(fork(), 'alertlog.cursor')).toBe('98262');
    expect([...(await statesWithPrefix(fork(), 'rule.')).keys()]).toEqual(['rule.9']);
  });

  it('stores outage rows unique per (device, going_down), with 64-bit epochs', async () => {
    const em = fork();
    em.create(DeviceOutageSchema, {
      deviceId: 43,
      goingDown: 1773475900,
      upAgain: null,
      snmpOnly: true,
    });
    await em.flush();
    const dup = fork();
    dup.create(DeviceOutageSchema, {
      deviceId: 43,
      goingDown: 1773475900,
      upAgain: 1,
      snmpOnly: false,
    });
    await expect(dup.flush()).rejects.toThrow();
    expect(await allOutages(fork())).toEqual([
      { deviceId: 43, goingDown: 1773475900, upAgain: null, snmpOnly: true },
    ]);
  });

  it('finds the alert keys held open, and event times by id; records a mismatch once', async () => {
    const knex = fork().getKnex();
    const writer = new EventWriter(knex, t.database.db.dialect);
    const stored = await Promise.all([
      writer.store(event(1, 1, 100), '{}'),
      writer.store(event(2, 0, 200), '{}'),
      writer.store(event(3, 1, 300, 50), '{}'),
      writer.store(event(4, 2, 400, 50), '{}'),
      writer.store(event(5, 1, 500, 60), '{}'),
      writer.store(event(6, 9, 600, 60), '{}'),
    ]);
    await writer.close();
    const open = await openAlertKeys(knex);
    expect(open.map((k) => k.deviceId).sort()).toEqual([50, 60]);
    const times = await storedEventTimes(knex, [stored[2]!.id]);
    expect(times.get(stored[2]!.id)).toEqual({ at: 300, body: '{}', logId: 3 });
    const em = fork();
    await recordTimezoneMismatch(em, { logId: 3, webhookAt: 300, alertLogAt: 3900, now: 4000 });
    await em.flush();
    await recordTimezoneMismatch(em, { logId: 3, webhookAt: 300, alertLogAt: 3900, now: 4000 });
    await em.flush();
    expect(await knex('timezone_mismatches').count({ n: '*' })).toEqual([{ n: 1 }]);
  });
});
