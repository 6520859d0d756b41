// The admin settings page through app.request(): the SNMP-only switch and the rule effects, each
// change audited and applied from its moment (earlier timelines stay), bad input, non-admins.
import type { EntityManager } from '@mikro-orm/knex';
import { afterEach, describe, expect, it } from 'vitest';
import { storedTransitions } from '../../src/db/engine-store.js';
import { parseInstant } from '../../src/domain/instants.js';
import { browserAs } from '../helpers/admin-browser.js';
import {
  bearerFor,
  createTestApp,
  json,
  postHook,
  reopenTestApp,
  type TestApp,
} from '../helpers/app.js';
import { CHAIN_INVENTORY, sample } from '../helpers/librenms-webhooks.js';

// cpe-43 hangs off agg-27 only, agg-27 off core-12: agg-27 down is acme-inet down
const inventory = {
  ...CHAIN_INVENTORY,
  ruleEffects: [{ rule: 'Custom reachability', effect: 'port' }],
};

const at = (iso: string) => parseInstant(iso)!;
const DAY = 'from=2026-03-14T00:00:00Z&to=2026-03-15T00:00:00Z';
const LATER = at('2026-03-20T00:00:00Z');

let t: TestApp;
let clock = 0;
let admin: Record<string, string>;
let api: Record<string, string>;
let logId = 5000;
afterEach(async () => t?.close());

async function open() {
  clock = at('2026-03-14T05:00:00Z');
  t = await createTestApp({}, 'sqlite', { now: () => clock });
  admin = await browserAs(t);
  api = await bearerFor(t, { email: 'api@isp.example', role: 'admin' });
  const res = await t.app.request('/api/v1/inventory', {
    method: 'PUT',
    headers: { ...api, 'Content-Type': 'application/json' },
    body: JSON.stringify(inventory),
  });
  expect(res.status).toBe(200);
}

/** A device alert (state 1) or recovery (state 0) for agg-27 at `iso`, with one fault row. */
async function alert(
  iso: string,
  state: 0 | 1,
  opts: { reason?: string; ruleId?: number; ruleName?: string } = {},
) {
  const body = sample('deviceDown');
  const epoch = at(iso);
  clock = Math.max(clock, epoch + 30); // sent as it happens (a late one: after)
  body.event = { ...body.event, state, timestamp: iso, timestamp_epoch: epoch };
  delete body.event.timestamp_raw;
  const id = ++logId;
  const rule = { rule_id: opts.ruleId ?? 1, rule_name: opts.ruleName ?? 'Devices up/down' };
  body.alert = { ...body.alert, ...rule, alert_id: id, log_id: id, incident_log_id: id };
  const reason = opts.reason ?? 'icmp';
  body.device = { ...body.device, device_id: 27, hostname: 'agg-27.example.net' };
  body.device.status_reason = reason;
  body.faults = [
    { n: 1, device_id: 27, hostname: 'agg-27.example.net', status: 0, status_reason: reason },
  ];
  expect((await postHook(t, body)).status).toBe(202);
}

/** A down span: the alert, then its recovery. */
async function outage(from: string, to: string, opts: Parameters<typeof alert>[2] = {}) {
  await alert(from, 1, opts);
  await alert(to, 0, opts);
}

