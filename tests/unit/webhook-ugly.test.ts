// parseWebhook on real-world bodies: escaping, odd types, times, faults, credentials.

import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../../src/librenms/webhook.js';
import {
  DEVICE_DOWN_EVENT,
  OPTS,
  liteSample,
  parse,
  parseEvent,
  sample,
} from '../helpers/librenms-webhooks.js';

describe('text', () => {
  it('decodes Blade HTML entities in text fields, stored body included', () => {
    const body = sample('portDown');
    body.alert.rule_name = 'Port &amp; LAG status';
    body.event.title = 'Alert for device &quot;agg-sw-07&quot; - O&#039;Neil';
    body.faults[1].ifAlias = 'CUST:GLOBEX-DC ckt 5120 &quot;primary&quot;';
    const { event, body: stored } = parseEvent(body);
    expect(event.ruleName).toBe('Port & LAG status');
    expect(stored.event.title).toBe('Alert for device "agg-sw-07" - O\'Neil');
    expect(stored.faults[1].ifAlias).toBe('CUST:GLOBEX-DC ckt 5120 "primary"');
  });

  it('keeps quotes and backslashes that came JSON-escaped', () => {
    const body = sample('portDown');
    body.faults[0].ifAlias = 'say "hi" \\ \n bye';
    expect(parseEvent(body).body.faults[0].ifAlias).toBe('say "hi" \\ \n bye');
  });

  it('keeps U+FFFD from invalid UTF-8 and repairs lone surrogates', () => {
    const raw = JSON.stringify(sample('portDown'))
      .replace('CUST:ACME-HQ ckt 4471', 'Kantoor \uFFFD\uFFFDrlem')
      .replace('"agg-sw-07"', '"agg-sw-07\\ud800"');
    const { event, body } = parseEvent(raw);
    expect(body.faults[0].ifAlias).toBe('Kantoor \uFFFD\uFFFDrlem');
    expect(body.device.sysName).toBe('agg-sw-07\uFFFD');
    expect(event.faults).toEqual(['port:3107', 'port:3108']);
  });

  it('reads an empty hostname as unknown', () => {
    const body = sample('deviceDown');
    body.device.hostname = '';
    expect(parseEvent(body).event.hostname).toBeNull();
  });
});

describe('ids and states', () => {
  it('accepts ids and states as numeric strings', () => {
    const body = sample('deviceDown');
    Object.assign(body.alert, { alert_id: '512', log_id: '98230', incident_log_id: ' 98230 ' });
    body.alert.rule_id = '1';
    body.device.device_id = '43';
    body.event.state = '1';
    body.faults[0].device_id = '43';
    expect(parseEvent(body).event).toEqual(DEVICE_DOWN_EVENT);
  });

  it.each([
    [6, 0],
    ['6', 0],
    [9, 9],
    ['5', 5],
  ])('state %j is kept as %i', (state, expected) => {
    const body = sample('deviceDown');
    body.event.state = state;
    expect(parseEvent(body).event.state).toBe(expected);
  });

  it('reads missing or zero incident and alert ids as unknown', () => {
    const body = sample('recovery');
    delete body.alert.incident_log_id;
    body.alert.alert_id = 0;
    const { event } = parseEvent(body);
    expect([event.incidentLogId, event.alertId]).toEqual([null, null]);
  });

  it('rejects ids beyond the safe integer range', () => {
    const body = sample('deviceDown');
    body.alert.log_id = '99999999999999999999';
    expect(parse(body)).toMatchObject({
      code: 'invalid_body',
      message: expect.stringMatching(/^alert\.log_id: /),
    });
  });
});

