// The admin opens the status page after LibreNMS sent a body PathUptime rejected, and sees it.
import type { Browser } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import {
  freePort,
  runCli,
  startServer,
  waitReady,
  type ServerProcess,
} from '../helpers/processes.js';

const PASSWORD = 'correct horse battery';
const TOKEN = 'browser-test-token-0123';
let dir: string;
let server: ServerProcess;
let browser: Browser;

const hook = (body: string, token = TOKEN) =>
  fetch(`${server.url}/hooks/librenms`, {
    method: 'POST',
    headers: { 'X-Webhook-Token': token, 'Content-Type': 'text/plain' },
    body,
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pu-status-'));
  const env = { DATABASE_URL: `sqlite:${join(dir, 'pu.sqlite')}`, WEBHOOK_TOKEN: TOKEN };
  const created = runCli(
    ['user:create', '--email', 'noc@isp.example', '--role', 'admin', '--password', PASSWORD],
    env,
  );
  expect(created.status).toBe(0);
  const port = String(await freePort());
  server = startServer({ ...env, PORT: port, PUBLIC_URL: `http://127.0.0.1:${port}` });
  await waitReady(server);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGTERM');
  await server?.exited;
  rmSync(dir, { recursive: true, force: true });
});

describe('status page in the browser', () => {
  it('shows a rejected webhook with its masked body, a refused token and a test ping', async () => {
    const rejected = JSON.stringify({
      schema: 'librenms.alert.v0',
      device: { hostname: 'cpe-43', community: 'snmp-secret' },
    });
    expect((await hook(rejected)).status).toBe(422);
    expect((await hook('{}', 'a-wrong-token-0000')).status).toBe(401);
    expect((await hook('This is a test alert')).status).toBe(202);

    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('#email', 'noc@isp.example');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/`);
    await page.click('nav >> text=Status');
    await page.waitForURL(`${server.url}/admin/status`);

    expect(await page.textContent('[data-count="rejected"]')).toBe('1');
    expect(await page.textContent('[data-count="refused"]')).toBe('1');
    expect(await page.textContent('[data-count="pings"]')).toBe('1');
    const row = page.locator('[data-list="rejected"] tbody tr').first();
    expect(await row.textContent()).toContain('unknown_schema');
    // the body is folded away until the row is expanded
    const body = row.locator('details pre');
    expect(await body.isVisible()).toBe(false);
    await row.locator('details summary').click();
    expect(await body.isVisible()).toBe(true);
    const shown = JSON.parse((await body.textContent()) ?? '');
    expect(shown).toEqual({
      schema: 'librenms.alert.v0',
      device: { hostname: 'cpe-43', community: '***' },
    });
    expect(await page.content()).not.toContain('snmp-secret');
    expect(await page.textContent('[data-list="refused"]')).toContain('127.0.0.1');
    await page.screenshot({
      fullPage: true,
      path: join(process.env.SCREENSHOT_DIR ?? dir, 'status.png'),
    });
    await page.close();
  });
});
