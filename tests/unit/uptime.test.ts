// Uptime (availability.md §5): planned windows, exact SLA verdicts, error budget and MTTR rounding, aggregates.
import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src/domain/events.js';
import { parseInventory } from '../../src/domain/inventory.js';
import { aggregateUptime, slaFigures } from '../../src/domain/uptime.js';
import { componentCover } from '../../src/domain/windows.js';
import { computeReport } from '../../src/graph/engine.js';

const H = 3600;

function down(deviceId: number, from: number, to: number, logId: number): AlertEvent[] {
  const base = {
    source: 'librenms' as const,
    incidentLogId: null,
    alertId: null,
    ruleId: 1,
    ruleName: 'Devices up/down',
    deviceId,
    hostname: null,
    faults: [`device:${deviceId}`],
    statusReasons: ['icmp'],
  };
  return [
    { ...base, logId, state: 1, at: from, receivedAt: from },
    { ...base, logId: logId + 1, state: 0, at: to, receivedAt: to },
  ];
}

/** Redundant pair agg1 (2) / agg2 (3) above a single-homed acc (4); windows as given. */
function report(maintenance: unknown[], events: AlertEvent[]) {
  const inv = parseInventory({
    customers: [{ key: 'c', name: 'C' }],
    services: [
      {
        key: 'S',
        customer: 'c',
        name: 'S',
        slaTarget: '99.9',
        requires: { path: { from: 'device:5', to: ['device:1'] } },
      },
    ],
    devices: [1, 2, 3, 4, 5].map((id) => ({ id, hostname: `d${id}` })),
    links: [
      [1, 2],
      [1, 3],
      [2, 4],
      [3, 4],
      [4, 5],
    ].map(([a, b]) => ({ a: `device:${a}`, b: `device:${b}` })),
    maintenance,
  });
  return computeReport(inv, events, { from: 0, to: 24 * H, now: 48 * H }).services[0];
}

const mw = (key: string, start: number, end: number, scope: unknown) => ({
  key,
  start: new Date(start * 1000).toISOString(),
  end: new Date(end * 1000).toISOString(),
  scope,
});

describe('planned down time', () => {
  it('planned work on one leg never hides an unplanned failure of the other', () => {
    const s = report(
      [mw('w', 10 * H, 11 * H, { components: ['device:2'] })],
      [...down(2, 10 * H, 10.5 * H, 1), ...down(3, 10 * H + 600, 10 * H + 1200, 3)],
    );
    expect(s?.figures).toMatchObject({
      eligibleSeconds: 24 * H,
      downtimeSeconds: 600,
      incidents: 1,
    });
    expect(s?.incidents[0]).toMatchObject({ counted: true, rootCause: ['device:2', 'device:3'] });
  });

  it('a window on the failed single-homed switch explains the outage: out of eligible, not counted', () => {
    const s = report(
      [mw('w', 10 * H, 11 * H, { components: ['device:4'] })],
      down(4, 10 * H + 300, 10 * H + 900, 1),
    );
    expect(s?.figures).toMatchObject({
      eligibleSeconds: 24 * H - 600,
      downtimeSeconds: 0,
      incidents: 0,
    });
    expect(s?.figures.mttrSeconds).toBeNull();
    expect(s?.incidents).toMatchObject([{ counted: false, inPeriodSeconds: 600 }]);
  });

  it('an outage that outlasts its window counts from the window end', () => {
    const s = report(
      [mw('w', 10 * H, 11 * H, { components: ['device:4'] })],
      down(4, 10.5 * H, 11.5 * H, 1),
    );
    expect(s?.figures).toMatchObject({
      eligibleSeconds: 24 * H - 1800,
      downtimeSeconds: 1800,
      incidents: 1,
      mttrSeconds: 1800,
    });
  });

  it.each([[{ all: true }], [{ customers: ['c'] }], [{ services: ['S'] }]])(
    'a window with scope %j takes its span out of eligible time',
    (scope) => {
      const s = report([mw('w', 10 * H, 12 * H, scope)], down(4, 11 * H, 13 * H, 1));
      expect(s?.figures).toMatchObject({
        eligibleSeconds: 22 * H,
        downtimeSeconds: H,
        incidents: 1,
      });
    },
  );

  it('a device window covers its ports and the ports linked to them or to it', () => {
    const cover = componentCover([{ start: 5, end: 9, scope: { components: ['device:1'] } }], {
      ports: [
        { id: 11, deviceId: 1 },
        { id: 21, deviceId: 2 },
        { id: 31, deviceId: 3 },
      ],
      links: [
        { a: 'port:11', b: 'port:21' },
        { a: 'device:1', b: 'port:31' },
        { a: 'port:21', b: 'device:3' },
      ],
    });
    expect([...cover.keys()].sort()).toEqual(['device:1', 'port:11', 'port:21', 'port:31']);
  });
});

describe('slaFigures', () => {
  it('decides exactly where floating point is wrong (99.01 % of 10000 s with 99 s down)', () => {
    expect(100 * (1 - 99 / 10_000) >= 99.01).toBe(false);
    expect(slaFigures(10_000, 99, '99.01')).toEqual({
      uptimePercent: '99.0100',
      slaMet: true,
      errorBudgetSeconds: 0,
    });
    expect(slaFigures(10_000, 100, '99.01').slaMet).toBe(false);
  });

  it.each([
    [86_400, 330, '99.9', '99.6181', false, -244],
    [1000, 0, '99.95', '100.0000', true, 1],
    [1000, 1, '99.95', '99.9000', false, -1],
    [3000, 1, '99.95', '99.9667', true, 1],
    [0, 0, '99.9', null, null, 0],
    [1_209_600, 16_154, '99.9', '98.6645', false, -14_944],
  ])('eligible %i, downtime %i, target %s', (e, d, target, uptime, met, budget) => {
    expect(slaFigures(e, d, target)).toEqual({
      uptimePercent: uptime,
      slaMet: met,
      errorBudgetSeconds: budget,
    });
  });

  it('aggregates by summing seconds, never averaging percentages', () => {
    const agg = aggregateUptime(
      [
        { eligibleSeconds: 1000, downtimeSeconds: 100, incidents: 1 },
        { eligibleSeconds: 9000, downtimeSeconds: 0, incidents: 0 },
      ],
      '99',
    );
    expect(agg).toEqual({
      eligibleSeconds: 10_000,
      downtimeSeconds: 100,
      incidents: 1,
      uptimePercent: '99.0000',
      slaMet: true,
      errorBudgetSeconds: 0,
    });
  });
});
