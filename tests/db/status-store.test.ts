// The status page's reads on SQLite and MariaDB: the first event of a window, intake counts, 401s.
import type { EntityManager } from '@mikro-orm/knex';
import { describe, expect, it } from 'vitest';
import { EventWriter } from '../../src/db/event-writer.js';
import { sqlInstant } from '../../src/db/sql-instant.js';
import {
  firstEventIdSince,
  futureStampedSince,
  intakeSince,
  latestTestPings,
  refusedSince,
} from '../../src/db/status-repo.js';
import type { AlertEvent } from '../../src/domain/events.js';
import { targetDialect } from '../helpers/databases.js';
import { bareEvent } from '../helpers/librenms-webhooks.js';
import { useTestOrm } from '../helpers/test-orm.js';

const t = useTestOrm();
const knex = () => (t.orm.em as EntityManager).getKnex();
const at = (s: number) => new Date(s * 1000);
/** 2026-03-14T08:00:00Z */
const T0 = 1773475200;

const event = (logId: number, receivedAt: number): AlertEvent =>
  bareEvent({ logId, at: receivedAt - 5, receivedAt });

describe(`status page reads on ${targetDialect()}`, () => {
  it('finds the first event of a window by bisecting ids, and counts the intake', async () => {
    const dialect = t.database.db.dialect;
    const writer = new EventWriter(knex(), dialect);
    // five events received 100 s apart; the last was filled in from the alert log
    for (let i = 0; i < 5; i++) {
      const body = i === 4 ? '{"transport_name":"pathuptime-reconcile-alertlog"}' : '{}';
      await writer.store(event(1000 + i, T0 + i * 100), body);
    }
    await writer.close();
    const ids = (await knex()('events').select('id').orderBy('id')).map((r) => Number(r.id));
    expect(await firstEventIdSince(knex(), at(T0 - 1))).toBe(ids[0]);
    expect(await firstEventIdSince(knex(), at(T0 + 250))).toBe(ids[3]);
    expect(await firstEventIdSince(knex(), at(T0 + 400))).toBe(ids[4]);
    expect(await firstEventIdSince(knex(), at(T0 + 401))).toBe(ids[4]! + 1);

    const k = knex();
    const instant = (s: number) => sqlInstant(dialect, at(s));
    await k('rejected_requests').insert([
      { received_at: instant(T0 + 10), address: null, status: 422, code: 'x', message: 'm' },
      { received_at: instant(T0 + 260), address: null, status: 400, code: 'y', message: 'm' },
    ]);
    await k('test_pings').insert([
      { received_at: instant(T0 + 20), address: '192.0.2.1' },
      { received_at: instant(T0 + 300), address: null },
    ]);
    // 08:00 and 09:00; counted from the 08:00 hour on (07:00 before it)
    await k('auth_failures').insert([
      { hour: instant(T0 - 3600), address: '203.0.113.5', count: 7 },
      { hour: instant(T0), address: '203.0.113.5', count: 2 },
      { hour: instant(T0), address: '203.0.113.9', count: 3 },
      { hour: instant(T0 + 3600), address: '203.0.113.5', count: 1 },
    ]);
    const window = { since: at(T0 + 250), hoursSince: at(T0) };
    expect(await intakeSince(k, dialect, window, 'pathuptime-reconcile-alertlog')).toEqual({
      stored: 2,
      filled: 1,
      rejected: 1,
      refused: 6,
      testPings: 1,
    });
    expect(await refusedSince(k, dialect, at(T0))).toEqual([
      { hour: at(T0 + 3600), address: '203.0.113.5', count: 1 },
      { hour: at(T0), address: '203.0.113.9', count: 3 },
      { hour: at(T0), address: '203.0.113.5', count: 2 },
    ]);
    expect(await latestTestPings(k, 5)).toEqual([
      { receivedAt: at(T0 + 300), address: null },
      { receivedAt: at(T0 + 20), address: '192.0.2.1' },
    ]);
  });

  it('finds events stamped more than 5 minutes after their arrival', async () => {
    const dialect = t.database.db.dialect;
    const writer = new EventWriter(knex(), dialect);
    const T1 = T0 + 86_400;
    const stamped = (logId: number, ahead: number) => ({ ...event(logId, T1), at: T1 + ahead });
    await writer.store(stamped(2001, 301), '{}');
    await writer.store(stamped(2002, 300), '{}');
    await writer.store(stamped(2003, -3600), '{}');
    await writer.store(stamped(2004, 7200), '{}');
    await writer.close();
    const found = await futureStampedSince(knex(), dialect, at(T1), 300, 1);
    expect(found.total).toBe(2);
    expect(found.rows).toEqual([
      {
        id: expect.any(Number),
        logId: 2004,
        hostname: 'cpe-43',
        eventAt: at(T1 + 7200),
        receivedAt: at(T1),
      },
    ]);
    // the events of the first test were received before the window
    expect((await futureStampedSince(knex(), dialect, at(T1 + 1), 300, 10)).total).toBe(0);
  });
});
