// Services whose rules name removed components: the query, and the admin reconcile page listing them.
import type { EntityManager } from '@mikro-orm/knex';
import { afterEach, describe, expect, it } from 'vitest';
import { servicesOnRemovedComponents } from '../../src/services/removed-components.js';
import { browserAs } from '../helpers/admin-browser.js';
import { startWorld, type World } from '../helpers/reconcile-world.js';

let w: World;
afterEach(async () => w?.close());

const fork = () => w.t.orm.em.fork() as EntityManager;

/** Ten more devices (so that one going stays under the 10 % limit), imported, and four services. */
async function setUp(): Promise<void> {
  w = await startWorld();
  const base = w.fake.state.devices[0]!;
  for (let i = 0; i < 10; i++) {
    w.fake.state.devices.push({ ...base, device_id: 300 + i, hostname: `edge-${i}.example.net` });
  }
  expect((await w.t.services.reconcile.run('topology')).status).toBe('succeeded');
  const service = (key: string, requires: unknown) => ({
    key,
    customer: 'acme',
    name: key.toUpperCase(),
    slaTarget: 99.9,
    requires,
  });
  const res = await w.t.app.request('/api/v1/inventory', {
    method: 'PUT',
    headers: w.admin,
    body: JSON.stringify({
      customers: [{ key: 'acme', name: 'ACME', timezone: 'UTC' }],
      services: [
        service('hq', { any: ['device:12', 'port:4301'] }),
        service('branch', { path: { from: 'device:43', to: ['device:12', 'device:777'] } }),
        service('core', 'device:27'),
        service('gone-svc', 'device:43'),
      ],
    }),
  });
  expect(res.status).toBe(200);
  const del = await w.t.app.request('/api/v1/inventory/services/gone-svc', {
    method: 'DELETE',
    headers: w.admin,
  });
  expect(del.status).toBe(204);
}

describe('services pointing at removed components', () => {
  it('lists none while LibreNMS lists everything a rule names (an unknown id aside)', async () => {
    await setUp();
    expect(await servicesOnRemovedComponents(fork())).toEqual([
      {
        customer: 'acme',
        key: 'branch',
        name: 'BRANCH',
        refs: [{ ref: 'device:777', reason: 'unknown', text: 'no such component is known' }],
      },
    ]);
  });

  it('lists the device LibreNMS stopped listing and the ports on it; hidden services stay out', async () => {
    await setUp();
    w.fake.state.devices = w.fake.state.devices.filter((d) => d.device_id !== 43);
    expect((await w.t.services.reconcile.run('topology')).status).toBe('succeeded');
    const gone = { reason: 'gone', text: 'LibreNMS no longer lists it' };
    expect(await servicesOnRemovedComponents(fork())).toEqual([
      {
        customer: 'acme',
        key: 'branch',
        name: 'BRANCH',
        refs: [
          { ref: 'device:43', ...gone },
          { ref: 'device:777', reason: 'unknown', text: 'no such component is known' },
        ],
      },
      {
        customer: 'acme',
        key: 'hq',
        name: 'HQ',
        refs: [
          {
            ref: 'port:4301',
            reason: 'device gone',
            text: 'LibreNMS no longer lists its device',
          },
        ],
      },
    ]);

    const page = await w.t.app.request('/admin/reconcile', { headers: await browserAs(w.t) });
    expect(page.status).toBe(200);
    const html = await page.text();
    const table = /<table[^>]*data-list="removed-services"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(table).toContain('<code>branch</code> BRANCH');
    expect(table).toContain('<code>device:43</code>');
    expect(table).toContain('data-reason="device gone"');
    expect(table).not.toContain('gone-svc');
    expect(html).toContain('2 services name components that are removed');
  });
});
