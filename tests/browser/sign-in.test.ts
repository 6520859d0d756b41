// What people click: the first admin signs in, creates a customer user, issues a reset link,
// reads the audit log; the customer signs in and sees only its own service.
import type { Browser, Page } from 'playwright-core';
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
import { INVENTORY } from '../helpers/two-customers.js';

const PASSWORD = 'correct horse battery';
let dir: string;
let server: ServerProcess;
let browser: Browser;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pu-browser-'));
  env = {
    DATABASE_URL: `sqlite:${join(dir, 'pu.sqlite')}`,
    WEBHOOK_TOKEN: 'browser-test-token-0123',
  };
  expect(
    runCli(
      ['user:create', '--email', 'noc@isp.example', '--role', 'admin', '--password', PASSWORD],
      env,
    ).status,
  ).toBe(0);
  const token = runCli(
    ['token:create', '--email', 'noc@isp.example', '--name', 'setup'],
    env,
  ).stdout.trim();
  const port = String(await freePort());
  server = startServer({ ...env, PORT: port, PUBLIC_URL: `http://127.0.0.1:${port}` });
  await waitReady(server);
  const put = await fetch(`${server.url}/api/v1/inventory`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(INVENTORY),
  });
  expect(put.status).toBe(200);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGTERM');
  await server?.exited;
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${server.url}/`);
  await expect.poll(() => page.url()).toContain('/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${server.url}/`);
}

describe('in the browser', () => {
  let customerPassword = '';

  it('lets the admin sign in and see every service', async () => {
    const page = await browser.newPage();
    await signIn(page, 'noc@isp.example', PASSWORD);
    await expect.poll(() => page.textContent('main')).toContain('Acme Internet');
    expect(await page.textContent('main')).toContain('Globex Internet');
    await page.screenshot({
      path: process.env.SCREENSHOT_DIR
        ? join(process.env.SCREENSHOT_DIR, 'services.png')
        : join(dir, 'services.png'),
    });
    await page.close();
  });

  it('lets the admin create a customer user and shows the generated password once', async () => {
    const page = await browser.newPage();
    await signIn(page, 'noc@isp.example', PASSWORD);
    await page.click('text=Users');
    await page.click('text=New user');
    await page.fill('#email', 'ops@acme.example');
    await page.selectOption('#role', 'customer');
    await page.selectOption('#customer', 'acme');
    await page.click('button:has-text("Create user")');
    const notice = await page.textContent('.alert-success');
    customerPassword = /shown only now: (\S+)/.exec(notice ?? '')?.[1] ?? '';
    expect(customerPassword).toMatch(/^\S{18}$/);
    await page.click('button:has-text("Make a password reset link")');
    expect(await page.textContent('.alert-warning')).toMatch(/\/reset\/[a-z2-7]{32}/);
    await page.click('text=Audit log');
    const audit = await page.textContent('main');
    expect(audit).toContain('user.create');
    expect(audit).toContain('user.reset_link');
    await page.close();
  });

  it("shows the customer its own service and nothing of the other customer's", async () => {
    const page = await browser.newPage();
    await signIn(page, 'ops@acme.example', customerPassword);
    const main = await page.textContent('main');
    expect(main).toContain('Acme Internet');
    expect(main).not.toContain('Globex');
    expect(await page.locator('text=Users').count()).toBe(0);
    await page.goto(`${server.url}/admin/users`);
    expect(await page.textContent('main')).toContain('Not allowed');
    await page.click('button:has-text("Sign out")');
    await page.waitForURL(/\/login$/);
    await page.close();
  });

  it('tells a wrong password plainly, without saying whether the e-mail exists', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('#email', 'nobody@acme.example');
    await page.fill('#password', 'whatever it is');
    await page.click('button[type=submit]');
    expect(await page.textContent('.alert-danger')).toBe('Wrong e-mail address or password.');
    await page.close();
  });
});
