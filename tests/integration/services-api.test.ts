// /api/v1/services, /export/*.csv and /impact through app.request(): figures, scoping, periods, what-if.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/domain/instants.js';
import { bearerFor, createTestApp, json, postHook, type TestApp } from '../helpers/app.js';
import { sample } from '../helpers/librenms-webhooks.js';

// cpe-43 (acme) hangs off agg-27 and agg-28; cpe-50 (globex) off agg-27 only; both reach core-12.
const inventory = {
  customers: [
    { key: 'acme', name: 'ACME B.V.', timezone: 'Europe/Amsterdam' },
    { key: 'globex', name: 'Globex, Inc.', timezone: 'UTC' },
  ],
  devices: [
    { id: 12, hostname: 'core-12.example.net', role: 'core' },
    { id: 27, hostname: 'agg-27.example.net', role: 'aggregation' },
    { id: 28, hostname: 'agg-28.example.net', role: 'aggregation' },
    { id: 43, hostname: 'cpe-acme-hq.example.net', role: 'customer' },
    { id: 50, hostname: 'cpe-globex.example.net', role: 'customer' },
  ],
  links: [
    { a: 'device:43', b: 'device:27' },
    { a: 'device:43', b: 'device:28' },
    { a: 'device:50', b: 'device:27' },
    { a: 'device:27', b: 'device:12' },
    { a: 'device:28', b: 'device:12' },
  ],
  services: [
    {
      key: 'acme-inet',
      customer: 'acme',
      name: 'Internet HQ',
      slaTarget: 99.9,
      requires: { path: { from: 'device:43', to: ['device:12'] } },
    },
    {
      key: 'globex-inet',
      customer: 'globex',
      name: 'Internet',
      slaTarget: 99.5,
      requires: { path: { from: 'device:50', to: ['device:12'] } },
    },
  ],
  maintenance: [
    {
      key: 'mw-28',
      start: '2026-03-19T00:00:00Z',
      end: '2026-03-21T00:00:00Z',
      scope: { components: ['device:28'] },
    },
  ],
};

// device 43 is down 2026-03-14T08:12:04Z .. 08:47:33Z (2,129 s) in the two fixture webhooks
const NOW = parseInstant('2026-03-20T00:00:00Z')!;
const DAY = 'from=2026-03-14T00:00:00Z&to=2026-03-15T00:00:00Z';

let t: TestApp;
const auth: Record<string, Record<string, string>> = {};
const getAs = (who: string, path: string) =>
  t.app.request(path, { headers: who === 'anonymous' ? {} : auth[who] });

