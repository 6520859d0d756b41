// Test helpers for LibreNMS webhook bodies: the fixture samples, edited copies, a lite body.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AlertEvent } from '../../src/domain/events.js';
import { parseWebhook, type WebhookResult } from '../../src/librenms/webhook.js';

export const SAMPLES = {
  deviceDown: 'webhook-01-device-down.json',
  portDown: 'webhook-02-port-down-two-faults.json',
  portAck: 'webhook-03-port-down-acknowledged.json',
  recovery: 'webhook-04-device-down-recovery.json',
} as const;

export type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function sampleText(name: keyof typeof SAMPLES): string {
  const url = new URL(`../fixtures/librenms/${SAMPLES[name]}`, import.meta.url);
  return readFileSync(fileURLToPath(url), 'utf8');
}

/** A fresh, editable copy of a sample body. */
export function sample(name: keyof typeof SAMPLES): Body {
  return JSON.parse(sampleText(name)) as Body;
}

/** The lite body as LibreNMS renders it for sample 01 (every value a string). */
export function liteSample(): Body {
  return {
    schema: 'librenms.alert.v1-lite',
    state: '1',
    severity: 'critical',
    device_id: '43',
    hostname: 'cpe-acme-hq.example.net',
    sysName: 'acme-hq-gw',
    rule_id: '1',
    rule_name: 'Devices up/down',
    alert_id: '512',
    log_id: '98230',
    incident_log_id: '98230',
    timestamp_raw: '2026-03-14 09:12:04',
    timestamp_epoch: '1773475924',
    elapsed: '',
    title: 'Alert for device cpe-acme-hq.example.net - Devices up/down',
  };
}

export const RECEIVED_AT = 1773476000;
export const OPTS = { timezone: 'Europe/Amsterdam', receivedAt: RECEIVED_AT };

export function parse(body: unknown, opts = OPTS): WebhookResult {
  return parseWebhook(typeof body === 'string' ? body : JSON.stringify(body), opts);
}

/** Parses and insists on an event, so a test fails loudly with the rejection otherwise. */
export function parseEvent(body: unknown, opts = OPTS): { event: AlertEvent; body: Body } {
  const r = parse(body, opts);
  if (r.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(r)}`);
  return { event: r.event, body: r.body as Body };
}

/** The event sample 01 yields (hand-computed: 09:12:04+01:00 = 1773475924). */
export const DEVICE_DOWN_EVENT: AlertEvent = {
  source: 'librenms',
  logId: 98230,
  incidentLogId: 98230,
  alertId: 512,
  ruleId: 1,
  ruleName: 'Devices up/down',
  deviceId: 43,
  hostname: 'cpe-acme-hq.example.net',
  state: 1,
  at: 1773475924,
  receivedAt: RECEIVED_AT,
  faults: ['device:43'],
  statusReasons: ['icmp'],
};

/**
 * A bare stored event for database tests: device 43 (`cpe-43`) down under rule 1, no faults,
 * no status reasons, received when it happened; each test sets what it is about.
 */
export function bareEvent(e: Partial<AlertEvent> & Pick<AlertEvent, 'logId' | 'at'>): AlertEvent {
  return {
    source: 'librenms',
    incidentLogId: null,
    alertId: null,
    ruleId: 1,
    ruleName: 'Devices up/down',
    deviceId: 43,
    hostname: 'cpe-43',
    state: 1,
    receivedAt: e.at,
    faults: null,
    statusReasons: [],
    ...e,
  };
}

/**
 * The samples' devices as a chain: cpe-43 (acme's router) hangs off agg-27 only, agg-27 off
 * core-12; the one service `acme-inet` needs a path from device 43 to device 12.
 */
export const CHAIN_INVENTORY = {
  customers: [{ key: 'acme', name: 'ACME B.V.', timezone: 'UTC' }],
  devices: [
    { id: 12, hostname: 'core-12.example.net', role: 'core' },
    { id: 27, hostname: 'agg-27.example.net', role: 'aggregation' },
    { id: 43, hostname: 'cpe-acme-hq.example.net', role: 'customer' },
  ],
  links: [
    { a: 'device:43', b: 'device:27' },
    { a: 'device:27', b: 'device:12' },
  ],
  services: [
    {
      key: 'acme-inet',
      customer: 'acme',
      name: 'Internet HQ',
      slaTarget: 99.9,
      requires: { path: { from: 'device:43', to: ['device:12'] } },
    },
  ],
};