async function acme(app = t.app) {
  const res = await app.request(`/api/v1/services/acme-inet?${DAY}`, { headers: api });
  expect(res.status).toBe(200);
  return json(res);
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { ...admin, 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

async function post(path: string, fields: Record<string, string>) {
  return t.app.request(`/admin/settings/${path}`, form(fields));
}

async function page(url = '/admin/settings') {
  const res = await t.app.request(url, { headers: admin });
  return { status: res.status, html: await res.text() };
}

const knex = () => (t.orm.em as EntityManager).getKnex();
const audits = async (action: string) =>
  (await knex()('audit_log').where({ action }).orderBy('id')).map((r) => ({
    userId: r.user_id,
    subject: r.subject,
    detail: JSON.parse(r.detail),
  }));
const versionCount = async () =>
  Number((await knex()('inventory_versions').count({ n: '*' }))[0]!.n);
const adminId = async () =>
  Number((await knex()('users').where({ email: 'noc@isp.example' }).first()).id);

/** The row of rule `id` on the page: its effect and its source. */
function ruleRow(html: string, id: number) {
  const row = new RegExp(`<tr id="rule-${id}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
  return {
    name: /<td>([^<]*)<\/td>/.exec(row)?.[1],
    effect: /<code data-effect>([^<]*)</.exec(row)?.[1],
    source: /data-source="([^"]*)"/.exec(row)?.[1],
  };
}

describe('/admin/settings: the SNMP-only switch', () => {
  it('flips, is audited, and holds an SNMP-only alert down only from its moment on', async () => {
    await open();
    const before = await page();
    expect(before.status).toBe(200);
    expect(before.html).toContain('<a class="nav-link active" href="/admin/settings">Settings</a>');
    expect(before.html).toContain('data-setting="snmp-only">&#9679; not counted');
    expect(before.html).toMatch(/id="snmp-off" value="off" checked/);

    // SNMP-only while the switch is off: stored, changes nothing
    await outage('2026-03-14T06:00:00Z', '2026-03-14T06:10:00Z', { reason: 'snmp' });
    expect(await acme()).toMatchObject({ downtime_seconds: 0, incidents: 0 });

    clock = at('2026-03-14T07:00:00Z');
    const versions = await versionCount();
    const res = await post('snmp-only', { snmpOnly: 'on' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/settings?saved=snmp-only');
    expect(await audits('settings.snmp_only')).toEqual([
      {
        userId: await adminId(),
        subject: 'snmpOnlyCountsAsDown',
        detail: { old: false, new: true },
      },
    ]);
    expect(await versionCount()).toBe(versions + 1);
    const version = await knex()('inventory_versions').orderBy('id', 'desc').first();
    expect(Number(version.effective_from)).toBe(at('2026-03-14T07:00:00Z'));
    // saving the same value again changes and audits nothing
    expect((await post('snmp-only', { snmpOnly: 'on' })).status).toBe(303);
    expect(await audits('settings.snmp_only')).toHaveLength(1);

    const after = await page(res.headers.get('location')!);
    expect(after.html).toContain('data-saved="snmp-only"');
    expect(after.html).toContain('data-setting="snmp-only">&#9660; counted as down');
    expect(after.html).toMatch(/id="snmp-on" value="on" checked/);

    // after the switch: 08:00-08:20 counts (1,200 s); a late SNMP-only alert before it does not
    await outage('2026-03-14T08:00:00Z', '2026-03-14T08:20:00Z', { reason: 'snmp' });
    await outage('2026-03-14T06:30:00Z', '2026-03-14T06:35:00Z', { reason: 'snmp' });
    clock = LATER;
    const figures = await acme();
    expect(figures).toMatchObject({ downtime_seconds: 1200, incidents: 1 });
    const stored = await storedTransitions(knex(), 'acme-inet');
    expect(stored.filter((s) => s.at > 0).map((s) => [s.at, s.down, s.rootCause])).toEqual([
      [at('2026-03-14T08:00:00Z'), true, ['device:27']],
      [at('2026-03-14T08:20:00Z'), false, []],
    ]);

    // a restart reads the switch and the versions back and computes the same
    const again = await reopenTestApp(t, { now: () => clock });
    try {
      await again.services.engine.start();
      expect(await acme(again.app)).toEqual(figures);
      const knexAgain = (again.orm.em as EntityManager).getKnex();
      expect(await storedTransitions(knexAgain, 'acme-inet')).toEqual(stored);
    } finally {
      await again.close();
    }
  });

  it('turning it off again applies from that moment; what was down before stays down', async () => {
    await open();
    clock = at('2026-03-14T07:00:00Z');
    expect((await post('snmp-only', { snmpOnly: 'on' })).status).toBe(303);
    await outage('2026-03-14T08:00:00Z', '2026-03-14T08:20:00Z', { reason: 'snmp' });
    clock = at('2026-03-14T09:00:00Z');
    expect((await post('snmp-only', { snmpOnly: 'off' })).status).toBe(303);
    await outage('2026-03-14T10:00:00Z', '2026-03-14T10:30:00Z', { reason: 'snmp' });
    // an ICMP outage still counts while the switch is off
    await outage('2026-03-14T11:00:00Z', '2026-03-14T11:01:40Z');
    clock = LATER;
    expect(await acme()).toMatchObject({ downtime_seconds: 1200 + 100, incidents: 2 });
    expect((await audits('settings.snmp_only')).map((a) => a.detail)).toEqual([
      { old: false, new: true },
      { old: true, new: false },
    ]);
  });

  it('answers bad input with 422 and a message on the page, and changes nothing', async () => {
    await open();
    const versions = await versionCount();
    for (const fields of [{ snmpOnly: 'maybe' }, {}] as Record<string, string>[]) {
      const res = await post('snmp-only', fields);
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('snmpOnly: choose on or off');
      expect(html).toContain('Nothing was changed.');
    }
    expect(await audits('settings.snmp_only')).toEqual([]);
    expect(await versionCount()).toBe(versions);
    expect((await page()).html).toContain('&#9679; not counted');
  });
});

describe('/admin/settings: rule effects', () => {
  it('lists the known rules with their effect and source, and a mapping applies from its moment', async () => {
    await open();
    // rule 9 is unknown to the defaults: ignored; rule 1 is "Devices up/down"
    await outage('2026-03-14T06:00:00Z', '2026-03-14T06:10:00Z', {
      ruleId: 9,
      ruleName: 'Agg reachability',
    });
    await outage('2026-03-14T05:30:00Z', '2026-03-14T05:31:00Z', {
      ruleId: 11,
      ruleName: 'custom REACHABILITY',
    });
    let html = (await page()).html;
    expect(ruleRow(html, 9)).toEqual({
      name: 'Agg reachability',
      effect: 'ignore',
      source: 'default',
    });
    // the document maps "Custom reachability" by name, case-insensitively
    expect(ruleRow(html, 11)).toEqual({
      name: 'custom REACHABILITY',
      effect: 'port',
      source: 'document',
    });

    clock = at('2026-03-14T07:00:00Z');
    const res = await post('rule-effects', { ruleId: '9', effect: 'device' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/settings?saved=rule-effect#rule-9');
    // after the mapping: 08:00-08:15 counts (900 s); the 06:00 alert before it stays ignored
    await outage('2026-03-14T08:00:00Z', '2026-03-14T08:15:00Z', {
      ruleId: 9,
      ruleName: 'Agg reachability (renamed)',
    });
    expect(await acme()).toMatchObject({ downtime_seconds: 900, incidents: 1 });
    html = (await page()).html;
    // the rule was renamed in LibreNMS: the newest name, the same admin mapping (by id)
    expect(ruleRow(html, 9)).toEqual({
      name: 'Agg reachability (renamed)',
      effect: 'device',
      source: 'admin',
    });
    expect(html).toMatch(/<tr id="rule-9"[\s\S]*?<option value="device" selected>/);

    // cleared later: the default again from then on; the 08:00 downtime stays
    clock = at('2026-03-14T09:00:00Z');
    expect((await post('rule-effects', { ruleId: '9', effect: 'clear' })).status).toBe(303);
    await outage('2026-03-14T10:00:00Z', '2026-03-14T10:30:00Z', {
      ruleId: 9,
      ruleName: 'Agg reachability (renamed)',
    });
    clock = LATER;
    expect(await acme()).toMatchObject({ downtime_seconds: 900, incidents: 1 });
    expect(ruleRow((await page()).html, 9)).toMatchObject({ effect: 'ignore', source: 'default' });
    expect(await audits('settings.rule_effect')).toEqual([
      { userId: await adminId(), subject: 'rule/9', detail: { old: null, new: 'device' } },
      { userId: await adminId(), subject: 'rule/9', detail: { old: 'device', new: null } },
    ]);
  });

  it('maps a rule by id before any of its alerts arrived, and overrides the document', async () => {
    await open();
    clock = at('2026-03-14T07:00:00Z');
    expect((await post('rule-effects', { ruleId: '11', effect: 'ignore' })).status).toBe(303);
    expect((await post('rule-effects', { ruleId: '1', effect: 'ignore' })).status).toBe(303);
    const html = (await page()).html;
    expect(ruleRow(html, 11)).toEqual({ name: 'rule 11', effect: 'ignore', source: 'admin' });
    // "Devices up/down" alerts change nothing from 07:00 on
    await outage('2026-03-14T08:00:00Z', '2026-03-14T08:15:00Z');
    await outage('2026-03-14T06:00:00Z', '2026-03-14T06:01:00Z');
    clock = LATER;
    expect(await acme()).toMatchObject({ downtime_seconds: 60, incidents: 1 });
  });

  it.each([
    [{ ruleId: 'abc', effect: 'device' }, 'ruleId: a rule id is a whole number'],
    [{ ruleId: '0', effect: 'device' }, 'ruleId: a rule id is positive'],
    [{ ruleId: '1.5', effect: 'device' }, 'ruleId: a rule id is a whole number'],
    [{ ruleId: '9', effect: 'down' }, 'effect: choose device, port, ignore or clear'],
    [{ ruleId: '9' }, 'effect: choose device, port, ignore or clear'],
  ])('answers %j with 422 and changes nothing', async (fields, message) => {
    await open();
    const versions = await versionCount();
    const res = await post('rule-effects', fields as Record<string, string>);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
    expect(await audits('settings.rule_effect')).toEqual([]);
    expect(await knex()('rule_effect_settings').select()).toEqual([]);
    expect(await versionCount()).toBe(versions);
  });
});

describe('/admin/settings: who may', () => {
  it('refuses account managers (403) and sends anonymous callers to sign in', async () => {
    await open();
    const manager = await browserAs(t, 'am@isp.example', 'account_manager');
    expect((await t.app.request('/admin/settings', { headers: manager })).status).toBe(403);
    const res = await t.app.request('/admin/settings/snmp-only', {
      ...form({ snmpOnly: 'on' }),
      headers: { ...manager, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
    const anonymous = await t.app.request('/admin/settings', { headers: { Accept: 'text/html' } });
    expect([401, 303]).toContain(anonymous.status);
    expect(await audits('settings.snmp_only')).toEqual([]);
    expect(await knex()('settings').select()).toEqual([]);
  });
});
