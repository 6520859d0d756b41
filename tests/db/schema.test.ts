// Each dialect's migrations produce exactly the schema the entities describe.
import type { EntityManager } from '@mikro-orm/knex';
import { describe, expect, it } from 'vitest';
import { targetDialect } from '../helpers/databases.js';
import { useTestOrm } from '../helpers/test-orm.js';

const t = useTestOrm();

describe(`migrations on ${targetDialect()}`, () => {
  it('leave no difference between the database and the entities', async () => {
    const diff = await t.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('are all applied, and applying again changes nothing', async () => {
    expect(await t.orm.getMigrator().getPendingMigrations()).toEqual([]);
    expect(await t.orm.getMigrator().up()).toEqual([]);
  });

  it('run with the durability settings in force', async () => {
    const knex = (t.orm.em as EntityManager).getKnex();
    if (targetDialect() === 'sqlite') {
      const mode = await knex.raw('pragma journal_mode');
      const sync = await knex.raw('pragma synchronous');
      expect(mode[0].journal_mode).toBe('wal');
      expect(sync[0].synchronous).toBe(2); // FULL
    } else {
      const [rows] = await knex.raw('select @@innodb_flush_log_at_trx_commit as v');
      expect(Number(rows[0].v)).toBe(1);
    }
  });
});
