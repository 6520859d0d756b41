// Topology, roles, rule effects and service rules apply from the moment they change (spec §4):
// hand-built networks, hand-computed timelines before and after the change, late events.
import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src/domain/events.js';
import { parseInventory, type Inventory } from '../../src/domain/inventory.js';
import { spanOf, versionsTouching, type Version } from '../../src/domain/inventory-versions.js';
import { VersionedDriver } from '../helpers/versioned-driver.js';

const T = 10_000;
let log = 0;

/** An alert (state 1) or recovery (state 0) of `ruleId` on a device, or on one port of it. */
function event(
  at: number,
  state: number,
  deviceId: number,
  opts: { ruleId?: number; port?: number } = {},
): AlertEvent {
  const ruleId = opts.ruleId ?? (opts.port === undefined ? 1 : 2);
  const names: Record<number, string> = { 1: 'Devices up/down', 2: 'Port status up/down' };
  return {
    source: 'librenms',
    logId: ++log,
    incidentLogId: null,
    alertId: null,
    ruleId,
    ruleName: names[ruleId] ?? 'Custom ping',
    deviceId,
    hostname: null,
    state,
    at,
    receivedAt: at,
    faults: [opts.port === undefined ? `device:${deviceId}` : `port:${opts.port}`],
    statusReasons: ['icmp'],
  };
}

/** Down over [start, end): the alert and its recovery. */
const outage = (start: number, end: number, deviceId: number, opts = {}) => [
  event(start, 1, deviceId, opts),
  event(end, 0, deviceId, opts),
];

const link = (a: string, b: string) => ({ a, b });
const S = (requires: unknown) => ({ key: 'S', customer: 'c', name: 'S', slaTarget: 99, requires });
const PATH = { path: { from: 'device:3', to: ['device:1'] } };

/** core 1 — agg 2 — cpe 3; `extra` adds to it. */
function inv(
  extra: { devices?: object[]; links?: object[]; [k: string]: unknown } = {},
): Inventory {
  const { devices = [], links = [], ...rest } = extra;
  return parseInventory({
    customers: [{ key: 'c', name: 'C' }],
    services: [S(PATH)],
    devices: [
      { id: 1, hostname: 'core', role: 'core' },
      { id: 2, hostname: 'agg', role: 'aggregation' },
      { id: 3, hostname: 'cpe', role: 'customer' },
      ...devices,
    ],
    links: [link('device:3', 'device:2'), link('device:2', 'device:1'), ...links],
    ...rest,
  });
}

/** A second aggregation router 4 from the cpe to the core. */
const withAgg4 = () =>
  inv({
    devices: [{ id: 4, hostname: 'agg4', role: 'aggregation' }],
    links: [link('device:3', 'device:4'), link('device:4', 'device:1')],
  });

/** [start, end, down, rootCause] of S between 0 and 50,000. */
function timeline(d: VersionedDriver) {
  return d.engine
    .segments('S', 0, 50_000)
    .map((s) => [s.start, s.end, s.down, s.rootCause.join(';')]);
}

function atRisk(d: VersionedDriver, t: number): boolean {
  return d.engine.timeline('S').stateAt(t).atRisk;
}

