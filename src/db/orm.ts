// MikroORM set-up for both dialects: SQLite (WAL, synchronous=FULL) and MySQL/MariaDB, UTC always.
import { MikroORM, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { EntityManager } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import { MariaDbDriver } from '@mikro-orm/mariadb';
import { MySqlDriver } from '@mikro-orm/mysql';
import { createConnection } from 'mysql2/promise';
import type { Database } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { entities } from './entities/index.js';
import { migrationsFor } from './migrations.js';
import { WRITER_PRAGMAS } from './sqlite-pragmas.mjs';

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
        // WAL + FULL, no checkpoint inside a commit: the same list as the event-log worker's
        for (const pragma of WRITER_PRAGMAS) conn.pragma(pragma);
        done(null, conn);
      },
    },
  };
}

function mysqlOptions(url: string, mariadb: boolean): Options {
  // MariaDB gets its own driver: it reads MariaDB's catalogue right (NULL defaults)
  return {
    driver: mariadb ? MariaDbDriver : MySqlDriver,
    clientUrl: url,
    pool: { min: 1, max: 10 },
  };
}

/** True when the server behind a mysql:// URL is MariaDB. */
export async function isMariaDb(url: string): Promise<boolean> {
  const conn = await createConnection(url);
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return /mariadb/i.test(String((rows as Array<{ v: string }>)[0]?.v));
  } finally {
    await conn.end();
  }
}

export async function ormOptions(db: Database, overrides: Partial<Options> = {}): Promise<Options> {
  const base =
    db.dialect === 'sqlite'
      ? sqliteOptions(db.path)
      : mysqlOptions(db.url, await isMariaDb(db.url));
  return {
    ...base,
    entities,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: migrationsFor(db.dialect),
      // MySQL/MariaDB commit DDL implicitly: a transaction there would only pretend
      transactional: db.dialect === 'sqlite',
      allOrNothing: db.dialect === 'sqlite',
      snapshot: false,
      silent: true,
    },
    debug: false,
    ...overrides,
  };
}

/** Opens the database and applies pending migrations (each one logged). */
export async function initOrm(
  db: Database,
  opts: { overrides?: Partial<Options>; logger?: Logger } = {},
): Promise<Orm> {
  const orm = await MikroORM.init(await ormOptions(db, opts.overrides));
  const applied = await orm.getMigrator().up();
  for (const m of applied)
    opts.logger?.info({ module: 'db', migration: m.name }, 'migration applied');
  return orm;
}
