// The engine's start-up read (plain SQL, taken as stored, no second validation) yields exactly the
// inventory that validating the API's GET document gives, LibreNMS imports and derived roles included.
import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseInventory, type Inventory } from '../../src/domain/inventory.js';
import { inventoryInForce } from '../../src/services/availability.js';
import { InventoryService } from '../../src/services/inventory.js';
import { targetDialect } from '../helpers/databases.js';
import { useTestOrm } from '../helpers/test-orm.js';

const t = useTestOrm();
const em = () => t.orm.em.fork() as EntityManager;
const service = new InventoryService({
  now: () => 1_790_000_000,
  defaultTimezone: 'Europe/Berlin',
});
const acceptance = JSON.parse(readFileSync('tests/fixtures/acceptance/inventory.json', 'utf8'));

/** What the acceptance scenario lacks: group rules, explicit roles, windows on components and on a removed service, sources. */
const extra = {
  customers: [{ key: 'zone-less', name: 'No zone given' }],
  services: [
    {
      key: 'gone',
      customer: 'zone-less',
      name: 'Removed later',
      slaTarget: '99.90',
      activeFrom: '2026-03-29T01:30:00+01:00',
      activeUntil: null,
      requires: { all: ['device:1', { path: { from: 'port:9101', to: ['device:2'] } }] },
    },
    {
      key: 'kept',
      customer: 'zone-less',
      name: 'Kept',
      slaTarget: 99.5,
      requires: { atLeast: 1, of: ['device:1', { any: ['device:2', 'port:9101'] }] },
    },
  ],
  devices: [
    { id: 910, hostname: 'cpe-910.example.net', role: 'access', groups: ['Leaf switches'] },
    { id: 911, hostname: 'odd-911', label: 'Odd one', location: 'Rack 9', group: 'Leaf switches' },
  ],
  ports: [{ id: 9101, device: 910, ifName: 'ge-0/0/1' }],
  links: [{ a: 'port:9101', b: 'device:911' }],
  roleRules: [...acceptance.roleRules, { group: 'Leaf switches', role: 'access' }],
  maintenance: [
    {
      key: 'mw-gone',
      start: '2026-10-25T00:30:00Z',
      end: '2026-10-25T01:30:00Z',
      category: 'customer',
      scope: { services: ['gone'] },
      reason: 'asked for',
    },
    {
      key: 'mw-part',
      start: '2026-10-26T00:00:00Z',
      end: '2026-10-26T02:00:00Z',
      scope: { components: ['device:cpe-910.example.net', 'port:9101'] },
    },
  ],
  ruleEffects: [
    { ruleId: 12, effect: 'device' },
    { ruleId: 13, rule: 'Both given', effect: 'ignore' },
  ],
  alertSources: [
    { alertname: 'LinkDown', component: 'port:{{ $labels.ifName }}', matchers: { sev: 'crit' } },
  ],
};

/** Keyed sections in key order (the two reads may list rows in different orders). */
function canonical(inv: Inventory): Inventory {
  const by = <T>(list: T[], key: (x: T) => string | number) =>
    [...list].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  return {
    ...inv,
    customers: by(inv.customers, (c) => c.key),
    services: by(inv.services, (s) => s.key),
    devices: by(inv.devices, (d) => d.id),
    ports: by(inv.ports, (p) => p.id),
    links: by(inv.links, (l) => `${l.a}|${l.b}`),
    maintenance: by(inv.maintenance, (w) => w.key),
    ruleEffects: by(inv.ruleEffects, (m) => JSON.stringify(m)),
  };
}

beforeAll(async () => {
  await service.put(em(), acceptance, 1);
  await service.put(em(), extra, 1);
  await service.remove(em(), 'services', 'gone', 1);
  // what a topology import stores: undeclared components and a LibreNMS link
  const knex = em().getKnex();
  await knex('devices').insert({
    ...{ id: 920, hostname: 'leaf-920', label: null, location: null, role: null },
    ...{ groups: '["Leaf switches"]', declared: false },
  });
  await knex('ports').insert({ id: 9201, device_id: 920, if_name: 'xe-1/0/0', declared: false });
  await knex('links').insert({ a: 'device:1', b: 'port:9201', source: 'librenms' });
});

describe(`inventory in force on ${targetDialect()}`, () => {
  it('equals the validated GET document (imports included), roles derived the same way', async () => {
    const fast = await inventoryInForce(em());
    const doc = await service.get(em(), { includeLibrenms: true });
    const keys = ((await em().getKnex()('services').select('key')) as { key: string }[]).map(
      (r) => r.key,
    );
    expect(canonical(fast)).toEqual(canonical(parseInventory(doc, { serviceKeys: keys })));
    // hand-checked points of the same comparison
    const device = (id: number) => fast.devices.find((d) => d.id === id);
    expect(device(910)?.role).toBe('access'); // explicit wins over ^cpe-
    expect(device(911)?.role).toBe('access'); // by its group
    expect(device(920)).toMatchObject({ role: 'access', groups: ['Leaf switches'] }); // imported
    expect(fast.ports.find((p) => p.id === 9201)).toEqual({
      id: 9201,
      deviceId: 920,
      ifName: 'xe-1/0/0',
    });
    expect(fast.links).toContainEqual({ a: 'device:1', b: 'port:9201' });
    expect(fast.services.map((s) => s.key)).not.toContain('gone');
    expect(fast.services.find((s) => s.key === 'kept')).toMatchObject({
      slaTarget: '99.5',
      activeFrom: null,
    });
    expect(fast.maintenance.find((w) => w.key === 'mw-gone')).toMatchObject({
      start: 1_792_888_200,
      scope: { services: ['gone'] },
      reason: 'asked for',
    });
    expect(fast.maintenance.find((w) => w.key === 'mw-part')?.scope).toEqual({
      components: ['device:910', 'port:9101'],
    });
    expect(fast.alertSources).toEqual(extra.alertSources);
  });

  it('keeps LibreNMS imports out of the declared GET, which the same reader answers', async () => {
    const doc = (await service.get(em(), { includeLibrenms: false })) as {
      devices: { id: number }[];
      ports: { id: number }[];
      links: { a: string; b: string }[];
      services: { key: string }[];
    };
    expect(doc.devices.map((d) => d.id)).toContain(911);
    expect(doc.devices.map((d) => d.id)).not.toContain(920);
    expect(doc.ports.map((p) => p.id)).not.toContain(9201);
    expect(doc.links).not.toContainEqual({ a: 'device:1', b: 'port:9201' });
    expect(doc.links).toContainEqual({ a: 'device:911', b: 'port:9101' });
    expect(doc.services.map((s) => s.key)).toEqual(
      [...doc.services.map((s) => s.key)].sort((a, b) => (a < b ? -1 : 1)),
    );
  });
});
