// parseWebhook on the documented bodies: the four samples, the lite body, test pings, rejections.

import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src/domain/events.js';
import { parseWebhook } from '../../src/librenms/webhook.js';
import {
  DEVICE_DOWN_EVENT,
  OPTS,
  RECEIVED_AT,
  liteSample,
  parse,
  parseEvent,
  sample,
  sampleText,
  type SAMPLES,
} from '../helpers/librenms-webhooks.js';

const PORT_DOWN_EVENT: AlertEvent = {
  source: 'librenms',
  logId: 98236,
  incidentLogId: 98236,
  alertId: 774,
  ruleId: 4,
  ruleName: 'Port status up/down',
  deviceId: 27,
  hostname: 'agg-sw-07.example.net',
  state: 1,
  at: 1773476109, // 09:15:09+01:00
  receivedAt: RECEIVED_AT,
  faults: ['port:3107', 'port:3108'],
  statusReasons: [], // every status_reason is ''
};

describe('parseWebhook: the samples', () => {
  it.each<[keyof typeof SAMPLES, AlertEvent]>([
    ['deviceDown', DEVICE_DOWN_EVENT],
    ['portDown', PORT_DOWN_EVENT],
    ['portAck', { ...PORT_DOWN_EVENT, state: 2 }],
    [
      'recovery',
      {
        ...DEVICE_DOWN_EVENT,
        logId: 98262,
        incidentLogId: 98230,
        state: 0,
        at: 1773478053, // 09:47:33+01:00 = 1773475924 + 35m29s
        // the recovery carries the stale fault row of the alert, whose reason was icmp
        statusReasons: ['icmp'],
      },
    ],
  ])('%s', (name, expected) => {
    expect(parseWebhook(sampleText(name), OPTS)).toEqual({
      kind: 'event',
      event: expected,
      body: sample(name), // the samples hold only whitelisted keys: stored unchanged
    });
  });

  it('does not depend on the zone when an epoch is present', () => {
    const { event } = parseEvent(sample('deviceDown'), { ...OPTS, timezone: 'Asia/Tokyo' });
    expect(event.at).toBe(1773475924);
  });

  it('takes receivedAt from the options, truncated to the second', () => {
    const { event } = parseEvent(sample('deviceDown'), { ...OPTS, receivedAt: 1773476000.75 });
    expect(event.receivedAt).toBe(1773476000);
  });
});

describe('parseWebhook: the lite body', () => {
  const LITE_EVENT: AlertEvent = { ...DEVICE_DOWN_EVENT, faults: null, statusReasons: [] };

  it('gives the event without faults and stores the body as sent', () => {
    expect(parse(liteSample())).toEqual({ kind: 'event', event: LITE_EVENT, body: liteSample() });
  });

  it('accepts numbers where the template quotes them', () => {
    const body = { ...liteSample(), state: 1, log_id: 98230, timestamp_epoch: 1773475924 };
    expect(parseEvent(body).event).toEqual(LITE_EVENT);
  });

  it('reads timestamp_raw in the LibreNMS zone when the epoch is empty', () => {
    const body = { ...liteSample(), timestamp_epoch: '' };
    expect(parseEvent(body).event.at).toBe(1773475924);
    expect(parseEvent(body, { ...OPTS, timezone: 'UTC' }).event.at).toBe(1773479524);
  });

  it('treats empty optional ids as unknown and normalises state 6', () => {
    const body = { ...liteSample(), state: '6', alert_id: '', incident_log_id: '' };
    const { event } = parseEvent(body);
    expect([event.state, event.alertId, event.incidentLogId]).toEqual([0, null, null]);
  });

  it('drops fields the lite schema does not know', () => {
    const body = { ...liteSample(), community: 'public', faults: [{ port_id: 1 }], extra: 'x' };
    const stored = parseEvent(body).body;
    expect(stored).toEqual(liteSample());
    expect(parseEvent(body).event.faults).toBeNull();
  });

  it('rejects a lite body without ids, naming the fields', () => {
    const { log_id: _l, device_id: _d, ...body } = liteSample();
    const r = parse(body);
    expect(r).toMatchObject({ kind: 'rejected', status: 422, code: 'invalid_body' });
    expect(r.kind === 'rejected' && r.message).toBe('log_id: is required; device_id: is required');
  });
});

