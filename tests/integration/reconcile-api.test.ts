// POST/GET /api/v1/reconcile (admin), the 409 without LibreNMS, and a plain-text webhook's gap run.
import { afterEach, describe, expect, it } from 'vitest';
import { bearerFor, createTestApp, json, postHook, type TestApp } from '../helpers/app.js';
import { startWorld, type World } from '../helpers/reconcile-world.js';

let w: World | undefined;
let plain: TestApp | undefined;
afterEach(async () => {
  await w?.close();
  await plain?.close();
  w = plain = undefined;
});

const waitFor = async (w: World, id: number) => {
  for (;;) {
    const body = await json(await w.t.app.request(`/api/v1/reconcile/${id}`, { headers: w.admin }));
    if (body.status === 'succeeded' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('/api/v1/reconcile', () => {
  it('starts a run (202 with its id), answers the running id again, and reports the run', async () => {
    w = await startWorld();
    w.fake.faults.delay('/system', 150);
    const post = () =>
      w!.t.app.request('/api/v1/reconcile?kind=topology', { method: 'POST', headers: w!.admin });
    const first = await post();
    expect(first.status).toBe(202);
    const { id } = await json(first);
    expect(await json(await post())).toEqual({ id });
    const run = await waitFor(w, id);
    expect(run).toMatchObject({
      id,
      kind: 'topology',
      status: 'succeeded',
      items_imported: 17,
      error: null,
      librenms_version: '26.1.1',
    });
    expect(run.requests).toBeGreaterThan(5);
    expect(run.started_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const gap = await json(
      await w.t.app.request('/api/v1/reconcile', { method: 'POST', headers: w.admin }),
    );
    expect((await waitFor(w, gap.id)).kind).toBe('gap');
  });

  it('is for admins only, and 404 for an unknown run', async () => {
    w = await startWorld();
    const customer = await bearerFor(w.t, { email: 'am@isp.example', role: 'account_manager' });
    expect(
      (await w.t.app.request('/api/v1/reconcile', { method: 'POST', headers: customer })).status,
    ).toBe(403);
    expect((await w.t.app.request('/api/v1/reconcile', { method: 'POST' })).status).toBe(401);
    expect((await w.t.app.request('/api/v1/reconcile/999', { headers: w.admin })).status).toBe(404);
    const bad = await w.t.app.request('/api/v1/reconcile?kind=all', {
      method: 'POST',
      headers: w.admin,
    });
    expect(bad.status).toBe(400);
  });

  it('answers 409 reconcile_disabled without LibreNMS settings', async () => {
    plain = await createTestApp();
    const admin = await bearerFor(plain, { email: 'admin@isp.example', role: 'admin' });
    const res = await plain.app.request('/api/v1/reconcile', { method: 'POST', headers: admin });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe('reconcile_disabled');
    expect((await postHook(plain, 'Fallback template used: not JSON')).status).toBe(422);
  });

  it('starts a gap run when a webhook body is not JSON', async () => {
    w = await startWorld();
    expect((await postHook(w.t, 'Alert for device x: Fallback template used')).status).toBe(422);
    const run = await waitFor(w, 1);
    expect(run).toMatchObject({ kind: 'gap', status: 'succeeded' });
  });
});
