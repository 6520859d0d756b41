// One server per database: the second lock attempt fails with a message that says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireServerLock, isServerRunning, LockHeldError } from '../../src/db/server-lock.js';
import { initOrm, type Orm } from '../../src/db/orm.js';
import { createTestDatabase, targetDialect, type TestDatabase } from '../helpers/databases.js';

let database: TestDatabase;
let orm: Orm;

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await initOrm(database.db);
});
afterAll(async () => {
  await orm.close();
  await database.drop();
});

describe(`server lock on ${targetDialect()}`, () => {
  it('refuses a second holder and frees the lock on release', async () => {
    expect(await isServerRunning(database.db)).toBe(false);
    const lock = await acquireServerLock(database.db);
    expect(await isServerRunning(database.db)).toBe(true);
    const second = acquireServerLock(database.db);
    await expect(second).rejects.toBeInstanceOf(LockHeldError);
    await expect(acquireServerLock(database.db)).rejects.toThrow(/only one server may run/);
    await lock.release();
    const again = await acquireServerLock(database.db);
    await again.release();
  });
});
