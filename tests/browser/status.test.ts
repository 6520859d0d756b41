// The admin opens the status page after LibreNMS sent a body PathUptime rejected, and sees it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_WEBHOOK_TOKEN as TOKEN,
  signInAdmin,
  startAdminWorld,
  type AdminWorld,
} from '../helpers/browser.js';
import { postHookTo } from '../helpers/processes.js';

let world: AdminWorld;

const hook = (body: string, token = TOKEN) => postHookTo(world.server, body, token, 'text/plain');

beforeAll(async () => {
  world = await startAdminWorld('pu-status-');
}, 60_000);

afterAll(() => world?.close());

describe('status page in the browser', () => {
  it('shows a rejected webhook with its masked body, a refused token and a test ping', async () => {
    const rejected = JSON.stringify({
      schema: 'librenms.alert.v0',
      device: { hostname: 'cpe-43', community: 'snmp-secret' },
    });
    expect((await hook(rejected)).status).toBe(422);
    expect((await hook('{}', 'a-wrong-token-0000')).status).toBe(401);
    expect((await hook('This is a test alert')).status).toBe(202);

    const page = await world.browser.newPage();
    await signInAdmin(page, world.server.url);
    await page.click('nav >> text=Status');
    await page.waitForURL(`${world.server.url}/admin/status`);

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
      path: join(process.env.SCREENSHOT_DIR ?? world.dir, 'status.png'),
    });
    await page.close();
  });
});
