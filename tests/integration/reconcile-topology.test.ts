// Topology runs against the fake LibreNMS: full import, no-change runs, vanishing links, safety stops.
import type { EntityManager } from '@mikro-orm/knex';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceSchema, LinkSchema, PortSchema } from '../../src/db/entities/component.js';
import {
  LibrenmsComponentSchema,
  LinkSightingSchema,
  ReconcileRunSchema,
} from '../../src/db/entities/reconcile.js';
import { inferredMappings } from '../../src/services/reconcile-rules.js';
import { startWorld, type World } from '../helpers/reconcile-world.js';

let w: World;
afterEach(async () => w?.close());

const fork = () => w.t.orm.em.fork() as EntityManager;
const linkPairs = async () =>
  (await fork().find(LinkSchema, {}, { orderBy: { a: 'asc' } })).map((l) => `${l.a}|${l.b}`);

/** Rows of every table a topology run may write, for "wrote nothing" comparisons. */
async function snapshot() {
  const em = fork();
  const rows = await Promise.all(
    [DeviceSchema, PortSchema, LinkSchema, LinkSightingSchema, LibrenmsComponentSchema].map((s) =>
      em.getKnex()(em.getMetadata().get(s.meta.className).tableName).select('*'),
    ),
  );
  const state = await em.getKnex()('reconcile_state').select('*');
  return JSON.stringify([rows, state]);
}