describe('inventory versions apply from their moment', () => {
  it('a link added at T: the outage before T stays down, the same outage after T is survived', () => {
    const d = new VersionedDriver();
    d.change(inv(), 0);
    d.apply([...outage(1000, 2000, 2), ...outage(20_000, 21_000, 2)]);
    d.change(withAgg4(), T);
    expect(timeline(d)).toEqual([
      [0, 1000, false, ''],
      [1000, 2000, true, 'device:2'],
      [2000, 50_000, false, ''],
    ]);
    expect(atRisk(d, 20_500)).toBe(true);
    expect(atRisk(d, 1500)).toBe(false);
  });

  it('a late event before T is recomputed with the topology in force then', () => {
    const d = new VersionedDriver();
    d.change(inv(), 0);
    d.change(withAgg4(), T);
    d.apply(outage(20_000, 21_000, 2)); // after T: agg4 carries S
    d.apply(outage(3000, 4000, 2)); // late, before T: no agg4 then
    d.apply([event(9000, 1, 2)]); // down before T, recovered after it
    d.apply([event(11_000, 0, 2)]);
    expect(timeline(d)).toEqual([
      [0, 3000, false, ''],
      [3000, 4000, true, 'device:2'],
      [4000, 9000, false, ''],
      [9000, T, true, 'device:2'],
      [T, 50_000, false, ''],
    ]);
    expect(atRisk(d, T)).toBe(true);
    expect(atRisk(d, 20_000)).toBe(true);
    expect(d.rebuilds).toBe(2);
  });

  it('an event after T builds no earlier engine', () => {
    const d = new VersionedDriver();
    d.change(inv(), 0);
    d.change(withAgg4(), T);
    d.apply(outage(20_000, 21_000, 4));
    expect(d.rebuilds).toBe(0);
    expect(timeline(d)).toEqual([[0, 50_000, false, '']]);
  });

  it('an effectiveFrom inside an outage splits it: down before, survived after', () => {
    const d = new VersionedDriver();
    d.change(inv(), 0);
    d.apply(outage(1000, 2000, 2));
    d.change(withAgg4(), 1500);
    expect(timeline(d)).toEqual([
      [0, 1000, false, ''],
      [1000, 1500, true, 'device:2'],
      [1500, 50_000, false, ''],
    ]);
  });

  it('a role change at T: a second path that steps down becomes valid from T', () => {
    // 3 — 2 — 1 with 2 and 1 linked over ports 21 and 11, and 3 — 2 — 7 — 1;
    // while 7 is an access switch, the step from aggregation 2 to 7 is a step down
    const net = (role: string) =>
      parseInventory({
        customers: [{ key: 'c', name: 'C' }],
        services: [S(PATH)],
        devices: [
          { id: 1, hostname: 'core', role: 'core' },
          { id: 2, hostname: 'agg', role: 'aggregation' },
          { id: 3, hostname: 'cpe', role: 'customer' },
          { id: 7, hostname: 'x7', role },
        ],
        ports: [
          { id: 21, device: 2, ifName: 'up' },
          { id: 11, device: 1, ifName: 'down' },
        ],
        links: [
          link('device:3', 'device:2'),
          link('port:21', 'port:11'),
          link('device:2', 'device:7'),
          link('device:7', 'device:1'),
        ],
      });
    const d = new VersionedDriver();
    d.change(net('access'), 0);
    d.apply([...outage(1000, 2000, 2, { port: 21 }), ...outage(20_000, 21_000, 2, { port: 21 })]);
    d.change(net('aggregation'), T);
    expect(timeline(d)).toEqual([
      [0, 1000, false, ''],
      [1000, 2000, true, 'port:21'],
      [2000, 50_000, false, ''],
    ]);
    expect(atRisk(d, 20_500)).toBe(true);
  });

  it('a rule-effect change at T: the custom rule counts from T only', () => {
    const d = new VersionedDriver();
    d.change(inv(), 0);
    d.apply([...outage(1000, 2000, 2, { ruleId: 3 }), ...outage(20_000, 21_000, 2, { ruleId: 3 })]);
    expect(timeline(d)).toEqual([[0, 50_000, false, '']]);
    d.change(inv({ ruleEffects: [{ ruleId: 3, rule: 'Custom ping', effect: 'device' }] }), T);
    expect(timeline(d)).toEqual([
      [0, 20_000, false, ''],
      [20_000, 21_000, true, 'device:2'],
      [21_000, 50_000, false, ''],
    ]);
  });

  it('a service rule change at T keeps the old timeline before T', () => {
    const d = new VersionedDriver();
    d.change(inv({ services: [S('device:3')] }), 0);
    d.apply([...outage(1000, 2000, 2), ...outage(20_000, 21_000, 2)]);
    d.change(inv(), T);
    expect(timeline(d)).toEqual([
      [0, 20_000, false, ''],
      [20_000, 21_000, true, 'device:2'],
      [21_000, 50_000, false, ''],
    ]);
  });

  it('a service added later is computed over all time with the newest version', () => {
    const d = new VersionedDriver();
    d.change(inv({ services: [] }), 0);
    d.apply(outage(1000, 2000, 2));
    d.change(inv(), T);
    expect(timeline(d)).toEqual([
      [0, 1000, false, ''],
      [1000, 2000, true, 'device:2'],
      [2000, 50_000, false, ''],
    ]);
  });
});

describe('spanOf', () => {
  const v = (id: number, from: number, ...services: string[]): Version => ({
    id,
    from,
    services: new Set(services),
    effects: '[]',
    addsServices: false,
  });
  const versions = [v(1, -Infinity, 'a', 'b'), v(2, 100, 'a', 'b', 'c'), v(3, 50, 'a', 'c')];

  it.each([
    [0, 'a', { start: -Infinity, end: 50 }],
    [1, 'a', null], // version 3 takes effect at 50, before version 2's 100
    [2, 'a', { start: 50, end: Infinity }],
    [0, 'b', null], // removed in version 3
    [1, 'c', { start: -Infinity, end: 50 }],
    [2, 'c', { start: 50, end: Infinity }],
  ])('version %i decides %s over %o', (k, key, span) => {
    expect(spanOf(versions, k, key)).toEqual(span);
  });
});

describe('versionsTouching', () => {
  const v = (id: number, from: number, effects = '[]'): Version => ({
    id,
    from,
    services: new Set(['a']),
    effects,
    addsServices: false,
  });

  it('revises only the earlier versions whose time the changed claims meet', () => {
    const versions = [v(1, -Infinity), v(2, 100), v(3, 200)];
    expect(versionsTouching(versions, { start: 50, end: 60 })).toEqual([0]);
    expect(versionsTouching(versions, { start: 150, end: 250 })).toEqual([1]);
    expect(versionsTouching(versions, { start: 250, end: 260 })).toEqual([]);
    expect(versionsTouching(versions, null, 10)).toEqual([]);
  });

  it('revises versions with other rule effects from the earliest event on', () => {
    const versions = [v(1, -Infinity, '[x]'), v(2, 100), v(3, 200)];
    expect(versionsTouching(versions, null, 10)).toEqual([0]);
    expect(versionsTouching(versions, null, 150)).toEqual([]);
    expect(versionsTouching(versions, { start: 150, end: 160 }, 150)).toEqual([1]);
  });
});
