// The spec §6 worked example end to end, with and without roles (and acc2 failing alongside).
import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src/domain/events.js';
import { parseInstant } from '../../src/domain/instants.js';
import { parseInventory } from '../../src/domain/inventory.js';
import { computeReport } from '../../src/graph/engine.js';

const DAY = parseInstant('2026-03-02T00:00:00Z') ?? 0;
const at = (hms: string) => parseInstant(`2026-03-02T${hms}Z`) ?? 0;

function inventory(roles: boolean, acc2: boolean) {
  const role = (r: string) => (roles ? { role: r } : {});
  return parseInventory({
    customers: [{ key: 'c', name: 'C', timezone: 'UTC' }],
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
      { id: 1, hostname: 'core', ...role('core') },
      { id: 2, hostname: 'agg1', ...role('aggregation') },
      { id: 3, hostname: 'agg2', ...role('aggregation') },
      { id: 4, hostname: 'acc', ...role('access') },
      { id: 5, hostname: 'cpe', ...role('customer') },
      ...(acc2 ? [{ id: 6, hostname: 'acc2', ...role('access') }] : []),
    ],
    links: [
      { a: 'device:core', b: 'device:agg1' },
      { a: 'device:core', b: 'device:agg2' },
      { a: 'device:agg1', b: 'device:acc' },
      { a: 'device:agg2', b: 'device:acc' },
      { a: 'device:acc', b: 'device:cpe' },
      ...(acc2
        ? [
            { a: 'device:agg1', b: 'device:acc2' },
            { a: 'device:agg2', b: 'device:acc2' },
          ]
        : []),
    ],
  });
}

let log = 0;
function deviceEvent(deviceId: number, state: 0 | 1, hms: string): AlertEvent {
  return {
    source: 'librenms',
    logId: ++log,
    incidentLogId: null,
    alertId: null,
    ruleId: 1,
    ruleName: 'Devices up/down',
    deviceId,
    hostname: null,
    state,
    at: at(hms),
    receivedAt: at(hms),
    faults: [`device:${deviceId}`],
    statusReasons: ['icmp'],
  };
}

const timeline: [number, 0 | 1, string][] = [
  [2, 1, '10:00:00'],
  [3, 1, '10:05:00'],
  [2, 0, '10:07:30'],
  [3, 0, '10:20:00'],
  [4, 1, '12:00:00'],
  [5, 1, '12:00:00'],
  [5, 0, '12:01:00'],
  [4, 0, '12:03:00'],
];
const acc2Down: [number, 0 | 1, string][] = [
  [6, 1, '10:04:00'],
  [6, 0, '12:10:00'],
];

describe.each([
  ['without roles', false, false],
  ['with roles and a failing acc2', true, true],
])('spec §6 worked example %s', (_name, roles, acc2) => {
  const inv = inventory(roles, acc2);
  const events = [...timeline, ...(acc2 ? acc2Down : [])]
    .reverse()
    .map(([d, s, t]) => deviceEvent(d, s, t));
  const report = computeReport(inv, events, { from: DAY, to: DAY + 86_400, now: DAY + 2 * 86_400 });
  const s = report.services[0];

  it('gives downtime 330 s, 2 incidents, 99.6181 %', () => {
    expect(s?.figures).toMatchObject({
      eligibleSeconds: 86_400,
      downtimeSeconds: 330,
      incidents: 2,
      uptimePercent: '99.6181',
      slaMet: true,
      errorBudgetSeconds: 102,
      mttrSeconds: 165,
    });
  });

  it('has the incidents and root causes of the table', () => {
    expect(s?.incidents).toEqual([
      {
        start: at('10:05:00'),
        end: at('10:07:30'),
        open: false,
        rootCause: ['device:2', 'device:3'],
        rootCausesDuring: ['device:2', 'device:3'],
        inPeriodSeconds: 150,
        counted: true,
      },
      {
        start: at('12:00:00'),
        end: at('12:03:00'),
        open: false,
        rootCause: ['device:4'],
        rootCausesDuring: ['device:4'],
        inPeriodSeconds: 180,
        counted: true,
      },
    ]);
  });

  it('depends on core, agg1, agg2, acc and cpe; SPOFs acc, core, cpe', () => {
    expect(s?.model.dependencies).toEqual([
      'device:1',
      'device:2',
      'device:3',
      'device:4',
      'device:5',
    ]);
    expect(s?.model.spofs).toEqual(['device:1', 'device:4', 'device:5']);
  });

  it.each([
    ['09:59:59', false],
    ['10:00:00', true],
    ['10:05:00', false],
    ['10:07:30', true],
    ['10:20:00', false],
    ['12:03:00', false],
  ])('at %s at risk: %s', (hms, atRisk) => {
    const t = at(hms);
    const down = new Set(
      [...report.down].filter(([, l]) => l.some((i) => i.start <= t && t < i.end)).map(([r]) => r),
    );
    expect(s?.model.atRisk(down)).toBe(atRisk);
  });
});
