// parseWebhook never throws: every field of every sample replaced by junk, and hostile nesting.

import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../../src/librenms/webhook.js';
import { OPTS, SAMPLES, liteSample, sample, type Body } from '../helpers/librenms-webhooks.js';

const JUNK: unknown[] = [null, '', -1, 1.5, '\uFFFD', 'x'.repeat(10_000), [], {}, [[{}]], true];

/** Every path to a value in `body` (objects and arrays included), e.g. ['faults', 0, 'port_id']. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function replaced(body: Body, path: (string | number)[], junk: unknown): Body {
  const copy = structuredClone(body);
  const parent = path.slice(0, -1).reduce<Body>((o, k) => o[k] as Body, copy);
  parent[path[path.length - 1] as string] = junk;
  return copy;
}

const bodies: [string, Body][] = [
  ...Object.keys(SAMPLES).map(
    (name) => [name, sample(name as keyof typeof SAMPLES)] as [string, Body],
  ),
  ['lite', liteSample()],
];

describe('parseWebhook never throws', () => {
  it.each(bodies)('%s with any one field replaced by junk', (_name, body) => {
    let results = 0;
    for (const path of paths(body).filter((p) => p.length > 0)) {
      for (const junk of JUNK) {
        const r = parseWebhook(JSON.stringify(replaced(body, path, junk)), OPTS);
        expect(['event', 'rejected', 'test']).toContain(r.kind);
        if (r.kind === 'rejected') expect(r.status).toBe(422);
        results++;
      }
    }
    expect(results).toBeGreaterThan(100);
  });

  it.each([
    ['a deeply nested array', '['.repeat(200_000) + ']'.repeat(200_000)],
    [
      'a deeply nested unknown key',
      `{"schema":"librenms.alert.v1","x":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
    ],
  ])('%s is rejected, and its masked body can be serialised', (_what, raw) => {
    const r = parseWebhook(raw, OPTS);
    expect(r.kind).toBe('rejected');
    expect(() => JSON.stringify(r)).not.toThrow();
  });

  it('a body with thousands of fault rows', () => {
    const body = sample('portDown');
    body.faults = Array.from({ length: 5000 }, (_, i) => ({
      n: i + 1,
      device_id: 27,
      port_id: i + 1,
    }));
    const r = parseWebhook(JSON.stringify(body), OPTS);
    expect(r.kind === 'event' && r.event.faults?.length).toBe(5000);
  });
});
