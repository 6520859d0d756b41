// The LibreNMS API client against the fake server: retries, auth, timeouts, quirks, paging.
import { afterEach, describe, expect, it } from 'vitest';
import { createLibreNmsClient, type LibreNmsClient } from '../../src/librenms/api-client.js';
import {
  LibreNmsAuthError,
  LibreNmsError,
  LibreNmsResponseError,
} from '../../src/librenms/api-errors.js';
import type { LibreNmsClientOptions } from '../../src/librenms/api-types.js';
import { startFakeLibreNms, type FakeLibreNms, type Row } from '../helpers/fake-librenms.js';
import { SECRET, sampleDataset } from '../helpers/fake-librenms-fixtures.js';

let fake: FakeLibreNms;
let waits: number[];
let warnings: string[];

afterEach(() => fake?.close());

async function setUp(over: Partial<LibreNmsClientOptions> = {}): Promise<LibreNmsClient> {
  fake = await startFakeLibreNms(sampleDataset());
  waits = [];
  warnings = [];
  return createLibreNmsClient({
    apiUrl: fake.url,
    apiToken: fake.state.token,
    maxRps: 50,
    maxConcurrency: 4,
    timezone: 'Europe/Amsterdam',
    timeoutMs: 1000,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    sleep: (ms) => (waits.push(ms), new Promise((r) => setTimeout(r, Math.min(ms, 20)))),
    logger: { warn: (_o, msg) => warnings.push(msg) },
    ...over,
  });
}

describe('reading the sample incident', () => {
  it('devices with parents, credentials gone', async () => {
    const client = await setUp();
    const devices = await client.devices();
    expect(devices.map((d) => [d.hostname, d.dependency_parent_id])).toEqual([
      ['core-rtr-01.example.net', []],
      ['agg-sw-07.example.net', [12]],
      ['cpe-acme-hq.example.net', [27]],
    ]);
    expect(JSON.stringify(devices)).not.toContain(SECRET);
    expect(client.counters).toEqual({ requests: 1, retries: 0, errors: 0 });
  });

  it('open alerts ask for states 1-5; outages; links; system version', async () => {
    const client = await setUp();
    fake.state.alerts.push({ ...(fake.state.alerts[0] as Row), id: 900, state: 0 });
    expect((await client.alerts()).map((a) => a.id)).toEqual([774, 512]);
    expect((await client.alerts([0])).map((a) => a.id)).toEqual([900]);
    expect((await client.deviceOutages(43))[0]).toEqual({
      going_down: 1773475900,
      up_again: 1773478029,
    });
    expect(
      (await client.links()).filter((l) => l.remote_device_id === null).map((l) => l.id),
    ).toEqual([504]);
    expect((await client.system()).local_ver).toBe('26.1.1');
    expect((await client.devicePorts(27, ['port_id', 'ifName'])).map((p) => p.ifName)).toContain(
      'Gi1/0/7',
    );
  });
});

describe('sessions', () => {
  it('count their own requests, retries and errors; the client counts them all', async () => {
    const client = await setUp({ retries: 1 });
    const a = client.session();
    const b = client.session();
    fake.faults.fail('/rules', 1); // a: one retry
    fake.faults.fail('/alerts', 2); // b: a retry, then an error (retries used up)
    await Promise.all([a.rules(), a.system(), b.alerts().catch(() => null), b.devices()]);
    expect(a.counters).toEqual({ requests: 3, retries: 1, errors: 0 });
    expect(b.counters).toEqual({ requests: 3, retries: 1, errors: 1 });
    await client.locations();
    expect(client.counters).toEqual({ requests: 7, retries: 2, errors: 1 });
    expect(fake.stats.requests).toBe(7);
  });
});

describe('retries', () => {
  it('retries 500s through the limiter and counts them', async () => {
    const client = await setUp();
    fake.faults.fail('/rules', 2);
    expect(await client.rules()).toEqual([]);
    expect(fake.stats.count('/rules')).toBe(3);
    expect(client.counters).toEqual({ requests: 3, retries: 2, errors: 0 });
    expect(waits).toHaveLength(2);
    expect(waits[1]!).toBeGreaterThanOrEqual(10);
  });

  it('retries reset connections', async () => {
    const client = await setUp();
    fake.faults.reset('/devices', 2);
    expect(await client.devices()).toHaveLength(3);
    expect(fake.stats.count('/devices')).toBe(3);
  });

  it('honours Retry-After in seconds and as an HTTP-date', async () => {
    const now = Date.UTC(2026, 2, 14, 9, 0, 0);
    const client = await setUp({ now: () => now });
    fake.faults.rateLimit('/alerts', '2').rateLimit('/alerts', new Date(now + 3000).toUTCString());
    expect(await client.alerts()).toHaveLength(2);
    expect(waits).toEqual([2000, 3000]);
  });

  it('gives up after the retries, with a typed error', async () => {
    const client = await setUp({ retries: 2 });
    fake.faults.fail('/rules', 5, 503);
    const err = await client.rules().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibreNmsError);
    expect((err as LibreNmsError).httpStatus).toBe(503);
    expect(fake.stats.count('/rules')).toBe(3);
    expect(client.counters).toEqual({ requests: 3, retries: 2, errors: 1 });
  });

  it('does not wait for a Retry-After beyond the limit', async () => {
    const client = await setUp({ retry: { maxRetryAfterMs: 5000 } });
    fake.faults.rateLimit('/alerts', '3600');
    await expect(client.alerts()).rejects.toThrow(/HTTP 429/);
    expect(fake.stats.count('/alerts')).toBe(1);
  });

  it('times out a slow answer and retries it', async () => {
    const client = await setUp({ timeoutMs: 150 });
    fake.faults.delay('/system', 600);
    expect((await client.system()).local_ver).toBe('26.1.1');
    expect(fake.stats.count('/system')).toBe(2);
    expect(client.counters.retries).toBe(1);
  });

  it('reports a timeout when every attempt is slow', async () => {
    const client = await setUp({ timeoutMs: 100, retries: 1 });
    fake.faults.delay('/system', 400, 2);
    await expect(client.system()).rejects.toMatchObject({
      kind: 'timeout',
      endpoint: 'GET /system',
    });
  });
});

