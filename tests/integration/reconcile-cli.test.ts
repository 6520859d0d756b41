// `npm run cli -- reconcile`: one topology and one gap run against LibreNMS, refused beside a server.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireServerLock } from '../../src/db/server-lock.js';
import { FAKE_TOKEN, startFakeLibreNms, type FakeLibreNms } from '../helpers/fake-librenms.js';
import { runCli } from '../helpers/processes.js';
import { network } from '../helpers/reconcile-world.js';

let dir: string;
let fake: FakeLibreNms;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pu-cli-reconcile-'));
  fake = await startFakeLibreNms(network());
  env = {
    DATABASE_URL: `sqlite:${join(dir, 'pu.sqlite')}`,
    LIBRENMS_API_URL: fake.url,
    LIBRENMS_API_TOKEN: FAKE_TOKEN,
    LIBRENMS_MAX_RPS: '100',
  };
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI without blocking this process (the fake LibreNMS answers from it). */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('cli reconcile', () => {
  it('runs the topology import and gap filling once, printing each run as JSON', async () => {
    const r = await cli(['reconcile']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const runs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(runs.map((x) => [x.kind, x.status])).toEqual([
      ['topology', 'succeeded'],
      ['gap', 'succeeded'],
    ]);
  });

  it('refuses while a server holds the lock, pointing to the API', async () => {
    const lock = await acquireServerLock({ dialect: 'sqlite', path: join(dir, 'pu.sqlite') });
    try {
      const r = runCli(['reconcile'], env);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('POST /api/v1/reconcile');
      expect(r.stdout).toBe('');
    } finally {
      await lock.release();
    }
  });
});
