// Inventory versions on each dialect: models stored compressed and read back, the first version's
// "all time", heads in order, and the history the engine keeps before each service's floor.
import type { EntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitTransitions, historyBefore } from '../../src/db/engine-store.js';
import {
  insertVersion,
  modelDigest,
  versionHeads,
  versionModel,
  versionServices,
} from '../../src/db/inventory-versions.js';
import { initOrm, type Orm } from '../../src/db/orm.js';
import type { InventoryModel } from '../../src/domain/inventory-versions.js';
import { createTestDatabase, targetDialect, type TestDatabase } from '../helpers/databases.js';

let database: TestDatabase;
let orm: Orm;
const knex = () => (orm.em.fork() as EntityManager).getKnex();

beforeAll(async () => {
  database = await createTestDatabase(targetDialect());
  orm = await initOrm(database.db);
});
afterAll(async () => {
  await orm.close();
  await database.drop();
});

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
});
