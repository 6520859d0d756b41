// The CLI's import and export: the same upsert as PUT, refused while a server holds the lock;
// the CSV export works beside a running server.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireServerLock } from '../../src/db/server-lock.js';
import { runCli } from '../helpers/processes.js';

let dir: string;
let env: Record<string, string>;
const doc = {
  customers: [{ key: 'acme', name: 'ACME', timezone: 'UTC' }],
  services: [
    { key: 'acme-inet', customer: 'acme', name: 'Internet', slaTarget: 99.9, requires: 'device:1' },
  ],
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pu-cli-'));
  env = { DATABASE_URL: `sqlite:${join(dir, 'pu.sqlite')}` };
  writeFileSync(join(dir, 'inventory.json'), JSON.stringify(doc));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ services: [{ key: 'x' }] }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli import and export', () => {
  it('imports a document and prints the summary as JSON on stdout', () => {
    const r = runCli(['import', join(dir, 'inventory.json')], env);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.created).toMatchObject({ customers: 1, services: 1 });
    const again = JSON.parse(runCli(['import', join(dir, 'inventory.json')], env).stdout);
    expect(again.unchanged).toMatchObject({ customers: 1, services: 1 });
  }, 60_000);

  it('prints every error path of an invalid document and exits 1', () => {
    const r = runCli(['import', join(dir, 'bad.json')], env);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/services\[0\]\.name/);
    expect(r.stderr).toMatch(/services\[0\]\.customer/);
  }, 60_000);

  it('refuses to import while a server holds the lock, pointing to the API; export still works', async () => {
    const lock = await acquireServerLock({ dialect: 'sqlite', path: join(dir, 'pu.sqlite') });
    try {
      const r = runCli(['import', join(dir, 'inventory.json')], env);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/PUT \/api\/v1\/inventory/);
      const csv = runCli(
        ['export', 'services', '--from', '2020-01-01T00:00:00Z', '--to', '2020-01-02T00:00:00Z'],
        env,
      );
      expect(csv.status).toBe(0);
      expect(csv.stdout.split('\r\n')[1]).toBe(
        'acme,ACME,acme-inet,Internet,2020-01-01T00:00:00Z,2020-01-02T00:00:00Z,86400,0,100.0000,0,99.9,true,86,',
      );
    } finally {
      await lock.release();
    }
  }, 60_000);
});
