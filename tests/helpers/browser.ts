// Debian's Chromium driven by playwright-core, against a real server process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort, runCli, startServer, waitReady, type ServerProcess } from './processes.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const ADMIN = { email: 'noc@isp.example', password: 'correct horse battery' };
export const BROWSER_WEBHOOK_TOKEN = 'browser-test-token-0123';

/** A server on a fresh SQLite file with one admin (ADMIN), and a browser to drive it. */
export interface AdminWorld {
  dir: string;
  server: ServerProcess;
  browser: Browser;
  close(): Promise<void>;
}

export async function startAdminWorld(prefix: string): Promise<AdminWorld> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const env = {
    DATABASE_URL: `sqlite:${join(dir, 'pu.sqlite')}`,
    WEBHOOK_TOKEN: BROWSER_WEBHOOK_TOKEN,
  };
  const created = runCli(
    ['user:create', '--email', ADMIN.email, '--role', 'admin', '--password', ADMIN.password],
    env,
  );
  if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`);
  const port = String(await freePort());
  const server = startServer({ ...env, PORT: port, PUBLIC_URL: `http://127.0.0.1:${port}` });
  await waitReady(server);
  const browser = await launchBrowser();
  return {
    dir,
    server,
    browser,
    async close() {
      await browser.close();
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs the admin in through the login form; resolves on the home page. */
export async function signInAdmin(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#email', ADMIN.email);
  await page.fill('#password', ADMIN.password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${baseUrl}/`);
}
