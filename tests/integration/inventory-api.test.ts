// /api/v1/inventory through app.request(): all-or-nothing 422s, upsert counts, round trip, DELETE, roles.
import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearerFor, createTestApp, json, type TestApp } from '../helpers/app.js';

const acceptance = readFileSync('tests/fixtures/acceptance/inventory.json', 'utf8');

let t: TestApp;
let admin: Record<string, string>;
const knex = () => (t.orm.em as EntityManager).getKnex();
const count = async (table: string) => Number((await knex()(table).count({ n: '*' }))[0]!.n);

const put = (body: unknown, headers = admin) =>
  t.app.request('/api/v1/inventory', {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const get = async (query = '') =>
  json(await t.app.request(`/api/v1/inventory${query}`, { headers: admin }));
const del = (path: string, headers = admin) =>
  t.app.request(`/api/v1/inventory/${path}`, { method: 'DELETE', headers });

const small = {
  customers: [{ key: 'acme', name: 'ACME B.V.', timezone: 'Europe/Amsterdam' }],
  devices: [
    { id: 12, hostname: 'core-12.example.net' },
    { id: 43, hostname: 'cpe-acme-hq.example.net', label: 'HQ router', groups: ['cpe'] },
  ],
  ports: [{ id: 1201, device: 12, ifName: 'Te0/1' }],
  links: [
    { a: 'port:1201', b: 'device:43' },
    { a: 'device:cpe-acme-hq.example.net', b: 'port:1201' },
  ],
  roleRules: [{ hostname: '^core-', role: 'core' }],
  services: [
    {
      key: 'acme-inet',
      customer: 'acme',
      name: 'Internet',
      slaTarget: '99.90',
      requires: { path: { from: 'device:CPE-ACME-HQ.example.net', to: ['device:12'] } },
    },
  ],
  ruleEffects: [{ ruleId: 4, rule: 'Port status up/down', effect: 'port' }],
};

const zeros = {
  customers: 0,
  services: 0,
  devices: 0,
  ports: 0,
  links: 0,
  maintenance: 0,
  ruleEffects: 0,
  roleRules: 0,
  alertSources: 0,
};

beforeEach(async () => {
  t = await createTestApp();
  admin = await bearerFor(t, { email: 'admin@isp.example', role: 'admin' });
});
afterEach(async () => {
  await t.close();
});

describe('PUT /api/v1/inventory', () => {
  it('answers 422 with every error and its JSON path, and writes nothing', async () => {
    const res = await put({
      customers: [{ key: 'acme', name: 'ACME' }],
      services: [
        {
          key: 's1',
          customer: 'nobody',
          name: 'S1',
          slaTarget: 99.9,
          requires: { path: { from: 'device:ghost.example.net', to: ['device:12'] } },
        },
      ],
      ports: [{ id: 5, device: 999, ifName: 'ge-0/0/1' }],
      maintenance: [
        {
          key: 'mw',
          start: '2026-09-01T00:00:00Z',
          end: '2026-09-01T01:00:00Z',
          scope: { services: ['nope'] },
        },
      ],
    });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.code).toBe('invalid_inventory');
    const paths = body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual([
      'maintenance[0].scope.services[0]',
      'ports[0].device',
      'services[0].customer',
      'services[0].requires.path.from',
    ]);
    expect(await count('customers')).toBe(0);
    expect(await count('audit_log')).toBe(0);
  });

  it('reports schema errors of several entries at once', async () => {
    const res = await put({
      devices: [{ id: -1, hostname: '' }],
      services: [{ key: 's', customer: 'x', name: 'S', slaTarget: 'abc', requires: 'device:1' }],
    });
    expect(res.status).toBe(422);
    const paths = (await json(res)).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['devices[0].id', 'devices[0].hostname', 'services[0].slaTarget']),
    );
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await put('{"customers": [');
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('not_json');
  });

  it('creates, then reports unchanged, then counts what an edit updated and created', async () => {
    const first = await json(await put(small));
    expect(first.created).toEqual({
      ...zeros,
      customers: 1,
      services: 1,
      devices: 2,
      ports: 1,
      links: 1, // listed in both directions: one link
      roleRules: 1,
      ruleEffects: 1,
    });
    expect((await json(await put(small))).unchanged).toEqual(first.created);

    const edited = structuredClone(small) as typeof small & Record<string, unknown>;
    edited.services[0]!.name = 'Internet 1G';
    edited.devices.push({ id: 50, hostname: 'cpe-50.example.net' } as never);
    edited.ruleEffects = [{ ruleId: 4, rule: 'Port status renamed', effect: 'port' }];
    const second = await json(await put(edited));
    expect(second.created).toEqual({ ...zeros, devices: 1 });
    expect(second.updated).toEqual({ ...zeros, services: 1, ruleEffects: 1 });
    expect(second.unchanged.devices).toBe(2);
    expect(await count('rule_effects')).toBe(1);
    expect(await count('audit_log')).toBe(3);
  });

  it('stores name references resolved and the SLA target as its exact text', async () => {
    await put(small);
    const doc = await get();
    expect(doc.services[0].requires).toEqual({ path: { from: 'device:43', to: ['device:12'] } });
    expect(doc.services[0].slaTarget).toBe('99.90');
    expect(doc.links).toEqual([{ a: 'device:43', b: 'port:1201' }]);
    expect(doc.devices[1]).toEqual({
      id: 43,
      hostname: 'cpe-acme-hq.example.net',
      label: 'HQ router',
      groups: ['cpe'],
    });
  });

  it('round-trips: putting back what GET returns reports everything unchanged', async () => {
    expect((await put(acceptance)).status).toBe(200);
    const doc = await get();
    const again = await json(await put(doc));
    expect(again.created).toEqual(zeros);
    expect(again.updated).toEqual(zeros);
    expect(again.unchanged.services).toBe(29);
    expect(again.unchanged.links).toBe(48);
    expect(await get()).toEqual(doc);
  });
});