describe('event time', () => {
  const withTimes = (times: Record<string, unknown>) => {
    const body = sample('deviceDown');
    Object.assign(body.event, times);
    return body;
  };

  it.each([
    ['an epoch string', { timestamp_epoch: '1773475924' }, 1773475924],
    ['a fractional epoch, truncated', { timestamp_epoch: 1773475924.9 }, 1773475924],
    ['the ISO time when the epoch is missing', { timestamp_epoch: undefined }, 1773475924],
    ['the ISO time when the epoch is 0', { timestamp_epoch: 0 }, 1773475924],
    ['the ISO time when the epoch is text', { timestamp_epoch: 'x' }, 1773475924],
    [
      'ISO with +0100',
      { timestamp_epoch: null, timestamp: '2026-03-14T09:12:04+0100' },
      1773475924,
    ],
    [
      'ISO in Z, fraction cut',
      { timestamp_epoch: null, timestamp: '2026-03-14T08:12:04.9Z' },
      1773475924,
    ],
    [
      'ISO with -05:00',
      { timestamp_epoch: null, timestamp: '2026-03-14T03:12:04-05:00' },
      1773475924,
    ],
    ['the naive time in the zone', { timestamp_epoch: null, timestamp: null }, 1773475924],
    [
      'the naive time after a bad ISO',
      { timestamp_epoch: null, timestamp: '2026-02-30T09:00:00Z' },
      1773475924,
    ],
  ])('uses %s', (_what, times, expected) => {
    expect(parseEvent(withTimes(times)).event.at).toBe(expected);
  });

  it('reads the naive time in the configured zone', () => {
    const body = withTimes({ timestamp_epoch: null, timestamp: null });
    expect(parseEvent(body, { ...OPTS, timezone: 'UTC' }).event.at).toBe(1773479524);
    expect(parseEvent(body, { ...OPTS, timezone: 'America/New_York' }).event.at).toBe(
      1773493924, // 09:12:04 EDT (DST since 2026-03-08) = 13:12:04Z
    );
  });
});

describe('faults and status reasons', () => {
  it('a body without faults gives null faults and device reasons', () => {
    const body = sample('deviceDown');
    delete body.faults;
    body.device.status_reason = 'icmp,snmp';
    const { event, body: stored } = parseEvent(body);
    expect(event.faults).toBeNull();
    expect(event.statusReasons).toEqual(['icmp', 'snmp']);
    expect(stored.faults).toBeNull();
  });

  it('an empty fault list stays empty', () => {
    const body = sample('deviceDown');
    body.faults = [];
    expect(parseEvent(body).event).toMatchObject({ faults: [], statusReasons: ['icmp'] });
  });

  it('accepts rows keyed 1..n (a PHP array serialised as an object)', () => {
    const body = sample('portDown');
    body.faults = { '1': body.faults[0], '2': body.faults[1] };
    const { event, body: stored } = parseEvent(body);
    expect(event.faults).toEqual(['port:3107', 'port:3108']);
    expect(stored.faults).toEqual(sample('portDown').faults);
  });

  it('sorts and de-duplicates refs; rows without a port fall back to the device', () => {
    const body = sample('portDown');
    body.faults = [
      { n: 1, device_id: 27, port_id: '3108' },
      { n: 2, device_id: 27, port_id: 3108 },
      { n: 3, device_id: '12', port_id: null },
      { n: 4, port_id: '' }, // no device_id either: the alert's device
      { n: 5, device_id: 27, port_id: 999 },
    ];
    expect(parseEvent(body).event.faults).toEqual([
      'device:12',
      'device:27',
      'port:3108',
      'port:999',
    ]);
  });

  it('splits CSV reasons from fault rows and ignores the device then', () => {
    const body = sample('deviceDown');
    body.device.status_reason = 'snmp';
    body.faults = [
      { n: 1, device_id: 43, status_reason: ' snmp , ,icmp' },
      { n: 2, device_id: 43, status_reason: 'icmp' },
      { n: 3, device_id: 43, status_reason: '' },
    ];
    expect(parseEvent(body).event.statusReasons).toEqual(['icmp', 'snmp']);
  });

  it('falls back to the device when no row has a reason', () => {
    const body = sample('portDown');
    body.device.status_reason = 'snmp';
    expect(parseEvent(body).event.statusReasons).toEqual(['snmp']);
  });

  it('drops fault rows that are not objects', () => {
    const body = sample('portDown');
    body.faults = ['3107', null, body.faults[1]];
    expect(parseEvent(body).event.faults).toEqual(['port:3108']);
  });
});

