// MikroORM set-up for both dialects: SQLite (WAL, synchronous=FULL) and MySQL/MariaDB, UTC always.
import { MikroORM, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { EntityManager } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import { MySqlDriver } from '@mikro-orm/mysql';
import type { Database } from '../config/config.js';
import { entities } from './entities/index.js';
import { migrationsFor } from './migrations.js';

export type Orm = MikroORM;
export type Em = EntityManager;

interface SqliteHandle {
  pragma(sql: string): unknown;
}

function sqliteOptions(path: string): Options {
  return {
    driver: BetterSqliteDriver,
    dbName: path,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteHandle, done: (err: Error | null, conn: SqliteHandle) => void) {
        conn.pragma('journal_mode = WAL');
        conn.pragma('synchronous = FULL');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('foreign_keys = ON');
        done(null, conn);
      },
    },
  };
}

function mysqlOptions(url: string): Options {
  return { driver: MySqlDriver, clientUrl: url, pool: { min: 1, max: 10 } };
}

export function ormOptions(db: Database, overrides: Partial<Options> = {}): Options {
  return {
    ...(db.dialect === 'sqlite' ? sqliteOptions(db.path) : mysqlOptions(db.url)),
    entities,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: migrationsFor(db.dialect),
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    debug: false,
    ...overrides,
  };
}

/** Opens the database and applies pending migrations. */
export async function initOrm(db: Database, overrides: Partial<Options> = {}): Promise<Orm> {
  const orm = await MikroORM.init(ormOptions(db, overrides));
  await orm.getMigrator().up();
  return orm;
}