describe('answers that end the call', () => {
  it('401: the token is refused at once, without retries', async () => {
    const client = await setUp({ apiToken: 'wrong' });
    const err = await client.devices().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibreNmsAuthError);
    expect((err as LibreNmsAuthError).fatal).toBe(true);
    expect(String((err as Error).message)).toMatch(
      /^LibreNMS refused the API token \(401\): check LIBRENMS_API_TOKEN/,
    );
    expect(fake.stats.unauthenticated).toBe(1);
    expect(client.counters).toEqual({ requests: 1, retries: 0, errors: 1 });
  });

  it('403: the user lacks permission', async () => {
    const client = await setUp();
    fake.faults.deny('/alerts', 403);
    await expect(client.alerts()).rejects.toThrow(
      /lacks permission \(403\): use a global-read user/,
    );
    expect(fake.stats.count('/alerts')).toBe(1);
  });

  it('malformed JSON names the endpoint', async () => {
    const client = await setUp();
    fake.faults.malformed('/devices');
    const err = await client.devices().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibreNmsResponseError);
    expect((err as Error).message).toMatch(/GET \/devices with malformed JSON/);
    expect(fake.stats.count('/devices')).toBe(1);
  });
});

describe('LibreNMS quirks', () => {
  it('404 means empty on list endpoints, and a real error elsewhere', async () => {
    const client = await setUp();
    fake.state.links = [];
    expect(await client.links()).toEqual([]);
    expect(await client.deviceGroups()).toEqual([]);
    expect(await client.locations()).toEqual([]);
    expect(await client.devicePorts(43)).toEqual([]);
    fake.state.groups = [{ id: 1, name: 'core', desc: null, type: 'static', members: [] }];
    expect(await client.groupDevices('core')).toEqual([]);
    await expect(client.groupDevices('nope')).rejects.toThrow(/404: Device group not found/);
    await expect(client.devicePorts(999)).rejects.toThrow(/404: Device 999 does not exist/);
    expect(client.counters.errors).toBe(2);
  });

  it('device groups and their members', async () => {
    const client = await setUp();
    fake.state.groups = [
      { id: 3, name: 'aggregation', desc: 'agg', type: 'static', members: [27, 28] },
    ];
    expect(await client.deviceGroups()).toEqual([
      { id: 3, name: 'aggregation', desc: 'agg', type: 'static' },
    ]);
    expect(await client.groupDevices('aggregation')).toEqual([27, 28]);
  });

  it('an empty device list (permissionless user) is returned, with a warning', async () => {
    const client = await setUp();
    fake.faults.emptyDevices = true;
    expect(await client.devices()).toEqual([]);
    expect(warnings.join()).toMatch(/global-read/);
  });

  it('services come double-nested and are flattened', async () => {
    const client = await setUp();
    fake.state.services = [
      { service_id: 5, device_id: 43, service_status: 2, service_changed: 1773475900 },
    ];
    expect(await client.services()).toMatchObject([{ service_id: 5, service_status: 2 }]);
  });
});

describe('log paging', () => {
  function alertLogRows(n: number): Row[] {
    return Array.from({ length: n }, (_, i) => ({
      id: 98_000 + i,
      device_id: 43,
      rule_id: 1,
      state: i % 2,
      time_logged: `2026-03-14 09:${String(10 + i).padStart(2, '0')}:00`,
      details: { rule: [{ device_id: 43, community: SECRET }] },
      hostname: 'cpe-acme-hq.example.net',
    }));
  }

  it('walks the alert log from an id, page by page with start', async () => {
    const client = await setUp();
    fake.state.alertLog = alertLogRows(23);
    const pages = [];
    for await (const page of client.alertLog({ from: 98_002, limit: 5 })) pages.push(page);
    expect(pages.map((p) => [p.start, p.rows.length, p.total])).toEqual([
      [0, 5, 21],
      [5, 5, 21],
      [10, 5, 21],
      [15, 5, 21],
      [20, 1, 21],
    ]);
    const ids = pages.flatMap((p) => p.rows.map((r) => r.id));
    expect(ids).toEqual(Array.from({ length: 21 }, (_, i) => 98_002 + i));
    expect(pages[0]!.rows[0]!.time_logged).toBe(Date.UTC(2026, 2, 14, 8, 12, 0) / 1000);
    expect(JSON.stringify(pages)).not.toContain(SECRET);
    expect(fake.stats.count('/logs/alertlog')).toBe(5);
  });

  it('stops when a full last page reaches total', async () => {
    const client = await setUp();
    fake.state.alertLog = alertLogRows(10);
    let pages = 0;
    for await (const _ of client.alertLog({ limit: 5 })) pages++;
    expect(pages).toBe(2);
    expect(fake.stats.count('/logs/alertlog')).toBe(2);
  });

  it('reads the eventlog between two datetimes', async () => {
    const client = await setUp();
    const rows = [];
    for await (const page of client.eventlog({
      from: '2026-03-14 09:15:00',
      to: '2026-03-14 09:21:00',
      limit: 2,
    })) {
      rows.push(...page.rows);
    }
    expect(rows.map((r) => r.event_id)).toEqual([2210058, 2210059, 2210066, 2210071]);
    expect(rows.map((r) => r.type)).toEqual(['interface', 'interface', 'alert', 'alert']);
  });
});
