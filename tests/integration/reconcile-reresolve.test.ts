// A device LibreNMS re-adds under a new id (same hostname): references follow it, audited, once.
import type { EntityManager } from '@mikro-orm/knex';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditEntrySchema } from '../../src/db/entities/audit-log.js';
import { LinkSchema } from '../../src/db/entities/component.js';
import { LinkSightingSchema } from '../../src/db/entities/reconcile.js';
import { MaintenanceWindowSchema } from '../../src/db/entities/maintenance-window.js';
import { ServiceSchema } from '../../src/db/entities/service.js';
import type { Row } from '../helpers/fake-librenms.js';
import { json, startWorld, type World } from '../helpers/reconcile-world.js';

let w: World;
afterEach(async () => w?.close());

const fork = () => w.t.orm.em.fork() as EntityManager;
const linkPairs = async () =>
  (await fork().find(LinkSchema, {}, { orderBy: { a: 'asc', b: 'asc' } })).map(
    (l) => `${l.a}|${l.b}|${l.source}`,
  );

/** Declares a service on cpe-43 by hostname, a window on its port, a manual link to core-12. */
async function declare(): Promise<void> {
  const res = await w.t.app.request('/api/v1/inventory', {
    method: 'PUT',
    headers: w.admin,
    body: JSON.stringify({
      customers: [{ key: 'acme', name: 'ACME', timezone: 'UTC' }],
      services: [
        {
          key: 'acme-hq',
          customer: 'acme',
          name: 'HQ',
          slaTarget: 99.9,
          requires: { all: ['device:CPE-43.example.net', 'port:cpe-43.example.net/Gi0/0'] },
        },
        {
          key: 'acme-core',
          customer: 'acme',
          name: 'Core',
          slaTarget: 99.9,
          requires: 'device:12',
        },
      ],
      links: [{ a: 'device:cpe-43.example.net', b: 'device:core-12.example.net' }],
      maintenance: [
        {
          key: 'mw-1',
          start: '2026-03-21T00:00:00Z',
          end: '2026-03-21T02:00:00Z',
          scope: { components: ['port:cpe-43.example.net/Gi0/0', 'device:27'] },
        },
      ],
    }),
  });
  expect(res.status).toBe(200);
}

/** LibreNMS deletes cpe-43 (43, port 4301) and adds it back as 99 (port 9901, same ifName). */
function readdAs99(): void {
  const s = w.fake.state;
  const old = s.devices.find((d) => d.device_id === 43)!;
  s.devices = [...s.devices.filter((d) => d !== old), { ...old, device_id: 99 }];
  const ports = s.ports as Row[];
  const oldPort = ports.find((p) => p.port_id === 4301)!;
  s.ports = [...ports.filter((p) => p !== oldPort), { ...oldPort, port_id: 9901, device_id: 99 }];
  s.links = s.links.map((l) => ({
    ...l,
    ...(l.local_port_id === 4301 ? { local_port_id: 9901, local_device_id: 99 } : {}),
    ...(l.remote_port_id === 4301 ? { remote_port_id: 9901, remote_device_id: 99 } : {}),
  }));
}

const audits = () => fork().find(AuditEntrySchema, { action: 'reconcile.reresolve' });

describe('hostname re-resolution', () => {
  it('re-points rules, windows and links from the old id to the new one, audited once', async () => {
    w = await startWorld();
    expect((await w.t.services.reconcile.run('topology')).status).toBe('succeeded');
    await declare();
    const before = await fork().findOneOrFail(ServiceSchema, { key: 'acme-hq' });
    expect(JSON.parse(before.requires)).toEqual({ all: ['device:43', 'port:4301'] });

    readdAs99();
    w.clock.now += 3600;
    const run = await w.t.services.reconcile.run('topology');
    // one of four devices gone would be a 25 % shrink; a re-added device is not a loss
    expect(run).toMatchObject({ status: 'succeeded', error: null });

    const em = fork();
    const hq = await em.findOneOrFail(ServiceSchema, { key: 'acme-hq' });
    expect(JSON.parse(hq.requires)).toEqual({ all: ['device:99', 'port:9901'] });
    const core = await em.findOneOrFail(ServiceSchema, { key: 'acme-core' });
    expect(JSON.parse(core.requires)).toBe('device:12');
    const mw = await em.findOneOrFail(MaintenanceWindowSchema, { key: 'mw-1' });
    expect(JSON.parse(mw.scope)).toEqual({ components: ['port:9901', 'device:27'] });
    // the manual link moves; LibreNMS's own link to the old port yields to the one it now reports
    expect(await linkPairs()).toEqual([
      'device:12|device:99|inventory',
      'port:1201|port:2701|librenms',
      'port:2702|port:9901|librenms',
      'port:2703|port:5001|librenms',
    ]);
    expect(await em.count(LinkSightingSchema, {})).toBe(0);

    const [entry, ...more] = await audits();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ userId: null, subject: 'device:43' });
    expect(JSON.parse(entry!.detail)).toEqual({
      hostname: 'cpe-43.example.net',
      from: 'device:43',
      to: 'device:99',
      ports: { 'port:4301': 'port:9901' },
      services: ['acme-hq'],
      windows: ['mw-1'],
      links: [
        { from: 'port:2702|port:4301', to: 'port:2702|port:9901' },
        { from: 'device:12|device:43', to: 'device:12|device:99' },
      ],
      run: run.id,
    });

    // the engine follows: the service now depends on the new device and port
    const res = await w.t.app.request(
      '/api/v1/services/acme-hq?from=2026-03-19T00:00:00Z&to=2026-03-20T00:00:00Z',
      { headers: w.admin },
    );
    const body = await json(res);
    expect(res.status).toBe(200);
    const deps = (body.dependencies as Array<{ ref: string }>).map((d) => d.ref);
    expect(deps).toContain('device:99');
    expect(deps).not.toContain('device:43');

    // a hostname written now names the listed device, not the gone one sharing it
    const put = await w.t.app.request('/api/v1/inventory', {
      method: 'PUT',
      headers: w.admin,
      body: JSON.stringify({
        services: [
          {
            key: 'acme-branch',
            customer: 'acme',
            name: 'Branch',
            slaTarget: 99.9,
            requires: 'port:cpe-43.example.net/Gi0/0',
          },
        ],
      }),
    });
    expect(put.status).toBe(200);
    const branch = await fork().findOneOrFail(ServiceSchema, { key: 'acme-branch' });
    expect(JSON.parse(branch.requires)).toBe('port:9901');

    // a later run finds nothing left to move: no second audit entry
    w.clock.now += 3600;
    expect((await w.t.services.reconcile.run('topology')).status).toBe('succeeded');
    expect(await audits()).toHaveLength(1);
  });

  it('leaves references alone when the hostname is listed under two new ids', async () => {
    w = await startWorld();
    await w.t.services.reconcile.run('topology');
    await declare();
    readdAs99();
    const twin = w.fake.state.devices.find((d) => d.device_id === 99)!;
    w.fake.state.devices.push({ ...twin, device_id: 100 });
    expect((await w.t.services.reconcile.run('topology')).status).toBe('succeeded');
    const hq = await fork().findOneOrFail(ServiceSchema, { key: 'acme-hq' });
    expect(JSON.parse(hq.requires)).toEqual({ all: ['device:43', 'port:4301'] });
    expect(await audits()).toEqual([]);
  });
});
