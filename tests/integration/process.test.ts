// The real process: one server per database, SIGTERM exits 0, SIGKILL loses no acknowledged
// webhook, bad configuration names the variable, the CLI works beside a running server.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  postHookTo,
  runCli,
  startServer,
  waitReady,
  type ServerProcess,
} from '../helpers/processes.js';

const TOKEN = 'process-test-token-0123456789';
const sample = JSON.parse(
  readFileSync('tests/fixtures/librenms/webhook-02-port-down-two-faults.json', 'utf8'),
);
let dir: string;
let env: Record<string, string>;

const body = (logId: number) => {
  const b = structuredClone(sample);
  b.alert.log_id = logId;
  return JSON.stringify(b);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pu-proc-'));
  env = { DATABASE_URL: `sqlite:${join(dir, 'pu.sqlite')}`, WEBHOOK_TOKEN: TOKEN };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function started(extra: Record<string, string> = {}): Promise<ServerProcess> {
  const server = startServer({ ...env, PORT: String(await freePort()), ...extra });
  await waitReady(server);
  return server;
}

describe('the server process', { timeout: 60_000 }, () => {
  it('refuses a second server on the same database and says why', async () => {
    const first = await started();
    const second = startServer({ ...env, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/only one server may run per database/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('stores every webhook it acknowledged when killed with SIGKILL in a burst', async () => {
    const server = await started();
    const acked = new Set<number>();
    let next = 10_000;
    let killed = false;
    const worker = async () => {
      while (!killed && next < 30_000) {
        const logId = next++;
        try {
          const res = await postHookTo(server, body(logId), TOKEN);
          if (res.status === 202) acked.add(logId);
        } catch {
          return; // the server is gone
        }
        if (acked.size >= 400 && !killed) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    await server.exited;
    expect(acked.size).toBeGreaterThanOrEqual(400);
    const db = new Database(join(dir, 'pu.sqlite'), { readonly: true });
    const stored = new Set(
      (db.prepare('select log_id from events').all() as Array<{ log_id: number }>).map(
        (r) => r.log_id,
      ),
    );
    db.close();
    const missing = [...acked].filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
  });

  it('starts again after the kill, and exits 0 on SIGTERM', async () => {
    const server = await started();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('stops at start-up on a bad value, naming the variable', async () => {
    const server = startServer({ ...env, PORT: 'eighty', LIBRENMS_TIMEZONE: 'Mars/Base' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/PORT: /);
    expect(server.output()).toMatch(/LIBRENMS_TIMEZONE: not an IANA time zone/);
  });
});

describe('the CLI beside a running server', { timeout: 60_000 }, () => {
  it('creates a user and a token that the server accepts; logs stay off standard output', async () => {
    const server = await started();
    const user = runCli(['user:create', '--email', 'noc@isp.example', '--role', 'admin'], env);
    expect(user.status).toBe(0);
    expect(user.stdout).toMatch(/^created user noc@isp\.example \(admin\)\npassword: \S{18}\n$/);
    const token = runCli(['token:create', '--email', 'noc@isp.example', '--name', 'ci'], env);
    expect(token.status).toBe(0);
    const secret = token.stdout.trim().split('\n').at(-1)!;
    const me = await fetch(`${server.url}/api/v1/me`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'noc@isp.example', role: 'admin' });
    const bad = runCli(['user:create', '--email', 'noc@isp.example', '--role', 'admin'], env);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/already exists/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
