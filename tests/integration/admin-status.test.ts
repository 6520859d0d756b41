// The admin status page through app.request(): intake, rejected bodies, 401s, pings, mismatches.
import type { EntityManager } from '@mikro-orm/knex';
import { afterEach, describe, expect, it } from 'vitest';
import { recordTimezoneMismatch } from '../../src/db/reconcile-repo.js';
import { browserAs } from '../helpers/admin-browser.js';
import { createTestApp, postHook, WEBHOOK_TOKEN, type TestApp } from '../helpers/app.js';
import { sample } from '../helpers/librenms-webhooks.js';

let t: TestApp;
afterEach(async () => t?.close());

const from = (address: string, token = WEBHOOK_TOKEN) => ({
  'X-Webhook-Token': token,
  'X-Forwarded-For': address,
});

const page = async (headers: Record<string, string>) => {
  const res = await t.app.request('/admin/status', { headers });
  return { status: res.status, html: await res.text() };
};

/** The text inside the element marked `data-<attr>="<value>"` up to its closing tag `tag`. */
const part = (html: string, marker: string, tag: string) =>
  new RegExp(`<${tag}[^>]*${marker}[\\s\\S]*?</${tag}>`).exec(html)?.[0] ?? '';

const countOf = (html: string, key: string) =>
  Number(new RegExp(`data-count="${key}">(\\d+)<`).exec(html)?.[1] ?? NaN);

