// Throw-away databases for tests: a temp SQLite file, or a fresh MariaDB database on the
// server named by TEST_MARIADB_URL (created here, dropped afterwards).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { Database } from '../../src/config/config.js';

export type Dialect = 'sqlite' | 'mariadb';

export interface TestDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

/** The dialect this run of the database suite targets (scripts/test.mjs sets TEST_DB). */
export function targetDialect(): Dialect {
  return process.env.TEST_DB === 'mariadb' ? 'mariadb' : 'sqlite';
}

export function mariadbServerUrl(): string {
  const url = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test';
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  u.pathname = '';
  return u.toString().replace(/\/$/, '');
}

export async function createTestDatabase(
  dialect: Dialect = targetDialect(),
): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pu-test-'));
    const path = join(dir, 'pathuptime.sqlite');
    return {
      db: { dialect: 'sqlite', path },
      url: `sqlite:${path}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const server = mariadbServerUrl();
  const dbName = `pu_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await createConnection(server);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4`);
  await admin.end();
  const url = `${server}/${dbName}`;
  return {
    db: { dialect: 'mysql', url, dbName },
    url,
    drop: async () => {
      const conn = await createConnection(server);
      await conn.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await conn.end();
    },
  };
}
