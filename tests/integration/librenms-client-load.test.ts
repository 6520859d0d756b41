// The LibreNMS client under load: the windowed rate and concurrency limits as the server sees
// them (retries included), and `/ports` read as a stream with bounded memory.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { createLibreNmsClient } from '../../src/librenms/api-client.js';
import type { ApiPort } from '../../src/librenms/api-types.js';
import { startFakeLibreNms, type FakeLibreNms } from '../helpers/fake-librenms.js';
import { sampleDataset, syntheticPort } from '../helpers/fake-librenms-fixtures.js';

let fake: FakeLibreNms;
afterEach(() => fake?.close());

function client(maxRps: number, maxConcurrency: number) {
  return createLibreNmsClient({
    apiUrl: fake.url,
    apiToken: fake.state.token,
    maxRps,
    maxConcurrency,
    timezone: 'UTC',
    timeoutMs: 5000,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });
}

describe('throttle', () => {
  it('60 calls at maxRps 20: never more than 20 starts in any 1-s window, 2 in flight', async () => {
    fake = await startFakeLibreNms(sampleDataset());
    fake.faults.delayAllMs = 40;
    fake.faults.fail('/alerts', 6).reset('/rules', 4);
    const c = client(20, 2);
    const calls = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? c.rules() : c.alerts()));
    const started = performance.now();
    await Promise.all(calls);
    const elapsed = performance.now() - started;
    expect(fake.stats.requests).toBe(70); // 60 calls + 10 retries, all through the limiter
    expect(c.counters).toEqual({ requests: 70, retries: 10, errors: 0 });
    expect(fake.stats.maxStartsInWindow(1000)).toBeLessThanOrEqual(20);
    expect(fake.stats.maxStartsInWindow(1000)).toBeGreaterThanOrEqual(17); // and not needlessly slow
    expect(fake.stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(elapsed).toBeGreaterThan(3000); // 70 starts at ≤ 20/s need ≥ 3.45 s
  });

  it('slow answers: concurrency, not the rate, is the bound', async () => {
    fake = await startFakeLibreNms(sampleDataset());
    fake.faults.delayAllMs = 250;
    const c = client(100, 3);
    await Promise.all(Array.from({ length: 9 }, () => c.system()));
    expect(fake.stats.maxInFlight).toBe(3);
  });
});

function heapNow(): number {
  return process.memoryUsage().heapUsed;
}

function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('/ports as a stream', () => {
  const COUNT = 50_000;

  it(`parses ${COUNT} ports one by one with bounded memory`, async () => {
    fake = await startFakeLibreNms({ ports: { count: COUNT, make: syntheticPort } });
    const c = client(5, 2);
    collect();
    const base = heapNow();
    let peak = 0;
    let n = 0;
    let last: ApiPort | null = null;
    const started = performance.now();
    let bodyDoneAtFirst: boolean | null = null;
    for await (const port of c.allPorts()) {
      if (n === 0) bodyDoneAtFirst = fake.stats.completed.includes('/ports');
      if (n % 10_000 === 5000) {
        collect(); // live memory only: what the stream holds, not garbage awaiting collection
        peak = Math.max(peak, heapNow() - base);
      }
      if (port.port_id !== 100_000 + n) throw new Error(`port ${n} out of order`);
      last = port;
      n++;
    }
    console.warn(
      `streamed ${n} ports in ${Math.round(performance.now() - started)} ms, peak ${peak}`,
    );
    expect(n).toBe(COUNT);
    expect(last).toMatchObject({
      port_id: 100_000 + COUNT - 1,
      ifOperStatus: 'up',
      disabled: false,
    });
    expect(bodyDoneAtFirst).toBe(false); // the first port came before the server finished writing
    // The body is ~18 MB of text; holding it (plus its parse) would take far more than this.
    expect(peak).toBeLessThan(6 * 1024 * 1024);
    expect(c.counters).toEqual({ requests: 1, retries: 0, errors: 0 });
  });

  it('keeps special characters and releases the slot when the consumer stops early', async () => {
    fake = await startFakeLibreNms({ ports: { count: 2000, make: syntheticPort } });
    const c = client(50, 1);
    let seen = 0;
    for await (const port of c.allPorts(['port_id', 'ifAlias'])) {
      if (seen === 7) expect(port.ifAlias).toBe('CUST:C7 "q" \\ [x], {y}');
      if (++seen === 10) break;
    }
    // With one slot, this would wait forever had the stream kept it.
    expect((await c.system()).local_ver).toBe('26.1.1');
  });

  it('retries before the body starts; an empty list is empty', async () => {
    fake = await startFakeLibreNms({ ports: [] });
    fake.faults.fail('/ports', 2);
    const c = client(50, 2);
    const all = [];
    for await (const p of c.allPorts()) all.push(p);
    expect(all).toEqual([]);
    expect(fake.stats.count('/ports')).toBe(3);
  });
});
