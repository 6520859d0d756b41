// The settings store on SQLite and MariaDB: the switch and the admin's rule effects round-trip,
// and the rules seen in the event log are read by id range with each rule's newest name.
import type { EntityManager } from '@mikro-orm/knex';
import { describe, expect, it } from 'vitest';
import { EventWriter } from '../../src/db/event-writer.js';
import {
  adminRuleEffects,
  readSnmpOnly,
  rulesSeen,
  writeAdminRuleEffect,
  writeSnmpOnly,
} from '../../src/db/settings-repo.js';
import type { AlertEvent } from '../../src/domain/events.js';
import { targetDialect } from '../helpers/databases.js';
import { bareEvent } from '../helpers/librenms-webhooks.js';
import { useTestOrm } from '../helpers/test-orm.js';

const t = useTestOrm();
const em = () => t.orm.em.fork() as EntityManager;
const T0 = 1773475200;

const event = (logId: number, ruleId: number, ruleName: string): AlertEvent =>
  bareEvent({ logId, ruleId, ruleName, at: T0 + logId });

describe(`settings store on ${targetDialect()}`, () => {
  it('stores the SNMP-only switch (off until stored on) and the admin rule effects', async () => {
    expect(await readSnmpOnly(em())).toBe(false);
    const a = em();
    await writeSnmpOnly(a, true, new Date(T0 * 1000));
    await a.flush();
    expect(await readSnmpOnly(em())).toBe(true);
    const b = em();
    await writeSnmpOnly(b, false, new Date(T0 * 1000));
    await b.flush();
    expect(await readSnmpOnly(em())).toBe(false);

    const c = em();
    await writeAdminRuleEffect(c, 9, 'device', new Date(T0 * 1000));
    await writeAdminRuleEffect(c, 4, 'ignore', new Date(T0 * 1000));
    await c.flush();
    expect([...(await adminRuleEffects(em()))]).toEqual([
      [4, 'ignore'],
      [9, 'device'],
    ]);
    const d = em();
    await writeAdminRuleEffect(d, 9, 'port', new Date(T0 * 1000));
    await writeAdminRuleEffect(d, 4, null, new Date(T0 * 1000));
    await d.flush();
    expect([...(await adminRuleEffects(em()))]).toEqual([[9, 'port']]);
  });

  it('reads the rules of the events after an id, each with its newest name', async () => {
    const writer = new EventWriter(em().getKnex(), t.database.db.dialect);
    await writer.store(event(1, 1, 'Devices up/down'), '{}');
    await writer.store(event(2, 9, 'Agg reachability'), '{}');
    await writer.store(event(3, 1, 'Devices up/down'), '{}');
    await writer.store(event(4, 9, 'Agg reachability (renamed)'), '{}');
    await writer.store(event(5, 2, 'Port status up/down'), '{}');
    await writer.close();
    const ids = (await em().getKnex()('events').select('id').orderBy('id')).map((r) =>
      Number(r.id),
    );
    expect(await rulesSeen(em().getKnex(), 0)).toEqual([
      { ruleId: 1, name: 'Devices up/down', lastEventId: ids[2] },
      { ruleId: 2, name: 'Port status up/down', lastEventId: ids[4] },
      { ruleId: 9, name: 'Agg reachability (renamed)', lastEventId: ids[3] },
    ]);
    expect(await rulesSeen(em().getKnex(), ids[3]!)).toEqual([
      { ruleId: 2, name: 'Port status up/down', lastEventId: ids[4] },
    ]);
    expect(await rulesSeen(em().getKnex(), ids[4]!)).toEqual([]);
  });
});