describe('parseWebhook: test pings', () => {
  it.each(['This is a test alert', '  This is a test alert\n', '\uFEFFThis is a test alert'])(
    'plain text %j',
    (raw) => {
      expect(parseWebhook(raw, OPTS)).toEqual({ kind: 'test' });
    },
  );

  it('the lite body rendered from the Test button data', () => {
    const body = {
      ...liteSample(),
      alert_id: '000',
      log_id: '000',
      incident_log_id: '000',
      rule_id: '000',
      rule_name: 'Test-Rule',
      state: '1',
    };
    expect(parse(body)).toEqual({ kind: 'test' });
  });

  it('a v1 body with ids "000" and no faults', () => {
    const body = sample('deviceDown');
    Object.assign(body.alert, { alert_id: '000', log_id: '000', incident_log_id: '000' });
    Object.assign(body.alert, { rule_id: '000', rule_name: 'Test-Rule' });
    body.faults = [];
    expect(parse(body)).toEqual({ kind: 'test' });
  });

  it('a v1 body whose template cast the "000" ids with (int)', () => {
    const body = sample('deviceDown');
    Object.assign(body.alert, { alert_id: 0, log_id: 0, incident_log_id: 0, rule_id: 0 });
    expect(parse(body)).toEqual({ kind: 'test' });
  });

  it('is not a ping when only one id is zero', () => {
    const body = sample('deviceDown');
    body.alert.log_id = '000';
    expect(parse(body)).toMatchObject({ kind: 'rejected', code: 'invalid_body' });
  });

  it.each(['This is a test alert!', 'this is a test alert'])('%j is not a ping', (raw) => {
    expect(parseWebhook(raw, OPTS)).toMatchObject({ kind: 'rejected', code: 'not_json' });
  });
});

describe('parseWebhook: rejections', () => {
  it.each(['', '   ', '{"schema":', "{'schema': 'librenms.alert.v1'}", 'alert for device x'])(
    'not JSON: %j',
    (raw) => {
      expect(parseWebhook(raw, OPTS)).toEqual({
        kind: 'rejected',
        status: 422,
        code: 'not_json',
        message: 'body is not JSON',
        body: null,
      });
    },
  );

  it.each([
    ['[]', 'an array'],
    ['42', 'number'],
    ['null', 'null'],
    ['"This is a test alert"', 'string'],
    ['true', 'boolean'],
  ])('non-object JSON %s', (raw, what) => {
    expect(parseWebhook(raw, OPTS)).toEqual({
      kind: 'rejected',
      status: 422,
      code: 'invalid_body',
      message: `body must be a JSON object, got ${what}`,
      body: JSON.parse(raw),
    });
  });

  it.each([
    [{ ...sample('deviceDown'), schema: 'librenms.alert.v2' }, 'schema "librenms.alert.v2"'],
    [{ ...sample('deviceDown'), schema: undefined }, 'no "schema"'],
    [{ ...sample('deviceDown'), schema: 1 }, 'schema 1'],
  ])('unknown schema (%#)', (body, got) => {
    const r = parse(body);
    expect(r).toMatchObject({ kind: 'rejected', status: 422, code: 'unknown_schema' });
    expect(r.kind === 'rejected' && r.message).toBe(
      `${got}; expected "librenms.alert.v1" or "librenms.alert.v1-lite"`,
    );
  });

  it('names every missing or invalid field', () => {
    const body = sample('portDown');
    delete body.alert.log_id;
    body.alert.rule_id = 'four';
    body.device.device_id = -27;
    body.faults[1].port_id = '31o8';
    const r = parse(body);
    expect(r).toMatchObject({ kind: 'rejected', status: 422, code: 'invalid_body' });
    expect(r.kind === 'rejected' && r.message).toBe(
      'alert.log_id: is required; ' +
        'alert.rule_id: must be a positive integer (number or numeric string); ' +
        'device.device_id: must be a positive integer (number or numeric string); ' +
        'faults[1].port_id: must be a non-negative integer (number or numeric string)',
    );
  });

  it.each([
    ['event', 'event: must be an object'],
    ['alert', 'alert: must be an object'],
    ['device', 'device: must be an object'],
  ])('a missing %s object', (key, message) => {
    const body = sample('deviceDown');
    delete body[key];
    expect(parse(body)).toMatchObject({ code: 'invalid_body', message });
  });

  it.each([
    [-1, 'must be a state code (0-5, 6 = recovered)'],
    [1.5, 'must be a state code (0-5, 6 = recovered)'],
    ['alert', 'must be a state code (0-5, 6 = recovered)'],
    [undefined, 'is required'],
  ])('state %j', (state, why) => {
    const body = sample('deviceDown');
    body.event.state = state;
    expect(parse(body)).toMatchObject({ code: 'invalid_body', message: `event.state: ${why}` });
  });

  it('rejects a body without any usable time', () => {
    const body = sample('deviceDown');
    Object.assign(body.event, { timestamp_epoch: null, timestamp: 'soon', timestamp_raw: '' });
    expect(parse(body)).toMatchObject({
      code: 'invalid_body',
      message:
        'no usable event time: event.timestamp_epoch, event.timestamp or event.timestamp_raw',
    });
  });
});