describe('DELETE /api/v1/inventory/{section}/{key}', () => {
  it('hides a removed service (history kept) and audits it; putting it back creates it', async () => {
    await put(small);
    const res = await del('services/acme-inet');
    expect(res.status).toBe(204);
    expect((await get()).services).toEqual([]);
    expect(await knex()('services').where({ key: 'acme-inet' }).first()).toMatchObject({
      hidden: 1,
    });
    const audit = await knex()('audit_log').where({ action: 'inventory.delete' }).first();
    expect(audit.subject).toBe('services/acme-inet');
    const svc = await t.app.request('/api/v1/services/acme-inet', { headers: admin });
    expect(svc.status).toBe(404);
    expect((await del('services/acme-inet')).status).toBe(404);
    expect((await json(await put(small))).created.services).toBe(1);
  });

  it('removes a link by its pair in either order, and refuses a device that still has ports', async () => {
    await put(small);
    expect((await del('links/port:1201,device:43')).status).toBe(204);
    expect((await get()).links).toEqual([]);
    expect((await del('devices/12')).status).toBe(409);
    expect((await del('ports/1201')).status).toBe(204);
    expect((await del('devices/12')).status).toBe(204);
    expect((await del('nonsense/1')).status).toBe(400);
  });
});

describe('inventory roles', () => {
  it('is for admins only: account managers and customers 403, anonymous 401', async () => {
    await put(small);
    const am = await bearerFor(t, { email: 'am@isp.example', role: 'account_manager' });
    const cu = await bearerFor(t, { email: 'c@acme.example', role: 'customer', customer: 'acme' });
    expect((await put(small, am)).status).toBe(403);
    expect((await t.app.request('/api/v1/inventory', { headers: cu })).status).toBe(403);
    expect((await del('services/acme-inet', am)).status).toBe(403);
    expect((await t.app.request('/api/v1/inventory')).status).toBe(401);
    expect((await put(small, {})).status).toBe(401);
  });
});
