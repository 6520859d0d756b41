// The running engine behind the API: webhooks applied incrementally, late events, inventory changes,
// readiness while catching up, restart from the stored mark, and 'services.changed'.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import type { EntityManager } from '@mikro-orm/knex';
import { createApp, databaseReadiness } from '../../src/app.js';
import { createLogger } from '../../src/config/logger.js';
import { readMark, storedTransitions } from '../../src/db/engine-store.js';
import { lastEventId } from '../../src/db/event-stream.js';
import { parseInstant } from '../../src/domain/instants.js';
import { IncrementalEngine } from '../../src/graph/incremental.js';
import type { BusEvents } from '../../src/services/event-bus.js';
import {
  bearerFor,
  createTestApp,
  json,
  postHook,
  reopenTestApp,
  type TestApp,
} from '../helpers/app.js';
import { CHAIN_INVENTORY, sample } from '../helpers/librenms-webhooks.js';

// cpe-43 hangs off agg-27 only; device 43 is down 08:12:04Z .. 08:47:33Z (2,129 s) in the samples
const inventory = CHAIN_INVENTORY;

const NOW = parseInstant('2026-03-20T00:00:00Z')!;
const DAY = 'from=2026-03-14T00:00:00Z&to=2026-03-15T00:00:00Z';
const DOWN_AT = parseInstant('2026-03-14T08:12:04Z')!;
const UP_AT = parseInstant('2026-03-14T08:47:33Z')!;

let t: TestApp;
let auth: Record<string, string>;
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

async function open(opts: { engineGate?: Promise<void> } = {}) {
  t = await createTestApp({}, 'sqlite', { now: () => NOW, ...opts });
  auth = await bearerFor(t, { email: 'admin@isp.example', role: 'admin' });
}

async function putInventory(doc: unknown = inventory) {
  const res = await t.app.request('/api/v1/inventory', {
    method: 'PUT',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(doc),
  });
  expect(res.status).toBe(200);
}

async function acme(app = t.app) {
  const body = await json(await app.request(`/api/v1/services?${DAY}`, { headers: auth }));
  return body.services[0];
}

