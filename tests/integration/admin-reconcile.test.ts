// The admin page /admin/reconcile through app.request(): run history, "Reconcile now", live polling.
import type { EntityManager } from '@mikro-orm/knex';
import { afterEach, describe, expect, it } from 'vitest';
import { UserSchema } from '../../src/db/entities/user.js';
import { createUser } from '../../src/services/accounts.js';
import { createSession } from '../../src/services/sessions.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startWorld, type World } from '../helpers/reconcile-world.js';

let w: World | undefined;
let plain: TestApp | undefined;
afterEach(async () => {
  await w?.close();
  await plain?.close();
  w = plain = undefined;
});

/** Browser-like headers of a signed-in admin (session cookie, same-origin). */
async function adminBrowser(t: TestApp, htmx = false): Promise<Record<string, string>> {
  const em = t.orm.em.fork() as EntityManager;
  const email = 'noc@isp.example';
  if (!(await em.findOne(UserSchema, { email }))) {
    await createUser(em, { email, role: 'admin', password: 'a long enough password' });
  }
  const { token } = await createSession(em, await em.findOneOrFail(UserSchema, { email }));
  const headers: Record<string, string> = {
    Cookie: `pu_session=${token}`,
    Accept: 'text/html',
    Origin: 'http://localhost',
  };
  if (htmx) headers['HX-Request'] = 'true';
  return headers;
}

const post = (t: TestApp, headers: Record<string, string>, body = 'kind=topology') =>
  t.app.request('/admin/reconcile', {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });

describe('/admin/reconcile', () => {
  it('shows the runs of each kind and the links LibreNMS no longer reports', async () => {
    w = await startWorld();
    await w.t.services.reconcile.run('topology');
    w.fake.state.links = w.fake.state.links.filter(
      (l) => l.local_device_id !== 43 && l.remote_device_id !== 43,
    );
    await w.t.services.reconcile.run('topology');
    await w.t.services.reconcile.run('gap');
    const res = await w.t.app.request('/admin/reconcile', { headers: await adminBrowser(w.t) });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/admin/reconcile">Reconcile</a>');
    expect(html).toContain('configured');
    expect(html).toContain('hx-post="/admin/reconcile"');
    expect(html).toMatch(/<table[^>]*data-kind="topology"[\s\S]*?succeeded[\s\S]*?<\/table>/);
    expect(html).toMatch(/<table[^>]*data-kind="gap"/);
    expect(html).toContain('<code>port:2702</code></td><td><code>port:4301</code>');
    expect(html).toMatch(/not seen since 2026-03-20 00:00:00<\/td><td class="text-end">1</);
  });

  it('starts a run with htmx and answers a fragment that polls until it has succeeded', async () => {
    w = await startWorld();
    w.fake.faults.delay('/system', 200);
    const hx = await adminBrowser(w.t, true);
    const res = await post(w.t, hx);
    expect(res.status).toBe(200);
    const fragment = await res.text();
    expect(fragment).not.toContain('<html');
    const id = Number(/id="reconcile-run-(\d+)"/.exec(fragment)?.[1]);
    expect(fragment).toContain(`hx-get="/admin/reconcile/runs/${id}" hx-trigger="every 1s"`);
    expect(fragment).toContain('data-status="running"');
    let polled = '';
    for (let i = 0; i < 200 && !polled.includes('data-status="succeeded"'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      polled = await (await w.t.app.request(`/admin/reconcile/runs/${id}`, { headers: hx })).text();
    }
    expect(polled).toContain('data-status="succeeded"');
    expect(polled).not.toContain('hx-trigger');
    expect(polled).toContain('17 items imported');
    expect(polled).toMatch(/[1-9]\d* requests/);
    const run = await w.t.services.reconcile.get(w.t.orm.em.fork() as EntityManager, id);
    expect(run.kind).toBe('topology');
  });

  it('works without JavaScript: the form redirects to the page showing the run', async () => {
    w = await startWorld();
    const res = await post(w.t, await adminBrowser(w.t), 'kind=gap');
    expect(res.status).toBe(303);
    const to = res.headers.get('location') ?? '';
    expect(to).toMatch(/^\/admin\/reconcile\?run=\d+$/);
    await w.t.services.reconcile.idle();
    const page = await (await w.t.app.request(to, { headers: await adminBrowser(w.t) })).text();
    expect(page).toContain('<html');
    expect(page).toMatch(/Run \d+ · gap/);
    expect(page).toContain('data-status="succeeded"');
  });

  it('says LibreNMS is not configured, on the page and when asked to run', async () => {
    plain = await createTestApp();
    const headers = await adminBrowser(plain);
    const page = await (await plain.app.request('/admin/reconcile', { headers })).text();
    expect(page).toContain('LibreNMS is not configured');
    expect(page).not.toContain('hx-post="/admin/reconcile"');
    const refused = await post(plain, headers);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('reconciliation is disabled');
    const hx = await post(plain, await adminBrowser(plain, true));
    expect(hx.status).toBe(200);
    expect(await hx.text()).toMatch(/data-reconcile="refused">reconciliation is disabled/);
  });

  it('is for admins only and answers 404 for an unknown run', async () => {
    plain = await createTestApp();
    const admin = await adminBrowser(plain);
    expect((await plain.app.request('/admin/reconcile/runs/999', { headers: admin })).status).toBe(
      404,
    );
    const anon = await plain.app.request('/admin/reconcile', { headers: { Accept: 'text/html' } });
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toMatch(/^\/login/);
  });
});
