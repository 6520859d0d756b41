// Inventory versions on each dialect: models stored compressed and read back, the first version's
// "all time", heads in order, and the history the engine keeps before each service's floor.
import type { EntityManager } from '@mikro-orm/knex';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createLogger } from '../../src/config/logger.js';
import { commitTransitions, historyBefore, storedTransitions } from '../../src/db/engine-store.js';
import { EventWriter } from '../../src/db/event-writer.js';
import { EngineHost } from '../../src/services/engine-host.js';
import { EventBus } from '../../src/services/event-bus.js';
import { InventoryService } from '../../src/services/inventory.js';
import { DEVICE_DOWN_EVENT } from '../helpers/librenms-webhooks.js';
import {
  insertVersion,
  modelDigest,
  versionHeads,
  versionModel,
  versionServices,
} from '../../src/db/inventory-versions.js';
import type { InventoryModel } from '../../src/domain/inventory-versions.js';
import { targetDialect } from '../helpers/databases.js';
import { useTestOrm } from '../helpers/test-orm.js';

const t = useTestOrm();
const em = () => t.orm.em.fork() as EntityManager;
const knex = () => em().getKnex();

const model = (services: string[]): InventoryModel => ({
  devices: [
    [1, 'core'],
    [2, null],
  ],
  ports: [[10, 2]],
  links: [['device:1', 'port:10']],
  services: services.map((key) => [key, { path: { from: 'device:2', to: ['device:1'] } }]),
  ruleEffects: [{ ruleId: 3, effect: 'device' }],
});

describe(`inventory versions on ${targetDialect()}`, () => {
  it('stores versions in order and reads their models back exactly', async () => {
    const first = model(['a']);
    const second = model(['a', 'b']);
    const common = { effects: '[]', recordedAt: 1_800_000_000 };
    const id1 = await insertVersion(knex(), {
      ...common,
      from: -Infinity,
      model: first,
      addsServices: true,
    });
    const id2 = await insertVersion(knex(), {
      ...common,
      from: 1_800_000_500,
      model: second,
      addsServices: true,
    });
    expect(id2).toBeGreaterThan(id1);
    expect(await versionHeads(knex())).toEqual([
      { id: id1, from: -Infinity, effects: '[]', addsServices: true, digest: modelDigest(first) },
      {
        id: id2,
        from: 1_800_000_500,
        effects: '[]',
        addsServices: true,
        digest: modelDigest(second),
      },
    ]);
    expect(await versionModel(knex(), id2)).toEqual(second);
    expect(await versionServices(knex(), id2)).toEqual(new Set(['a', 'b']));
  });

  it('reads the history before each service floor, the head at -Infinity', async () => {
    const t = (service: string, at: number, down: boolean) => ({
      service,
      at,
      down,
      planned: false,
      atRisk: false,
      rootCause: down ? ['device:2'] : [],
    });
    const rows = [
      t('a', Number.MIN_SAFE_INTEGER, false),
      t('a', 100, true),
      t('a', 200, false),
      t('a', 300, true),
      t('b', Number.MIN_SAFE_INTEGER, false),
      t('b', 150, true),
    ];
    const spans = [
      { service: 'a', start: -Infinity, end: Infinity },
      { service: 'b', start: -Infinity, end: Infinity },
    ];
    await commitTransitions(
      knex(),
      { spans, transitions: rows },
      { appliedThroughEventId: 0, inputsDigest: '' },
    );
    const floors = new Map([
      ['a', 250],
      ['b', -Infinity],
      ['c', 500],
    ]);
    expect(await historyBefore(knex(), floors)).toEqual(
      new Map([['a', [{ ...rows[0]!, at: -Infinity }, rows[1], rows[2]]]]),
    );
  });

  it('a host keeps the history before a rule change and a restart reproduces it', async () => {
    for (const table of ['service_transitions', 'engine_state', 'inventory_versions'])
      await knex()(table).delete();
    const bus = new EventBus();
    const inventory = new InventoryService({ now: () => 1, defaultTimezone: 'UTC', bus });
    const doc = (requires: string, effectiveFrom?: string) => ({
      customers: [{ key: 'c', name: 'C', timezone: 'UTC' }],
      devices: [
        { id: 43, hostname: 'cpe-acme-hq.example.net' },
        { id: 44, hostname: 'cpe-two.example.net' },
      ],
      services: [{ key: 'svc', customer: 'c', name: 'S', slaTarget: 99, requires }],
      ...(effectiveFrom === undefined ? {} : { effectiveFrom }),
    });
    await inventory.put(em(), doc('device:43'), null);
    const writer = new EventWriter(knex(), t.database.db.dialect);
    await writer.store(DEVICE_DOWN_EVENT, '{}'); // device 43 down from then on
    await writer.close();
    const first = host(bus);
    await first.start();
    const change = DEVICE_DOWN_EVENT.at + 600;
    await inventory.put(em(), doc('device:44', new Date(change * 1000).toISOString()), null);
    await first.settled();
    const rows = await storedTransitions(knex());
    expect(rows.filter((t) => t.at > 0).map((t) => [t.at, t.down])).toEqual([
      [DEVICE_DOWN_EVENT.at, true],
      [change, false],
    ]);
    await first.close();
    const ids = await knex()('service_transitions').select('id').orderBy('id');
    const second = host(new EventBus());
    await second.start();
    expect(await storedTransitions(knex())).toEqual(rows);
    expect(await knex()('service_transitions').select('id').orderBy('id')).toEqual(ids);
    expect((await second.current()).engine.floor('svc')).toBe(change);
    await second.close();
  });
});

const host = (bus: EventBus) =>
  new EngineHost({
    fork: em,
    bus,
    logger: createLogger('error', pino.destination({ fd: 2, sync: true })),
  });
