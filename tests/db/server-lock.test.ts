// One server per database: the second lock attempt fails with a message that says why.
import { describe, expect, it } from 'vitest';
import { acquireServerLock, isServerRunning, LockHeldError } from '../../src/db/server-lock.js';
import { targetDialect } from '../helpers/databases.js';
import { useTestOrm } from '../helpers/test-orm.js';

const t = useTestOrm();

describe(`server lock on ${targetDialect()}`, () => {
  it('refuses a second holder and frees the lock on release', async () => {
    expect(await isServerRunning(t.database.db)).toBe(false);
    const lock = await acquireServerLock(t.database.db);
    expect(await isServerRunning(t.database.db)).toBe(true);
    const second = acquireServerLock(t.database.db);
    await expect(second).rejects.toBeInstanceOf(LockHeldError);
    await expect(acquireServerLock(t.database.db)).rejects.toThrow(/only one server may run/);
    await lock.release();
    const again = await acquireServerLock(t.database.db);
    await again.release();
  });
});
