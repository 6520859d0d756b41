// Incremental engine on the spec §6 worked example: hand-computed transitions, late events, later changes.
import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src/domain/events.js';
import { parseInstant } from '../../src/domain/instants.js';
import { parseInventory } from '../../src/domain/inventory.js';
import { IncrementalEngine } from '../../src/graph/incremental.js';

const at = (hms: string) => parseInstant(`2026-03-02T${hms}Z`) ?? 0;
const DAY = at('00:00:00');

function inventory(extra: Record<string, unknown> = {}) {
  return parseInventory({
    customers: [{ key: 'c', name: 'C' }],
    services: [
      {
        key: 'S',
        customer: 'c',
        name: 'S',
        slaTarget: 99.5,
        requires: { path: { from: 'device:5', to: ['device:1'] } },
      },
    ],
    devices: [
      { id: 1, hostname: 'core', role: 'core' },
      { id: 2, hostname: 'agg1', role: 'aggregation' },
      { id: 3, hostname: 'agg2', role: 'aggregation' },
      { id: 4, hostname: 'acc', role: 'access' },
      { id: 5, hostname: 'cpe', role: 'customer' },
      { id: 6, hostname: 'acc2', role: 'access' },
    ],
    links: [
      ['core', 'agg1'],
      ['core', 'agg2'],
      ['agg1', 'acc'],
      ['agg2', 'acc'],
      ['acc', 'cpe'],
      ['agg1', 'acc2'],
      ['agg2', 'acc2'],
    ].map(([a, b]) => ({ a: `device:${a}`, b: `device:${b}` })),
    ...extra,
  });
}

let log = 0;
function event(deviceId: number, state: number, hms: string, ruleName = 'Devices up/down') {
  const e: AlertEvent = {
    source: 'librenms',
    logId: ++log,
    incidentLogId: null,
    alertId: null,
    ruleId: ruleName === 'Devices up/down' ? 1 : 9,
    ruleName,
    deviceId,
    hostname: null,
    state,
    at: at(hms),
    receivedAt: at(hms),
    faults: [`device:${deviceId}`],
    statusReasons: ['icmp'],
  };
  return e;
}

const table = [
  event(2, 1, '10:00:00'),
  event(3, 1, '10:05:00'),
  event(2, 0, '10:07:30'),
  event(3, 0, '10:20:00'),
  event(4, 1, '12:00:00'),
  event(5, 1, '12:00:00'),
  event(5, 0, '12:01:00'),
  event(4, 0, '12:03:00'),
];

const shape = (e: IncrementalEngine) =>
  e.timeline('S').transitions.map((t) => [t.at, t.down, t.atRisk, t.rootCause.join(' ')]);

const EXPECTED = [
  [-Infinity, false, false, ''],
  [at('10:00:00'), false, true, ''],
  [at('10:05:00'), true, false, 'device:2 device:3'],
  [at('10:07:30'), false, true, ''],
  [at('10:20:00'), false, false, ''],
  [at('12:00:00'), true, false, 'device:4'],
  [at('12:03:00'), false, false, ''],
];

describe('IncrementalEngine on the worked example', () => {
  it('gives the table of §6 whatever the arrival order (here: reversed, one by one)', () => {
    const engine = new IncrementalEngine(inventory());
    for (const e of [...table].reverse()) engine.apply([e]);
    expect(shape(engine)).toEqual(EXPECTED);
    const figures = engine.figures('S', { from: DAY, to: DAY + 86_400, now: DAY + 2 * 86_400 });
    expect(figures).toMatchObject({ downtimeSeconds: 330, incidents: 2, uptimePercent: '99.6181' });
    expect(engine.incidents('S', DAY, DAY + 86_400, false).map((i) => i.rootCause)).toEqual([
      ['device:2', 'device:3'],
      ['device:4'],
    ]);
  });

  it('reports only the changes an event causes, and nothing for unrelated acc2', () => {
    const engine = new IncrementalEngine(inventory());
    expect(engine.apply([event(6, 1, '09:00:00')]).changes).toEqual([]);
    const first = engine.apply([event(2, 1, '10:00:00')]);
    expect(first.changes).toEqual([
      {
        service: 'S',
        at: at('10:00:00'),
        down: false,
        planned: false,
        atRisk: true,
        rootCause: [],
      },
    ]);
    expect(first.spans).toEqual([{ service: 'S', start: at('10:00:00'), end: Infinity }]);
    const second = engine.apply([event(3, 1, '10:05:00')]);
    expect(second.changes.map((c) => [c.at, c.down, c.rootCause])).toEqual([
      [at('10:05:00'), true, ['device:2', 'device:3']],
    ]);
    expect(engine.apply([event(2, 1, '10:00:00')]).changes).toEqual([]);
  });

  it('recomputes exactly the window of a late recovery', () => {
    const engine = new IncrementalEngine(inventory());
    engine.apply([event(4, 1, '12:00:00')]);
    const late = engine.apply([event(4, 0, '12:03:00')]);
    expect(late.spans).toEqual([{ service: 'S', start: at('12:03:00'), end: Infinity }]);
    expect(shape(engine).slice(1)).toEqual([
      [at('12:00:00'), true, false, 'device:4'],
      [at('12:03:00'), false, false, ''],
    ]);
  });

  it('applies a rule-effect mapping, a window and a new service after their events', () => {
    const engine = new IncrementalEngine(inventory());
    engine.apply([event(4, 1, '12:00:00', 'Custom ping'), event(4, 0, '12:03:00', 'Custom ping')]);
    expect(shape(engine)).toEqual([[-Infinity, false, false, '']]);
    engine.setRuleEffects([{ rule: 'Custom ping', effect: 'device' }]);
    expect(shape(engine).slice(1)).toEqual([
      [at('12:00:00'), true, false, 'device:4'],
      [at('12:03:00'), false, false, ''],
    ]);
    const window = inventory({
      maintenance: [
        {
          key: 'w',
          start: '2026-03-02T11:00:00Z',
          end: '2026-03-02T13:00:00Z',
          scope: { components: ['device:4'] },
        },
      ],
    }).maintenance;
    engine.setWindows(window);
    expect(engine.segments('S', DAY, DAY + 86_400).filter((s) => s.down)).toEqual([
      {
        start: at('12:00:00'),
        end: at('12:03:00'),
        down: true,
        planned: true,
        rootCause: ['device:4'],
      },
    ]);
    engine.upsertService({ ...engine.service('S'), key: 'T', requires: 'device:4' });
    expect(engine.timeline('T').transitions.map((t) => t.at)).toEqual([
      -Infinity,
      at('12:00:00'),
      at('12:03:00'),
    ]);
  });
});
