// Claims (availability.md §3): alert events per key in event-time order, duplicates, states, SNMP-only, sources.
import { describe, expect, it } from 'vitest';
import {
  alertClaims,
  inferredRecovery,
  isFutureStamped,
  mergeClaims,
  outageClaims,
} from '../../src/domain/claims.js';
import type { AlertEvent } from '../../src/domain/events.js';
import { ruleEffectResolver } from '../../src/domain/rule-effects.js';

const effectOf = ruleEffectResolver([]);

function ev(p: Partial<AlertEvent> & Pick<AlertEvent, 'logId' | 'state' | 'at'>): AlertEvent {
  return {
    source: 'librenms',
    incidentLogId: null,
    alertId: null,
    ruleId: 1,
    ruleName: 'Devices up/down',
    deviceId: 7,
    hostname: null,
    receivedAt: p.at,
    faults: ['device:7'],
    statusReasons: ['icmp'],
    ...p,
  };
}

const port = (p: Partial<AlertEvent> & Pick<AlertEvent, 'logId' | 'state' | 'at'>) =>
  ev({ ruleId: 4, ruleName: 'Port status up/down', statusReasons: [], ...p });

const asObject = (m: Map<string, unknown>) => Object.fromEntries(m);

describe('alertClaims', () => {
  it('orders by event time, not arrival', () => {
    const events = [ev({ logId: 2, state: 0, at: 200 }), ev({ logId: 1, state: 1, at: 100 })];
    expect(asObject(alertClaims(events, effectOf))).toEqual({
      'device:7': [{ start: 100, end: 200 }],
    });
  });

  it.each([
    ['alert then ok in log order at one second: nothing held', [5, 6], {}],
    [
      'ok then alert in log order at one second: held from then on',
      [6, 5],
      { 'device:7': [{ start: 100, end: Infinity }] },
    ],
  ])('%s', (_name, [alertLog, okLog], expected) => {
    const events = [
      ev({ logId: okLog ?? 0, state: 0, at: 100 }),
      ev({ logId: alertLog ?? 0, state: 1, at: 100 }),
    ];
    expect(asObject(alertClaims(events, effectOf))).toEqual(expected);
  });

  it('ignores exact duplicates, acknowledgements, unknown states and recoveries with nothing open', () => {
    const events = [
      ev({ logId: 0, state: 0, at: 50 }),
      ev({ logId: 1, state: 1, at: 100 }),
      ev({ logId: 2, state: 2, at: 150 }),
      ev({ logId: 3, state: 9, at: 160 }),
      ev({ logId: 4, state: 0, at: 200 }),
      ev({ logId: 1, state: 1, at: 100 }),
      ev({ logId: 4, state: 0, at: 200 }),
    ];
    expect(asObject(alertClaims(events, effectOf))).toEqual({
      'device:7': [{ start: 100, end: 200 }],
    });
  });

  it('worse and better make the listed faults the claim set', () => {
    const events = [
      port({ logId: 1, state: 1, at: 100, faults: ['port:71'] }),
      port({ logId: 2, state: 3, at: 150, faults: ['port:71', 'port:72'] }),
      port({ logId: 3, state: 4, at: 200, faults: ['port:72'] }),
      port({ logId: 4, state: 5, at: 250, faults: ['port:72', 'port:73'] }),
      port({ logId: 5, state: 0, at: 300, faults: ['port:72', 'port:73'] }),
    ];
    expect(asObject(alertClaims(events, effectOf))).toEqual({
      'port:71': [{ start: 100, end: 200 }],
      'port:72': [{ start: 150, end: 300 }],
      'port:73': [{ start: 250, end: 300 }],
    });
  });

  it('a port alert without a fault list changes nothing; a device alert holds its device', () => {
    const events = [
      port({ logId: 1, state: 1, at: 100, faults: ['port:71'] }),
      port({ logId: 2, state: 3, at: 150, faults: null }),
      ev({ logId: 3, state: 1, at: 120, deviceId: 8, faults: ['port:81'] }),
    ];
    expect(asObject(alertClaims(events, effectOf))).toEqual({
      'port:71': [{ start: 100, end: Infinity }],
      'device:8': [{ start: 120, end: Infinity }],
    });
  });

  it('unmapped rules hold nothing', () => {
    const events = [
      ev({ logId: 1, state: 1, at: 100, ruleId: 7, ruleName: 'Processor usage over 85%' }),
    ];
    expect(alertClaims(events, effectOf).size).toBe(0);
  });

  it.each([
    [['snmp'], false, {}],
    [['snmp'], true, { 'device:7': [{ start: 100, end: 200 }] }],
    [['icmp', 'snmp'], false, { 'device:7': [{ start: 100, end: 200 }] }],
    [[], false, { 'device:7': [{ start: 100, end: 200 }] }],
  ])('reasons %j with snmpOnlyCountsAsDown=%s', (statusReasons, snmpOnlyCountsAsDown, expected) => {
    const events = [
      ev({ logId: 1, state: 1, at: 100, statusReasons }),
      ev({ logId: 2, state: 0, at: 200 }),
    ];
    expect(asObject(alertClaims(events, effectOf, { snmpOnlyCountsAsDown }))).toEqual(expected);
  });

  it('an alert changed to SNMP-only releases the device', () => {
    const events = [
      ev({ logId: 1, state: 1, at: 100 }),
      ev({ logId: 2, state: 5, at: 160, statusReasons: ['snmp'] }),
    ];
    expect(asObject(alertClaims(events, effectOf))).toEqual({
      'device:7': [{ start: 100, end: 160 }],
    });
  });

  it.each([
    [1300, 1000, 1300, false],
    [1301, 1000, 1000, true],
  ])('stamped %i, received %i: applied at %i (future: %s)', (at, receivedAt, applied, future) => {
    const e = ev({ logId: 1, state: 1, at, receivedAt });
    expect(isFutureStamped(e)).toBe(future);
    expect(asObject(alertClaims([e], effectOf))).toEqual({
      'device:7': [{ start: applied, end: Infinity }],
    });
  });

  it('an inferred recovery closes the key at the reconciliation instant', () => {
    const events = [
      ev({ logId: 1, state: 1, at: 100 }),
      inferredRecovery({ deviceId: 7, ruleId: 1, ruleName: 'Devices up/down' }, 400),
    ];
    expect(asObject(alertClaims(events, effectOf))).toEqual({
      'device:7': [{ start: 100, end: 400 }],
    });
  });
});

describe('claim sources', () => {
  it('are independent: closing the alert does not close the outage', () => {
    const alerts = alertClaims(
      [ev({ logId: 1, state: 1, at: 100 }), ev({ logId: 2, state: 0, at: 200 })],
      effectOf,
    );
    const outages = outageClaims([
      { deviceId: 7, goingDown: 150, upAgain: 300 },
      { deviceId: 9, goingDown: 10, upAgain: null },
      { deviceId: 8, goingDown: 10, upAgain: 20, snmpOnly: true },
    ]);
    expect(asObject(mergeClaims(alerts, outages))).toEqual({
      'device:7': [{ start: 100, end: 300 }],
      'device:9': [{ start: 10, end: Infinity }],
    });
  });
});