describe('topology run', () => {
  it('imports devices, ports, merged links, groups and parents; secrets never stored', async () => {
    w = await startWorld();
    const run = await w.t.services.reconcile.run('topology');
    expect(run).toMatchObject({ status: 'succeeded', error: null, librenmsVersion: '26.1.1' });
    // devices, ports, links and the rule effects inferred from 3 rules
    expect(run.itemsImported).toBe(4 + 7 + 3 + 3);
    expect(w.fake.stats.count('/ports')).toBe(1);
    const devices = await fork().find(DeviceSchema, {}, { orderBy: { id: 'asc' } });
    expect(devices.map((d) => [d.id, d.hostname, d.declared])).toEqual([
      [12, 'core-12.example.net', false],
      [27, 'agg-27.example.net', false],
      [43, 'cpe-43.example.net', false],
      [50, 'cpe-50.example.net', false],
    ]);
    expect(JSON.parse(devices[1]!.groups)).toEqual(['aggregation']);
    expect(await linkPairs()).toEqual([
      'port:1201|port:2701',
      'port:2702|port:4301',
      'port:2703|port:5001',
    ]);
    const cpe = await fork().findOneOrFail(LibrenmsComponentSchema, { ref: 'device:43' });
    expect(JSON.parse(cpe.details).parents).toEqual([27]);
    expect(await snapshot()).not.toContain('never-stored');
    const inferred = await inferredMappings(fork(), new Set(['name:port status up/down']));
    expect([...inferred.values()]).toEqual([
      { ruleId: 1, rule: 'Devices up/down', effect: 'device' },
      { ruleId: 9, rule: 'Core unreachable', effect: 'device' },
    ]);
  });

  it('a second run that changes nothing writes nothing but its record, and reads no ports', async () => {
    w = await startWorld();
    await w.t.services.reconcile.run('topology');
    const before = await snapshot();
    const portsBefore = w.fake.stats.count('/ports');
    const run = await w.t.services.reconcile.run('topology');
    expect(run).toMatchObject({ status: 'succeeded', itemsImported: 0 });
    expect(await snapshot()).toBe(before);
    expect(w.fake.stats.count('/ports')).toBe(portsBefore);
    expect([...w.fake.stats.byPath.keys()].filter((p) => /\/devices\/\d+\/ports/.test(p))).toEqual(
      [],
    );
    expect(await fork().count(ReconcileRunSchema, {})).toBe(2);
  });

  it('reads the ports of a rediscovered device only', async () => {
    w = await startWorld();
    await w.t.services.reconcile.run('topology');
    const dev27 = w.fake.state.devices.find((d) => d.device_id === 27)!;
    dev27.last_discovered = '2026-03-19 10:00:00';
    (w.fake.state.ports as Array<Record<string, unknown>>).push({
      ...(w.fake.state.ports as Array<Record<string, unknown>>)[2],
      port_id: 2704,
      ifName: 'Gi0/4',
    });
    const run = await w.t.services.reconcile.run('topology');
    expect(run.status).toBe('succeeded');
    expect(w.fake.stats.count('/devices/27/ports')).toBe(1);
    expect(w.fake.stats.count('/devices/12/ports')).toBe(0);
    expect(await fork().findOne(PortSchema, { id: 2704 })).toMatchObject({ deviceId: 27 });
  });

  it('keeps LLDP links that vanish for a few runs during an outage', async () => {
    w = await startWorld();
    await w.t.services.reconcile.run('topology');
    const all = [...w.fake.state.links];
    // agg-27 — cpe-43 vanishes while cpe-43 is down, for 4 runs
    w.fake.state.devices.find((d) => d.device_id === 43)!.status = 0;
    w.fake.state.links = all.filter((l) => l.local_device_id !== 43 && l.remote_device_id !== 43);
    for (let i = 0; i < 4; i++) {
      w.clock.now += 3600;
      expect((await w.t.services.reconcile.run('topology')).status).toBe('succeeded');
    }
    expect(await linkPairs()).toContain('port:2702|port:4301');
    const sighting = await fork().findOneOrFail(LinkSightingSchema, { a: 'port:2702' });
    expect(sighting.missingSince).not.toBeNull();
    // cpe-43 back and its link rediscovered: the sighting is cleared
    w.fake.state.devices.find((d) => d.device_id === 43)!.status = 1;
    w.fake.state.links = all;
    await w.t.services.reconcile.run('topology');
    expect(await fork().findOneOrFail(LinkSightingSchema, { a: 'port:2702' })).toMatchObject({
      missingSince: null,
      missingRuns: 0,
    });
  });

  it('removes a link missing for 3 successful runs while both ports are up', async () => {
    w = await startWorld();
    // ten links so that one removal stays under 10 %
    for (let i = 0; i < 10; i++) {
      (w.fake.state.ports as Array<Record<string, unknown>>).push(
        { ...(w.fake.state.ports as Array<Record<string, unknown>>)[0], port_id: 7000 + i },
        {
          ...(w.fake.state.ports as Array<Record<string, unknown>>)[2],
          port_id: 8000 + i,
        },
      );
      w.fake.state.links.push({
        ...w.fake.state.links[0],
        id: 900 + i,
        local_port_id: 7000 + i,
        remote_port_id: 8000 + i,
      });
    }
    await w.t.services.reconcile.run('topology');
    const before = (await linkPairs()).length;
    w.fake.state.links = w.fake.state.links.filter((l) => l.local_port_id !== 7000);
    for (let i = 1; i <= 3; i++) {
      await w.t.services.reconcile.run('topology');
      const present = (await linkPairs()).includes('port:7000|port:8000');
      expect(present).toBe(i < 3);
    }
    expect((await linkPairs()).length).toBe(before - 1);
  });

  it('fails without writing on an empty device list (a user without permissions)', async () => {
    w = await startWorld();
    await w.t.services.reconcile.run('topology');
    const before = await snapshot();
    w.fake.faults.emptyDevices = true;
    const run = await w.t.services.reconcile.run('topology');
    expect(run.status).toBe('failed');
    expect(run.error).toContain('partial inventory from LibreNMS (check API permissions)');
    expect(await snapshot()).toBe(before);
    w.fake.faults.emptyDevices = false;
    expect((await w.t.services.reconcile.run('topology')).status).toBe('succeeded');
  });

  it('fails without writing when more than 10 % of the devices would go', async () => {
    w = await startWorld();
    await w.t.services.reconcile.run('topology');
    const before = await snapshot();
    w.fake.state.devices = w.fake.state.devices.filter((d) => d.device_id !== 50);
    const run = await w.t.services.reconcile.run('topology');
    expect(run).toMatchObject({ status: 'failed' });
    expect(run.error).toMatch(
      /^partial inventory from LibreNMS \(check API permissions\): 1 of 4 devices/,
    );
    expect(await snapshot()).toBe(before);
  });
});
