// Keeps librenms-transport/ (Blade template, fallback body) and the webhook parser in step.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isCredentialKey } from '../../src/domain/redact.js';
import { parseWebhook } from '../../src/librenms/webhook.js';
import {
  DIFF_KEYS,
  FAULT_KEYS,
  LITE_KEYS,
  V1_ALERT_KEYS,
  V1_DEVICE_KEYS,
  V1_EVENT_KEYS,
  V1_KEYS,
} from '../../src/librenms/webhook-fields.js';

const kitFile = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../librenms-transport/${name}`, import.meta.url)), 'utf8');

const BLADE = kitFile('alert-template.blade.php');
const FALLBACK = kitFile('fallback-body.txt');

/** The text of the bracketed PHP array that starts at the first `[` after `marker`. */
function phpArray(source: string, marker: RegExp): string {
  const m = marker.exec(source);
  if (!m) throw new Error(`marker ${marker} not found in the template`);
  const start = source.indexOf('[', m.index + m[0].length - 1);
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    if (source[i] === '[') depth++;
    if (source[i] === ']' && --depth === 0) return source.slice(start, i + 1);
  }
  throw new Error(`unbalanced array after ${marker}`);
}

/** Keys written `'key' =>` directly in this array (not in arrays nested inside it). */
function topLevelKeys(array: string): string[] {
  const keys: string[] = [];
  for (const m of array.matchAll(/'(\w+)'\s*=>/g)) {
    const before = array.slice(0, m.index);
    const depth = (before.match(/[[(]/g)?.length ?? 0) - (before.match(/[\])]/g)?.length ?? 0);
    if (depth === 1) keys.push(m[1] as string);
  }
  return keys;
}

const sorted = (keys: readonly string[]) => [...keys].sort();

describe('the Blade template emits exactly what the parser keeps', () => {
  const payload = phpArray(BLADE, /\$payload\s*=\s*\[/);

  it('top-level keys', () => {
    expect(sorted(topLevelKeys(payload))).toEqual(sorted(V1_KEYS));
  });

  it.each([
    ['event', V1_EVENT_KEYS],
    ['alert', V1_ALERT_KEYS],
    ['device', V1_DEVICE_KEYS],
  ])('%s keys', (section, expected) => {
    const block = phpArray(payload, new RegExp(`'${section}'\\s*=>\\s*\\[`));
    expect(sorted(topLevelKeys(block))).toEqual(sorted(expected));
  });

  it('fault whitelist ($keep)', () => {
    const keep = phpArray(BLADE, /\$keep\s*=\s*\[/);
    const keys = [...keep.matchAll(/'(\w+)'/g)].map((m) => m[1] as string);
    expect(sorted(keys)).toEqual(sorted(FAULT_KEYS));
  });

  it('faults and both diff lists go through the whitelist', () => {
    const slimmed = [...payload.matchAll(/'(\w+)'\s*=>\s*\$slim\(/g)].map((m) => m[1] as string);
    expect(sorted(slimmed)).toEqual(sorted(['faults', ...DIFF_KEYS]));
  });

  it('emits JSON only through json_encode and handles state 6', () => {
    expect(BLADE).toMatch(/\{!! json_encode\(\$payload, [^)]*JSON_INVALID_UTF8_SUBSTITUTE\) !!\}/);
    expect(BLADE).toMatch(/if \(\$state === 6\) \{\s*\$state = 0;/);
    expect(BLADE).toContain("=== 'pathuptime'");
  });

  it('no whitelisted key looks like a credential', () => {
    const all = [
      ...V1_EVENT_KEYS,
      ...V1_ALERT_KEYS,
      ...V1_DEVICE_KEYS,
      ...FAULT_KEYS,
      ...LITE_KEYS,
    ];
    expect(all.filter(isCredentialKey)).toEqual([]);
  });
});

// ---- the fallback body, rendered the way SimpleTemplate does -------------------------------

type Vars = Record<string, string>;
const TOKEN = /\{\{ \$(\w+)(\|[^}]*)? \}\}/g;

/** A tiny SimpleTemplate: `{{ $x }}`, `{{ $x|json_encode }}`, `{{ $x|date('U') }}`. */
function render(template: string, vars: Vars, appOffset: string): string {
  return template.replace(TOKEN, (_all, name: string, filter?: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`the fallback body uses an unknown variable $${name}`);
    if (filter === undefined) return value;
    if (filter === '|json_encode') return JSON.stringify(value);
    if (filter === "|date('U')") {
      const ms = Date.parse(`${value.replace(' ', 'T')}${appOffset}`); // strtotime in the app zone
      return Number.isNaN(ms) ? '0' : String(ms / 1000);
    }
    throw new Error(`the test renderer does not know the filter ${filter}`);
  });
}

/** LibreNMS's variables for sample 01 (server zone Europe/Amsterdam, +01:00 in March). */
const VARS: Vars = {
  state: '1',
  severity: 'critical',
  device_id: '43',
  hostname: 'cpe-acme-hq.example.net',
  sysName: 'acme-hq-gw',
  rule_id: '1',
  name: 'Devices up/down',
  alert_id: '512',
  uid: '98230',
  id: '98230',
  timestamp: '2026-03-14 09:12:04',
  elapsed: '1m 0s',
  title: 'Alert for device "cpe-acme-hq" -\nDevices up/down',
};
const OPTS = { timezone: 'Europe/Amsterdam', receivedAt: 1773476000 };

describe('the fallback body', () => {
  it('is one line and uses exactly the lite keys', () => {
    expect(FALLBACK.trimEnd()).not.toContain('\n');
    const keys = [...FALLBACK.matchAll(/"(\w+)":/g)].map((m) => m[1] as string);
    expect(sorted(keys)).toEqual(sorted(LITE_KEYS));
  });

  it('renders to a body that parses into the expected event', () => {
    const raw = render(FALLBACK, VARS, '+01:00');
    expect(JSON.parse(raw)).toMatchObject({ timestamp_epoch: '1773475924' });
    expect(parseWebhook(raw, OPTS)).toEqual({
      kind: 'event',
      event: {
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
        receivedAt: 1773476000,
        faults: null,
        statusReasons: [],
      },
      body: { ...JSON.parse(raw), title: 'Alert for device "cpe-acme-hq" -\nDevices up/down' },
    });
  });

  it('renders a recovery logged as state 6 into state 0 of the incident', () => {
    const vars = { ...VARS, state: '6', uid: '98262', timestamp: '2026-03-14 09:47:33' };
    const r = parseWebhook(render(FALLBACK, vars, '+01:00'), OPTS);
    expect(
      r.kind === 'event' && [r.event.state, r.event.logId, r.event.incidentLogId, r.event.at],
    ).toEqual([0, 98262, 98230, 1773478053]);
  });

  it("renders the Test button's data into a test ping", () => {
    const test = { ...VARS, alert_id: '000', uid: '000', id: '000', rule_id: '000' };
    expect(parseWebhook(render(FALLBACK, { ...test, name: 'Test-Rule' }, '+01:00'), OPTS)).toEqual({
      kind: 'test',
    });
  });
});