describe('engine host behind the API', () => {
  it('applies webhooks incrementally, without recomputing everything', async () => {
    await open();
    await putInventory();
    expect(await acme()).toMatchObject({ downtime_seconds: 0, state: 'up' });
    const full = vi.spyOn(IncrementalEngine.prototype, 'recomputeAll');
    const apply = vi.spyOn(IncrementalEngine.prototype, 'apply');
    await postHook(t, sample('deviceDown'));
    await postHook(t, sample('recovery'));
    expect(await acme()).toMatchObject({ downtime_seconds: 2129, incidents: 1, state: 'up' });
    expect(full).not.toHaveBeenCalled();
    expect(apply).toHaveBeenCalled();
  });

  it('publishes committed service changes on the bus', async () => {
    await open();
    await putInventory();
    await acme(); // the engine is built
    const seen: BusEvents['services.changed'][] = [];
    t.services.bus.subscribe('services.changed', (p) => seen.push(p));
    await postHook(t, sample('deviceDown'));
    await t.services.engine.settled();
    expect(seen.flatMap((p) => p.changes)).toEqual([
      {
        service: 'acme-inet',
        at: DOWN_AT,
        down: true,
        planned: false,
        atRisk: false,
        rootCause: ['device:43'],
      },
    ]);
  });

  it('lets a late recovery correct the figures it touches', async () => {
    await open();
    await putInventory();
    await postHook(t, sample('deviceDown'));
    expect(await acme()).toMatchObject({ downtime_seconds: 86400 - (DOWN_AT % 86400) });
    await postHook(t, sample('recovery'));
    expect(await acme()).toMatchObject({ downtime_seconds: 2129, mttr_seconds: 2129 });
    // what is stored is exactly the engine's timeline after the spans were replaced
    const { engine } = await t.services.engine.current();
    const expected = engine.timeline('acme-inet').transitions.map((x) => ({
      service: 'acme-inet',
      at: Number.isFinite(x.at) ? x.at : Number.MIN_SAFE_INTEGER,
      ...{ down: x.down, planned: x.planned, atRisk: x.atRisk, rootCause: [...x.rootCause] },
    }));
    expect(expected).toHaveLength(3);
    const knex = (t.orm.em as EntityManager).getKnex();
    expect(await storedTransitions(knex, 'acme-inet')).toEqual(expected);
  });

  it('recomputes when the inventory changes after the events', async () => {
    await open();
    await postHook(t, sample('deviceDown'));
    await postHook(t, sample('recovery'));
    await putInventory({ ...inventory, services: [] });
    expect(
      (await json(await t.app.request('/api/v1/services', { headers: auth }))).services,
    ).toEqual([]);
    const seen: BusEvents['services.changed'][] = [];
    t.services.bus.subscribe('services.changed', (p) => seen.push(p));
    await putInventory();
    expect(await acme()).toMatchObject({ downtime_seconds: 2129 });
    const changed = seen.flatMap((p) => p.changes).map((c) => [c.service, c.at, c.down]);
    expect(changed).toEqual([
      ['acme-inet', DOWN_AT, true],
      ['acme-inet', UP_AT, false],
    ]);
    const stored = await storedTransitions((t.orm.em as EntityManager).getKnex(), 'acme-inet');
    expect(stored.filter((s) => s.at > 0).map((s) => [s.at, s.down])).toEqual([
      [DOWN_AT, true],
      [UP_AT, false],
    ]);
  });

  it('answers /readyz 503 until the start-up catch-up is committed', async () => {
    let release = () => undefined as void;
    await open({ engineGate: new Promise<void>((r) => (release = r)) });
    const app = createApp({
      ...t.services,
      config: t.config,
      orm: t.orm,
      logger: createLogger('error', pino.destination({ fd: 2, sync: true })),
      readiness: databaseReadiness(t.orm, t.services.engine),
    });
    const started = t.services.engine.start();
    const waiting = await app.request('/readyz');
    expect(waiting.status).toBe(503);
    expect((await json(waiting)).problems).toEqual(['engine catching up']);
    release();
    await started;
    expect((await app.request('/readyz')).status).toBe(200);
  });

  it('restarts from the stored mark with the same numbers and transitions', async () => {
    await open();
    await putInventory();
    await postHook(t, sample('deviceDown'));
    await postHook(t, sample('recovery'));
    const before = await acme();
    const knex = (t.orm.em as EntityManager).getKnex();
    const rows = await knex('service_transitions').select('id').orderBy('id');
    const transitions = await storedTransitions(knex);
    expect((await readMark(knex)).appliedThroughEventId).toBe(await lastEventId(knex));

    const again = await reopenTestApp(t, { now: () => NOW });
    try {
      await again.services.engine.start();
      expect(await acme(again.app)).toEqual(before);
      const knexAgain = (again.orm.em as EntityManager).getKnex();
      expect(await knexAgain('service_transitions').select('id').orderBy('id')).toEqual(rows);
      expect(await storedTransitions(knexAgain)).toEqual(transitions);
    } finally {
      await again.close();
    }
  });

  describe('inventory versions', () => {
    // v0: cpe 50 hangs off 43 only; v1 adds a second way up through agg-27
    const net = (extra: { links?: object[]; effectiveFrom?: string } = {}) => ({
      customers: inventory.customers,
      devices: [
        { id: 12, hostname: 'core-12.example.net', role: 'core' },
        { id: 27, hostname: 'agg-27.example.net', role: 'aggregation' },
        { id: 43, hostname: 'acc-43.example.net', role: 'access' },
        { id: 50, hostname: 'cpe-50.example.net', role: 'customer' },
      ],
      links: [
        { a: 'device:50', b: 'device:43' },
        { a: 'device:43', b: 'device:12' },
        ...(extra.links ?? []),
      ],
      services: [
        {
          key: 'acme-inet',
          customer: 'acme',
          name: 'Internet HQ',
          slaTarget: 99.9,
          requires: { path: { from: 'device:50', to: ['device:12'] } },
        },
      ],
      ...(extra.effectiveFrom ? { effectiveFrom: extra.effectiveFrom } : {}),
    });
    const viaAgg = [
      { a: 'device:50', b: 'device:27' },
      { a: 'device:27', b: 'device:12' },
    ];
    const T = parseInstant('2026-03-14T08:30:00Z')!;

    async function stored() {
      return storedTransitions((t.orm.em as EntityManager).getKnex(), 'acme-inet');
    }

    /** The engine's timeline as rows, as they must be stored. */
    async function engineRows() {
      const { engine } = await t.services.engine.current();
      return engine.timeline('acme-inet').transitions.map((x) => ({
        service: 'acme-inet',
        at: Number.isFinite(x.at) ? x.at : Number.MIN_SAFE_INTEGER,
        ...{ down: x.down, planned: x.planned, atRisk: x.atRisk, rootCause: [...x.rootCause] },
      }));
    }

    /** A second server on the same database reproduces the figures and the stored rows. */
    async function restartReproduces() {
      const before = await acme();
      const knex = (t.orm.em as EntityManager).getKnex();
      const rows = await storedTransitions(knex);
      const again = await reopenTestApp(t, { now: () => NOW });
      try {
        await again.services.engine.start();
        expect(await acme(again.app)).toEqual(before);
        expect(await storedTransitions((again.orm.em as EntityManager).getKnex())).toEqual(rows);
        const { engine } = await again.services.engine.current();
        expect(engine.floor('acme-inet')).toBe(
          (await t.services.engine.current()).engine.floor('acme-inet'),
        );
      } finally {
        await again.close();
      }
    }

    it('a link added with an effectiveFrom inside an outage: down before it, survived after', async () => {
      await open();
      await putInventory(net());
      await postHook(t, sample('deviceDown'));
      await postHook(t, sample('recovery'));
      expect(await acme()).toMatchObject({ downtime_seconds: 2129 });
      await putInventory(net({ links: viaAgg, effectiveFrom: '2026-03-14T08:30:00Z' }));
      // 08:12:04 .. 08:30:00 = 1,076 s down through 43 alone; then up through agg-27, at risk
      expect(await acme()).toMatchObject({ downtime_seconds: 1076, incidents: 1 });
      expect((await stored()).filter((x) => x.at > 0).map((x) => [x.at, x.down, x.atRisk])).toEqual(
        [
          [DOWN_AT, true, false],
          [T, false, true],
          [UP_AT, false, false],
        ],
      );
      expect(await stored()).toEqual(await engineRows());
      await restartReproduces();
    });

    it('a change without effectiveFrom applies from now: the earlier outage stays as it was', async () => {
      await open();
      await putInventory(net());
      await postHook(t, sample('deviceDown'));
      await postHook(t, sample('recovery'));
      await putInventory(net({ links: viaAgg }));
      expect(await acme()).toMatchObject({ downtime_seconds: 2129, incidents: 1 });
      expect((await t.services.engine.current()).engine.floor('acme-inet')).toBe(NOW);
      await restartReproduces();
    });

    it('late events before the change are computed with the topology in force then', async () => {
      await open();
      await putInventory(net());
      await putInventory(net({ links: viaAgg, effectiveFrom: '2026-03-14T08:30:00Z' }));
      await acme(); // the engine is built
      const seen: BusEvents['services.changed'][] = [];
      t.services.bus.subscribe('services.changed', (p) => seen.push(p));
      await postHook(t, sample('deviceDown'));
      expect(await acme()).toMatchObject({ downtime_seconds: 1076, state: 'up' });
      // the revised history is published like any other change
      const changed = seen.flatMap((p) => p.changes).map((c) => [c.at, c.down, c.atRisk]);
      expect(changed.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
        [DOWN_AT, true, false],
        [T, false, true],
      ]);
      await postHook(t, sample('recovery'));
      expect(await acme()).toMatchObject({ downtime_seconds: 1076, incidents: 1 });
      expect(await stored()).toEqual(await engineRows());
      await restartReproduces();
    });

    it('a window entered after a change still recomputes the time before it', async () => {
      await open();
      await putInventory(net());
      await postHook(t, sample('deviceDown'));
      await postHook(t, sample('recovery'));
      await putInventory(net({ links: viaAgg })); // from now on: the outage is history
      expect(await acme()).toMatchObject({ downtime_seconds: 2129, incidents: 1 });
      const window = {
        key: 'mw-43',
        start: '2026-03-14T08:00:00Z',
        end: '2026-03-14T09:00:00Z',
        scope: { components: ['device:43'] },
        reason: 'upgrade',
      };
      await putInventory({ ...net({ links: viaAgg }), maintenance: [window] });
      // planned: down only because of 43, under its window
      expect(await acme()).toMatchObject({ downtime_seconds: 0, eligible_seconds: 86400 - 2129 });
      const rows = (await stored()).filter((x) => x.at > 0);
      expect(rows.map((x) => [x.at, x.down, x.planned])).toEqual([
        [DOWN_AT, true, true],
        [UP_AT, false, false],
      ]);
      await restartReproduces();
    });

    it('a change that recorded no version (a topology import) applies from now', async () => {
      await open();
      await putInventory(net());
      await postHook(t, sample('deviceDown'));
      await postHook(t, sample('recovery'));
      await acme();
      // what the LibreNMS topology import writes, then tells
      const knex = (t.orm.em as EntityManager).getKnex();
      await knex('links').insert([
        { a: 'device:27', b: 'device:50', source: 'librenms' },
        { a: 'device:12', b: 'device:27', source: 'librenms' },
      ]);
      t.services.bus.publish('inventory.changed', { effectiveFrom: null });
      await t.services.engine.settled();
      expect(await acme()).toMatchObject({ downtime_seconds: 2129 });
      const { engine } = await t.services.engine.current();
      expect(engine.floor('acme-inet')).toBe(NOW);
      expect(engine.dependencies('acme-inet')).toContain('device:27');
      await restartReproduces();
    });

    it('a change from a later moment: the version in force now keeps its engine alive', async () => {
      await open();
      await putInventory(net());
      await putInventory(net({ links: viaAgg, effectiveFrom: '2026-03-21T00:00:00Z' }));
      await acme(); // the engine is built
      const built = vi.spyOn(IncrementalEngine.prototype, 'recomputeAll');
      await postHook(t, sample('deviceDown'));
      await postHook(t, sample('recovery'));
      expect(await acme()).toMatchObject({ downtime_seconds: 2129, incidents: 1 });
      // one earlier engine built for the first webhook, kept for the second
      expect(built).toHaveBeenCalledTimes(1);
      const { engine } = await t.services.engine.current();
      expect(engine.floor('acme-inet')).toBe(NOW + 86_400);
      expect(await stored()).toEqual(await engineRows());
      await restartReproduces();
    });

    it('records versions: the first for all time, a same model none, a change at its moment', async () => {
      await open();
      await putInventory(net());
      await putInventory(net()); // nothing changed: no version
      await putInventory(net({ links: viaAgg, effectiveFrom: '2026-03-14T08:30:00Z' }));
      const removed = await t.app.request('/api/v1/inventory/links/device:50,device:27', {
        method: 'DELETE',
        headers: auth,
      });
      expect(removed.status).toBe(204);
      await acme();
      const knex = (t.orm.em as EntityManager).getKnex();
      const rows = await knex('inventory_versions').select('effective_from', 'model').orderBy('id');
      expect(rows.map((r) => [Number(r.effective_from), r.model !== null])).toEqual([
        [Number.MIN_SAFE_INTEGER, true],
        [T, true],
        [NOW, true], // a removal applies from now
      ]);
    });
  });
});