describe('/admin/status', () => {
  it('is quiet on a fresh install and linked from the admin navigation', async () => {
    t = await createTestApp();
    const { status, html } = await page(await browserAs(t));
    expect(status).toBe(200);
    expect(html).toContain('<a class="nav-link active" href="/admin/status">Status</a>');
    expect(
      ['webhooks', 'filled', 'rejected', 'refused', 'pings'].map((k) => countOf(html, k)),
    ).toEqual([0, 0, 0, 0, 0]);
    expect(html).toContain('data-list="rejected-none"');
    expect(html).toContain('data-list="pings-none"');
    expect(html).not.toContain('LIBRENMS_TIMEZONE mismatch');
    expect(html).not.toContain('data-section="future"');
    expect(html).toContain('&#10003; ready');
    expect(html).toContain('data-reconcile="disabled"');
    expect(html).toContain('data-list="removed-services-none"');
  });

  it('shows accepted webhooks, rejected requests with their masked bodies, 401s per hour and pings', async () => {
    t = await createTestApp({ TRUST_PROXY: '1' });
    // one event stored, then its duplicate (adds nothing)
    expect((await postHook(t, sample('deviceDown'), from('192.0.2.10'))).status).toBe(202);
    expect((await postHook(t, sample('deviceDown'), from('192.0.2.10'))).status).toBe(202);
    // two rejected: a wrong schema with a credential, then text that is not JSON
    const bad = { schema: 'other', community: 'never-shown', note: '<b>bold</b>' };
    expect((await postHook(t, bad, from('192.0.2.20'))).status).toBe(422);
    expect((await postHook(t, 'garbage{', from('192.0.2.21'))).status).toBe(422);
    // three refused tokens from one address, one from another
    for (const address of ['203.0.113.5', '203.0.113.5', '203.0.113.5', '203.0.113.9']) {
      expect((await postHook(t, '{}', from(address, 'wrong-token'))).status).toBe(401);
    }
    // the Test button, twice
    for (let i = 0; i < 2; i++) {
      expect((await postHook(t, 'This is a test alert', from('192.0.2.30'))).status).toBe(202);
    }

    const { status, html } = await page(await browserAs(t));
    expect(status).toBe(200);
    expect(
      ['webhooks', 'filled', 'rejected', 'refused', 'pings'].map((k) => countOf(html, k)),
    ).toEqual([1, 0, 2, 4, 2]);

    const rejected = part(html, 'data-list="rejected"', 'table');
    const rows = rejected.split('<tr>').slice(2);
    expect(rows).toHaveLength(2);
    // newest first: the text that is not JSON, then the wrong schema
    expect(rows[0]).toContain('<code>not_json</code>');
    expect(rows[0]).toContain('192.0.2.21');
    expect(rows[1]).toContain('<span class="badge text-bg-danger">422</span>');
    expect(rows[1]).toContain('<code>unknown_schema</code>');
    expect(rows[1]).toMatch(/<details><summary class="small">\d+ characters<\/summary><pre/);
    expect(rows[1]).toContain('&quot;community&quot;:&quot;***&quot;');
    expect(rows[1]).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toContain('never-shown');
    expect(html).not.toContain('<b>bold</b>');

    const refused = part(html, 'data-list="refused"', 'table');
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    const at = hour.toISOString().slice(0, 19).replace('T', ' ');
    expect(refused).toContain(
      `<tr><td>${at}</td><td>203.0.113.5</td><td class="text-end">3</td></tr>`,
    );
    expect(refused).toContain(
      `<tr><td>${at}</td><td>203.0.113.9</td><td class="text-end">1</td></tr>`,
    );

    // the engine has not committed a transition (no service): the mark is still 0
    expect(html).toContain('Applied through event <strong>#0</strong>; newest stored event #1.');

    const pings = part(html, 'data-list="pings"', 'ul');
    expect(pings.match(/<li>/g)).toHaveLength(2);
    expect(pings).toContain('from 192.0.2.30');
  });

  it('says "LIBRENMS_TIMEZONE mismatch" with both times and the log id', async () => {
    t = await createTestApp({ LIBRENMS_TIMEZONE: 'UTC' });
    const em = t.orm.em.fork() as EntityManager;
    // the webhook said 09:12:04Z, the alert log 08:12:04Z: LibreNMS runs an hour east of UTC
    await recordTimezoneMismatch(em, {
      logId: 98262,
      webhookAt: 1773479524,
      alertLogAt: 1773475924,
      now: 1773480000,
    });
    await em.flush();
    const { html } = await page(await browserAs(t));
    const box = part(html, 'data-section="timezone"', 'div');
    expect(box).toContain('LIBRENMS_TIMEZONE mismatch');
    expect(box).toContain('<code>UTC</code> (the configured <code>LIBRENMS_TIMEZONE</code>)');
    expect(box).toContain(
      '<tr><td>98262</td><td>2026-03-14 09:12:04</td><td>2026-03-14 08:12:04</td><td class="text-end">60 min</td><td>2026-03-14 09:20:00</td></tr>',
    );
  });

  it('flags an event stamped more than 5 minutes after its arrival', async () => {
    t = await createTestApp();
    const ahead = sample('deviceDown');
    const stamp = Math.floor(Date.now() / 1000) + 3600;
    ahead.event.timestamp_epoch = stamp;
    expect((await postHook(t, ahead)).status).toBe(202);
    const onTime = sample('recovery');
    onTime.event.timestamp_epoch = Math.floor(Date.now() / 1000);
    expect((await postHook(t, onTime)).status).toBe(202);
    const { html } = await page(await browserAs(t));
    const box = part(html, 'data-section="future"', 'div');
    expect(box).toContain('1 event was received in the last 24 hours');
    const rows = part(box, 'data-list="future-stamped"', 'table').split('<tr>').slice(2);
    expect(rows).toHaveLength(1);
    const stamped = new Date(stamp * 1000).toISOString().slice(0, 19).replace('T', ' ');
    expect(rows[0]).toContain(`<td>${ahead.alert.log_id}</td>`);
    expect(rows[0]).toContain(`<td>${stamped}</td>`);
    expect(rows[0]).toMatch(/<td class="text-end">(59|60) min<\/td>/);
  });

  it('is for admins only', async () => {
    t = await createTestApp();
    const anonymous = await t.app.request('/admin/status', { headers: { Accept: 'text/html' } });
    expect([302, 303]).toContain(anonymous.status);
    const manager = await page(await browserAs(t, 'am@isp.example', 'account_manager'));
    expect(manager.status).toBe(403);
    expect(manager.html).not.toContain('Webhook intake');
  });
});
