// Pure parts of reconciliation: link merging, rule effects, SNMP-only outages, alert-log rows.
import { describe, expect, it } from 'vitest';
import { apiSchemas } from '../../src/librenms/api-schemas.js';
import type { ApiEvent, ApiLink } from '../../src/librenms/api-types.js';
import { alertLogBody } from '../../src/librenms/webhook-event.js';
import { parseWebhook } from '../../src/librenms/webhook.js';
import { librenmsLocalTime } from '../../src/services/reconcile-context.js';
import { mergeLinks } from '../../src/services/reconcile-links.js';
import { snmpOnlyStart } from '../../src/services/reconcile-outages.js';
import { inferEffect } from '../../src/services/reconcile-rules.js';

const link = (lp: number | null, ld: number, rp: number | null, rd: number | null): ApiLink =>
  apiSchemas('UTC').link.parse({
    id: 1,
    local_port_id: lp,
    local_device_id: ld,
    remote_port_id: rp,
    remote_device_id: rd ?? 0,
  });

const known = {
  devices: new Set([1, 2, 3]),
  portDevice: new Map([
    [11, 1],
    [21, 2],
    [22, 2],
    [31, 3],
  ]),
};

describe('mergeLinks', () => {
  it.each<[string, ApiLink[], string[]]>([
    ['both directions are one link', [link(11, 1, 21, 2), link(21, 2, 11, 1)], ['port:11|port:21']],
    [
      'an unresolved remote port yields to the side that names it',
      [link(11, 1, null, 2), link(21, 2, 11, 1)],
      ['port:11|port:21'],
    ],
    [
      'an unresolved remote port alone links to the device',
      [link(11, 1, null, 2)],
      ['device:2|port:11'],
    ],
    ['remote_device_id 0 is an external neighbour', [link(11, 1, 0, 0)], []],
    ['unknown ports fall back to their device', [link(99, 1, 98, 3)], ['device:1|device:3']],
    [
      'two links between the same devices stay two',
      [link(11, 1, 21, 2), link(11, 1, 22, 2)],
      ['port:11|port:21', 'port:11|port:22'],
    ],
  ])('%s', (_name, rows, expected) => {
    expect([...mergeLinks(rows, known).keys()].sort()).toEqual(expected);
  });
});

describe('inferEffect', () => {
  it.each([
    [{ builder: { rules: [{ field: 'macros.device_down' }] }, query: null }, 'device'],
    [{ builder: null, query: 'SELECT * FROM ports WHERE (macros.port_down = 1)' }, 'port'],
    [{ builder: { rules: [{ field: 'processors.processor_usage' }] }, query: '' }, null],
  ])('%j → %s', (rule, effect) => {
    expect(inferEffect(rule)).toBe(effect);
  });
});

describe('snmpOnlyStart', () => {
  const down = (at: number, message: string) =>
    ({ type: 'down', datetime: at, message }) as ApiEvent;
  const outage = { going_down: 1000, up_again: 2000 };
  it.each<[string, ApiEvent[], boolean | null]>([
    ['snmp check only', [down(1005, 'Device status changed to Down from snmp check.')], true],
    ['icmp check', [down(995, 'Device status changed to Down from icmp check.')], false],
    ['both', [down(990, 'Down from snmp check.'), down(1000, 'Down from icmp check.')], false],
    ['nothing near the start', [down(5000, 'Down from snmp check.')], null],
  ])('%s', (_name, entries, expected) => {
    expect(snmpOnlyStart(outage, entries)).toBe(expected);
  });
});

describe('alert-log rows through the webhook normalisation', () => {
  it('gives the same event as the webhook for the same row (state 6 → 0, faults as refs)', () => {
    const body = alertLogBody(
      {
        id: 98262,
        device_id: 43,
        rule_id: 1,
        state: 6,
        time_logged: 1773478053,
        hostname: 'cpe-43',
        details: { rule: [{ device_id: 43, port_id: 3107, community: 'secret' }] },
      },
      'Devices up/down',
    );
    const result = parseWebhook(JSON.stringify(body), { timezone: 'UTC', receivedAt: 1773478100 });
    expect(result).toMatchObject({
      kind: 'event',
      event: { logId: 98262, state: 0, at: 1773478053, faults: ['port:3107'], ruleId: 1 },
    });
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('writes LibreNMS local time for log bounds', () => {
    expect(librenmsLocalTime(1773475924, 'Europe/Amsterdam')).toBe('2026-03-14 09:12:04');
  });
});
