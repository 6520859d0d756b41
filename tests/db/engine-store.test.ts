// The engine's persistence on each dialect: transitions replaced per span with the mark in one
// transaction, a failed write keeps both, and a host restart resumes from the mark.
import type { EntityManager } from '@mikro-orm/knex';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import {
  commitTransitions,
  readMark,
  storedTransitions,
  type StoredTransition,
} from '../../src/db/engine-store.js';
import { EventWriter } from '../../src/db/event-writer.js';
import { EngineHost } from '../../src/services/engine-host.js';
import { EventBus } from '../../src/services/event-bus.js';
import { InventoryService } from '../../src/services/inventory.js';
import { DEVICE_DOWN_EVENT } from '../helpers/librenms-webhooks.js';
import { targetDialect } from '../helpers/databases.js';
import { useTestOrm } from '../helpers/test-orm.js';

const t = useTestOrm();
const em = () => t.orm.em.fork() as EntityManager;
const knex = () => em().getKnex();
const up = { down: false, planned: false, atRisk: false, rootCause: [] };
const down = (at: number, service = 's1'): StoredTransition => ({
  service,
  at,
  down: true,
  planned: false,
  atRisk: false,
  rootCause: ['device:1', 'port:7'],
});

describe(`engine store on ${targetDialect()}`, () => {
  it('replaces transitions inside each span only, and moves the mark with them', async () => {
    expect(await readMark(knex())).toEqual({ appliedThroughEventId: 0, inputsDigest: '' });
    const first = [down(100), { service: 's1', at: 200, ...up }, down(150, 's2')];
    const all = [{ service: 's1', start: -Infinity, end: Infinity }];
    await commitTransitions(knex(), { spans: all, transitions: first }, mark(5));
    const span = [{ service: 's1', start: 150, end: 300 }];
    await commitTransitions(knex(), { spans: span, transitions: [down(250)] }, mark(9));
    expect(await storedTransitions(knex())).toEqual([down(100), down(250), down(150, 's2')]);
    expect(await readMark(knex())).toEqual(mark(9));
  });

  it('keeps transitions and mark when the write fails', async () => {
    const before = await storedTransitions(knex());
    const clash = { spans: [], transitions: [down(100)] }; // (s1, 100) is stored already
    await expect(commitTransitions(knex(), clash, mark(12))).rejects.toThrow();
    expect(await storedTransitions(knex())).toEqual(before);
    expect(await readMark(knex())).toEqual(mark(9));
  });

  it('persists what a host applies and resumes from the mark after a restart', async () => {
    await knex()('service_transitions').delete();
    await knex()('engine_state').delete();
    const bus = new EventBus();
    const inventory = new InventoryService({ now: () => 1, defaultTimezone: 'UTC', bus });
    await inventory.put(em(), document, null);
    const writer = new EventWriter(knex(), t.database.db.dialect);
    const { id } = await writer.store(DEVICE_DOWN_EVENT, '{}');
    await writer.close();
    const first = host(bus);
    await first.start();
    const stored = await storedTransitions(knex());
    expect(stored.filter((t) => t.at > 0)).toEqual([
      { ...down(DEVICE_DOWN_EVENT.at, 'svc'), rootCause: ['device:43'] },
    ]);
    expect((await readMark(knex())).appliedThroughEventId).toBe(id);
    await first.close();
    const ids = await knex()('service_transitions').select('id').orderBy('id');
    const second = host(new EventBus());
    await second.start();
    expect(await knex()('service_transitions').select('id').orderBy('id')).toEqual(ids);
    await second.close();
  });
});

const mark = (id: number) => ({ appliedThroughEventId: id, inputsDigest: 'd' });
const host = (bus: EventBus) =>
  new EngineHost({
    fork: em,
    bus,
    logger: createLogger('error', pino.destination({ fd: 2, sync: true })),
  });
const document = {
  customers: [{ key: 'c', name: 'C', timezone: 'UTC' }],
  devices: [{ id: 43, hostname: 'cpe-acme-hq.example.net' }],
  services: [{ key: 'svc', customer: 'c', name: 'S', slaTarget: 99, requires: 'device:43' }],
};
