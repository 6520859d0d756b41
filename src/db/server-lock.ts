// One server per database: an advisory lock (MySQL/MariaDB GET_LOCK) or an exclusive SQLite
// lock on a file beside the database. Both are released by the OS/server if the process dies.
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import { dirname } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Database as DbConfig } from '../config/config.js';

export interface ServerLock {
  release(): Promise<void>;
}

export class LockHeldError extends Error {
  constructor(where: string) {
    super(
      `another PathUptime server holds the lock on ${where}; ` +
        'only one server may run per database (stop it, or point DATABASE_URL elsewhere)',
    );
  }
}

const MYSQL_LOCK_NAME = 'pathuptime.server';

async function mysqlLock(url: string, dbName: string): Promise<ServerLock> {
  const conn = await createConnection(url);
  const name = `${MYSQL_LOCK_NAME}.${dbName}`;
  const [rows] = await conn.query('SELECT GET_LOCK(?, 0) AS got', [name]);
  const got = (rows as Array<{ got: number | null }>)[0]?.got;
  if (got !== 1) {
    await conn.end();
    throw new LockHeldError(`database ${dbName}`);
  }
  return {
    async release() {
      await conn.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => undefined);
      await conn.end().catch(() => undefined);
    },
  };
}

function sqliteLock(path: string): ServerLock {
  const lockPath = `${path}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  const db = new Database(lockPath, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch {
    db.close();
    throw new LockHeldError(lockPath);
  }
  return {
    async release() {
      if (db.open) {
        db.exec('ROLLBACK');
        db.close();
      }
    },
  };
}

/** Takes the server lock or throws LockHeldError. */
export async function acquireServerLock(db: DbConfig): Promise<ServerLock> {
  if (db.dialect === 'sqlite') {
    if (db.path === ':memory:') return { release: async () => undefined };
    return sqliteLock(db.path);
  }
  return mysqlLock(db.url, db.dbName);
}

/** True while another process holds the lock (the CLI's test before import/reconcile). */
export async function isServerRunning(db: DbConfig): Promise<boolean> {
  try {
    const lock = await acquireServerLock(db);
    await lock.release();
    return false;
  } catch (err) {
    if (err instanceof LockHeldError) return true;
    throw err;
  }
}
