// An admin opens Settings from the navigation, turns the SNMP-only switch on and sees it saved,
// and maps a rule that has sent an alert.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_WEBHOOK_TOKEN as TOKEN,
  signInAdmin,
  startAdminWorld,
  type AdminWorld,
} from '../helpers/browser.js';
import { sample } from '../helpers/librenms-webhooks.js';
import { postHookTo } from '../helpers/processes.js';

let world: AdminWorld;

beforeAll(async () => {
  world = await startAdminWorld('pu-settings-');
}, 60_000);

afterAll(() => world?.close());

describe('settings page in the browser', () => {
  it('turns the SNMP-only switch on, shows it saved, and maps a rule', async () => {
    const alert = sample('deviceDown');
    alert.alert = { ...alert.alert, rule_id: 9, rule_name: 'Agg reachability' };
    const sent = await postHookTo(world.server, JSON.stringify(alert), TOKEN);
    expect(sent.status).toBe(202);

    const page = await world.browser.newPage();
    await signInAdmin(page, world.server.url);
    await page.click('nav >> text=Settings');
    await page.waitForURL(`${world.server.url}/admin/settings`);
    expect(await page.textContent('[data-setting="snmp-only"]')).toContain('not counted');
    expect(await page.isChecked('#snmp-off')).toBe(true);

    await page.check('#snmp-on');
    await page.click('form[action="/admin/settings/snmp-only"] button[type=submit]');
    await page.waitForURL(`${world.server.url}/admin/settings?saved=snmp-only`);
    expect(await page.textContent('[data-saved]')).toContain('Saved');
    expect(await page.textContent('[data-setting="snmp-only"]')).toContain('counted as down');
    expect(await page.isChecked('#snmp-on')).toBe(true);

    const row = page.locator('tr[data-rule="9"]');
    expect(await row.textContent()).toContain('Agg reachability');
    expect(await row.locator('[data-effect]').textContent()).toBe('ignore');
    await row.locator('select[name=effect]').selectOption('device');
    await row.locator('button[type=submit]').click();
    await page.waitForURL(`${world.server.url}/admin/settings?saved=rule-effect#rule-9`);
    const saved = page.locator('tr[data-rule="9"]');
    expect(await saved.locator('[data-effect]').textContent()).toBe('device');
    expect(await saved.locator('[data-source]').textContent()).toBe('admin mapping');

    // a reload shows what is stored, not what the form last held
    await page.goto(`${world.server.url}/admin/settings`);
    expect(await page.isChecked('#snmp-on')).toBe(true);
    await page.screenshot({
      fullPage: true,
      path: join(process.env.SCREENSHOT_DIR ?? world.dir, 'settings.png'),
    });
    await page.click('nav >> text=Audit log');
    const audit = (await page.textContent('main')) ?? '';
    expect(audit).toContain('settings.snmp_only');
    expect(audit).toContain('settings.rule_effect');
    await page.close();
  });
});