describe('whitelisting', () => {
  const SECRETS = {
    community: 'c0mmun1ty',
    authpass: 'auth-s3cret',
    cryptopass: 'crypt0-s3cret',
    snmp_community: 'snmp-c0mm',
    password: 'pa55word',
  };

  it('never stores credentials, wherever a template put them', () => {
    const body = sample('portDown');
    Object.assign(body, SECRETS);
    Object.assign(body.event, SECRETS);
    Object.assign(body.alert, SECRETS);
    Object.assign(body.device, SECRETS);
    body.device.groups = { '2': 'aggregation', authkey: 'gr0up-s3cret' };
    body.faults.forEach((row: object) => Object.assign(row, SECRETS));
    body.diff = { added: [{ ...body.faults[0] }], resolved: [], community: 'c0mmun1ty' };
    const { event, body: stored } = parseEvent(body);
    const text = JSON.stringify(stored);
    for (const [key, value] of Object.entries({ ...SECRETS, authkey: 'gr0up-s3cret' })) {
      expect(text).not.toContain(`"${key}"`);
      expect(text).not.toContain(value);
    }
    const clean = sample('portDown');
    clean.diff = { added: [clean.faults[0]], resolved: [] };
    expect(stored).toEqual(clean);
    // the stored text keeps the whitelist's key order, the device's groups last
    expect(Object.keys((stored as { device: object }).device).at(-1)).toBe('groups');
    expect(event.faults).toEqual(['port:3107', 'port:3108']);
  });

  it('never reads a whitelisted key from a "__proto__" key of the body', () => {
    const body = sample('deviceDown');
    delete body.alert.log_id;
    delete body.device.hostname;
    const text = JSON.stringify(body)
      .replace('"alert":{', '"alert":{"__proto__":{"log_id":777},')
      .replace('"device":{', '"device":{"__proto__":{"hostname":"evil"},');
    const result = parse(text);
    expect(result).toMatchObject({ kind: 'rejected', code: 'invalid_body' });
    expect(result.kind === 'rejected' && result.message).toMatch(/alert\.log_id: is required/);
    body.alert.log_id = 98230;
    const { body: stored } = parseEvent(
      JSON.stringify(body).replace('"device":{', '"device":{"__proto__":{"hostname":"evil"},'),
    );
    expect(JSON.stringify(stored)).not.toContain('evil');
    expect(stored.device).not.toHaveProperty('hostname');
  });

  it('drops unknown keys and nested values under known keys', () => {
    const body = sample('deviceDown');
    body.extra = { community: 'x' };
    body.device.hostname = { community: 'x' };
    body.device.sysName = ['x'];
    body.faults[0].ifAlias = { secret: 'x' };
    body.faults[0].raw_row = 'x';
    const { event, body: stored } = parseEvent(body);
    expect(stored.extra).toBeUndefined();
    expect(stored.device).not.toHaveProperty('hostname');
    expect(stored.device).not.toHaveProperty('sysName');
    expect(stored.faults).toEqual([
      {
        n: 1,
        device_id: 43,
        hostname: 'cpe-acme-hq.example.net',
        status: 0,
        status_reason: 'icmp',
      },
    ]);
    expect(event.hostname).toBeNull();
  });

  it('masks credentials in rejected bodies', () => {
    const body = {
      ...liteSample(),
      log_id: 'nope',
      community: 'public',
      nested: [{ authpass: 'x' }],
    };
    expect(parse(body)).toEqual({
      kind: 'rejected',
      status: 422,
      code: 'invalid_body',
      message: 'log_id: must be a positive integer (number or numeric string)',
      body: { ...body, community: '***', nested: [{ authpass: '***' }] },
    });
  });
});

describe('LibreNMS fallback text', () => {
  it('is not JSON, and the message says why', () => {
    const raw = [
      'Alert for device cpe-acme-hq.example.net - Devices up/down',
      'Severity: critical',
      'Timestamp: 2026-03-14 09:12:04',
      'Unique-ID: 98230',
      'Rule: Devices up/down',
      'Faults:',
      '  #1: sysObjectID => ; sysDescr => ;',
      'Alert sent to: ',
      '',
      'Warning! Fallback template used due to error in template Default Alert Template',
    ].join('\n');
    expect(parseWebhook(raw, OPTS)).toEqual({
      kind: 'rejected',
      status: 422,
      code: 'not_json',
      message:
        'body is not JSON: LibreNMS sent its plain-text fallback template ' +
        '(its alert template failed to render)',
      body: null,
    });
  });
});
