// The database suite's per-file set-up: a throw-away database (SQLite or MariaDB, as the run
// targets) opened through the app's own initOrm(), then closed and dropped after the file. A
// file's own beforeAll and afterAll come after it and before it (vitest runs hooks as a stack).
import { afterAll, beforeAll } from 'vitest';
import { initOrm, type Orm } from '../../src/db/orm.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface TestOrm {
  readonly database: TestDatabase;
  readonly orm: Orm;
}

export function useTestOrm(): TestOrm {
  let database: TestDatabase | null = null;
  let orm: Orm | null = null;
  beforeAll(async () => {
    database = await createTestDatabase();
    orm = await initOrm(database.db);
  });
  afterAll(async () => {
    await orm?.close();
    await database?.drop();
  });
  const opened = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`${what} is opened in beforeAll`);
    return value;
  };
  return {
    get database() {
      return opened(database, 'the test database');
    },
    get orm() {
      return opened(orm, 'the ORM');
    },
  };
}