beforeAll(async () => {
  t = await createTestApp({}, 'sqlite', { now: () => NOW });
  auth.admin = await bearerFor(t, { email: 'admin@isp.example', role: 'admin' });
  const res = await t.app.request('/api/v1/inventory', {
    method: 'PUT',
    headers: auth.admin,
    body: JSON.stringify(inventory),
  });
  expect(res.status).toBe(200);
  auth.acme = await bearerFor(t, { email: 'noc@acme.example', role: 'customer', customer: 'acme' });
  auth.am = await bearerFor(t, {
    email: 'am@isp.example',
    role: 'account_manager',
    customers: ['globex'],
  });
  await postHook(t, sample('deviceDown'));
  await postHook(t, sample('recovery'));
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/services', () => {
  it('gives every field of the contract, hand-computed, for an admin', async () => {
    const body = await json(await getAs('admin', `/api/v1/services?${DAY}`));
    expect(body.period).toEqual({ from: '2026-03-14T00:00:00Z', to: '2026-03-15T00:00:00Z' });
    expect(body.services.map((s: { key: string }) => s.key)).toEqual(['acme-inet', 'globex-inet']);
    expect(body.services[0]).toEqual({
      key: 'acme-inet',
      customer: 'acme',
      name: 'Internet HQ',
      state: 'up',
      at_risk: false,
      in_maintenance: true, // agg-28 is under a window now
      since: '2026-03-14T08:47:33Z',
      eligible_seconds: 86400,
      downtime_seconds: 2129,
      uptime_percent: 97.5359, // 100 × (1 − 2129 / 86400)
      incidents: 1,
      sla_target_percent: 99.9,
      sla_met: false,
      error_budget_seconds: -2043, // 86.4 − 2129
      mttr_seconds: 2129,
    });
    expect(body.services[1]).toMatchObject({
      key: 'globex-inet',
      downtime_seconds: 0,
      uptime_percent: 100,
      in_maintenance: false,
      mttr_seconds: null,
    });
  });

  it('scopes to the viewer: a customer sees its own, an account manager its portfolio', async () => {
    const keys = async (who: string) =>
      (await json(await getAs(who, `/api/v1/services?${DAY}`))).services.map(
        (s: { key: string }) => s.key,
      );
    expect(await keys('acme')).toEqual(['acme-inet']);
    expect(await keys('am')).toEqual(['globex-inet']);
    expect((await getAs('anonymous', '/api/v1/services')).status).toBe(401);
  });

  it('defaults to the current calendar month in DEFAULT_TIMEZONE', async () => {
    const body = await json(await getAs('admin', '/api/v1/services'));
    expect(body.period).toEqual({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' });
  });

  it.each([
    ['from=2026-03-14T00:00:00&to=2026-03-15T00:00:00Z', 'no zone'],
    ['from=2026-03-15T00:00:00Z&to=2026-03-14T00:00:00Z', 'from after to'],
    ['from=2026-03-14T00:00:00Z&to=2026-03-14T00:00:00Z', 'empty period'],
    ['from=2026-03-14T00:00:00Z', 'from alone'],
    ['from=yesterday&to=2026-03-14T00:00:00Z', 'not an instant'],
  ])('answers 400 to %s (%s)', async (query) => {
    const res = await getAs('admin', `/api/v1/services?${query}`);
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('invalid_period');
    expect((await getAs('admin', `/api/v1/export/services.csv?${query}`)).status).toBe(400);
  });

  it('accepts offsets: +01:00 is the same instant as Z an hour earlier', async () => {
    const q = 'from=2026-03-14T01:00:00%2B01:00&to=2026-03-15T01:00:00%2B01:00';
    const body = await json(await getAs('admin', `/api/v1/services?${q}`));
    expect(body.period.from).toBe('2026-03-14T00:00:00Z');
  });
});

describe('GET /api/v1/services/{key}', () => {
  it('adds root cause, dependencies with SPOFs and state, and the incidents of the period', async () => {
    const body = await json(await getAs('acme', `/api/v1/services/acme-inet?${DAY}`));
    expect(body.root_cause).toEqual([]);
    expect(body.dependencies).toEqual([
      { ref: 'device:12', spof: true, state: 'up' },
      { ref: 'device:27', spof: false, state: 'up' },
      { ref: 'device:28', spof: false, state: 'up' },
      { ref: 'device:43', spof: true, state: 'up' },
    ]);
    expect(body.period_incidents).toEqual([
      {
        started_at: '2026-03-14T08:12:04Z',
        ended_at: '2026-03-14T08:47:33Z',
        duration_seconds: 2129,
        in_period_seconds: 2129,
        counted: true,
        root_cause: ['device:43'],
        root_causes_during: ['device:43'],
      },
    ]);
  });

  it("defaults to the month in the customer's time zone (Amsterdam: CET, then CEST)", async () => {
    const body = await json(await getAs('acme', '/api/v1/services/acme-inet'));
    expect(body.period).toEqual({ from: '2026-02-28T23:00:00Z', to: '2026-03-31T22:00:00Z' });
  });

  it("answers 404 for another customer's service and for an unknown key", async () => {
    expect((await getAs('acme', '/api/v1/services/globex-inet')).status).toBe(404);
    expect((await getAs('am', '/api/v1/services/acme-inet')).status).toBe(404);
    expect((await getAs('admin', '/api/v1/services/nope')).status).toBe(404);
  });
});

describe('CSV exports', () => {
  it('answers services.csv with the contract columns, CRLF and exact formats', async () => {
    const res = await getAs('admin', `/api/v1/export/services.csv?${DAY}`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await res.text()).toBe(
      'customer_key,customer_name,service_key,service_name,period_from,period_to,eligible_seconds,' +
        'downtime_seconds,uptime_percent,incidents,sla_target_percent,sla_met,error_budget_seconds,mttr_seconds\r\n' +
        'acme,ACME B.V.,acme-inet,Internet HQ,2026-03-14T00:00:00Z,2026-03-15T00:00:00Z,86400,2129,97.5359,1,99.9,false,-2043,2129\r\n' +
        'globex,"Globex, Inc.",globex-inet,Internet,2026-03-14T00:00:00Z,2026-03-15T00:00:00Z,86400,0,100.0000,0,99.5,true,432,\r\n',
    );
  });

  it("answers incidents.csv, scoped: a customer sees only its own service's rows", async () => {
    const expected =
      'customer_key,service_key,service_name,started_at,ended_at,duration_seconds,in_period_seconds,counted,root_cause,root_causes_during\r\n' +
      'acme,acme-inet,Internet HQ,2026-03-14T08:12:04Z,2026-03-14T08:47:33Z,2129,2129,true,device:43,device:43\r\n';
    expect(await (await getAs('acme', `/api/v1/export/incidents.csv?${DAY}`)).text()).toBe(
      expected,
    );
    const am = await (await getAs('am', `/api/v1/export/incidents.csv?${DAY}`)).text();
    expect(am.split('\r\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('GET /api/v1/impact', () => {
  it('answers what else would be down or at risk with the given components down', async () => {
    const body = await json(await getAs('admin', '/api/v1/impact?components=device:27'));
    expect(body).toEqual({
      down: { services: ['globex-inet'], customers: ['globex'] },
      at_risk: { services: ['acme-inet'], customers: ['acme'] },
    });
  });

  it("scopes to the viewer's customers and resolves hostnames", async () => {
    const res = await getAs('am', '/api/v1/impact?components=device:agg-27.example.net');
    expect(await json(res)).toEqual({
      down: { services: ['globex-inet'], customers: ['globex'] },
      at_risk: { services: [], customers: [] },
    });
  });

  it('answers 403 to customers and 422 with the path of each unknown ref', async () => {
    expect((await getAs('acme', '/api/v1/impact?components=device:27')).status).toBe(403);
    const res = await getAs(
      'admin',
      '/api/v1/impact?components=device:27,device:nohost,device:999',
    );
    expect(res.status).toBe(422);
    const paths = (await json(res)).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(['components[1]', 'components[2]']);
    expect((await getAs('admin', '/api/v1/impact')).status).toBe(400);
  });
});
