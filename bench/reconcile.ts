// Reconcile benchmark: a first full import and no-change runs against the fake LibreNMS (--size S|M|L),
// which runs in a child process: the RSS figures are PathUptime's own.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { EntityManager } from '@mikro-orm/knex';
import type { ReconcileKind } from '../src/services/reconcile.js';
import { createTestApp, type TestApp } from '../tests/helpers/app.js';
import { FAKE_TOKEN } from '../tests/helpers/fake-librenms.js';
import { SIZES } from './engine-network.js';
import { BENCH_NOW } from './reconcile-dataset.js';
import { startFakeProcess, type FakeProcess } from './reconcile-fake.js';
import { mark, rssSampler, secs, writeCounter, type RssSampler } from './reconcile-measure.js';

const arg = process.argv.indexOf('--size');
const size = SIZES[arg > 0 ? (process.argv[arg + 1] ?? 'S') : 'S'];
if (!size) throw new Error('--size S|M|L');

/**
 * Runs `kind` to its end; prints wall time, requests and PathUptime's peak RSS of the run, then
 * of the engine rebuild its published change queued (measured apart: the run ends at its publish).
 */
async function timed(t: TestApp, fake: FakeProcess, kind: ReconcileKind, label: string) {
  const seenBefore = (await fake.stats()).requests;
  const start = performance.now();
  const startRss = process.memoryUsage().rss / 2 ** 20;
  const rss = rssSampler();
  let ended: { wall: number; peak: number; at: number; engine: RssSampler } | null = null;
  const end = () => {
    const at = performance.now();
    ended ??= { wall: at - start, peak: rss.stop(), at, engine: rssSampler() };
  };
  const bus = t.services.bus;
  const off = [bus.subscribe('inventory.changed', end), bus.subscribe('outages.changed', end)];
  const run = await t.services.reconcile.run(kind);
  end();
  off.forEach((f) => f());
  await t.services.engine.settled();
  const { wall, peak, at, engine } = ended!;
  const engineWall = performance.now() - at;
  const enginePeak = engine.stop();
  const seen = await fake.stats();
  console.log(
    `  ${label.padEnd(16)} ${secs(wall).padStart(8)}  ${run.status}  ${run.requests} requests` +
      ` (fake saw ${seen.requests - seenBefore})  ${run.itemsImported} items, ${run.eventsFilled} events` +
      `  PathUptime RSS ${startRss.toFixed(0)} MB at start, peak ${peak.toFixed(0)} MB` +
      `  (fake LibreNMS ${seen.peakRssMb.toFixed(0)} MB)` +
      (run.error ? `  error: ${run.error}` : ''),
  );
  const rebuilt = engineWall > 50;
  if (rebuilt) {
    console.log(
      `    then engine rebuild ${secs(engineWall).padStart(8)}  PathUptime peak RSS ${enginePeak.toFixed(0)} MB`,
    );
  }
  return { run, wall, peak, enginePeak: rebuilt ? enginePeak : 0 };
}

/** Memory after a forced full collection: what PathUptime holds live between runs, MB. */
function liveAfterGc() {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const m = process.memoryUsage();
  const mb = (v: number) => v / 2 ** 20;
  return {
    ...m,
    heapUsed: mb(m.heapUsed),
    heapTotal: mb(m.heapTotal),
    rss: mb(m.rss),
    external: mb(m.external),
  };
}

async function main(): Promise<void> {
  const s = size!;
  console.log(
    `reconcile benchmark, size ${s.name}: ${s.devices} devices, ${s.ports} ports, ${s.links} links`,
  );
  const fake = await startFakeProcess(s.name);
  console.log(`fake LibreNMS in child process ${fake.pid}, PathUptime in process ${process.pid}`);
  const t = await createTestApp(
    {
      LIBRENMS_API_URL: fake.url,
      LIBRENMS_API_TOKEN: FAKE_TOKEN,
      LIBRENMS_TIMEZONE: 'Europe/Amsterdam',
      LIBRENMS_MAX_RPS: '1000',
      LIBRENMS_MAX_CONCURRENCY: '4',
    },
    'sqlite',
    { now: () => BENCH_NOW, librenms: { timeoutMs: 300_000 } },
  );
  try {
    await t.services.engine.start(); // as main.ts does: a topology change rebuilds it
    console.log('first full import:');
    const topo = await timed(t, fake, 'topology', 'topology');
    const gap = await timed(t, fake, 'gap', 'gap (backfill)');
    console.log(`  import total     ${secs(topo.wall + gap.wall).padStart(8)}`);
    const writes = await writeCounter((t.orm.em as EntityManager).getKnex());
    console.log('no-change runs:');
    const topo2 = await timed(t, fake, 'topology', 'topology');
    const topoWrites = await writes.take();
    const gap2 = await timed(t, fake, 'gap', 'gap');
    const gapWrites = await writes.take();
    const show = (w: Map<string, number>) =>
      [...w].map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
    console.log(`  rows written, topology: ${show(topoWrites)}`);
    console.log(`  rows written, gap:      ${show(gapWrites)}`);
    const onlyRecord = (w: Map<string, number>) =>
      [...w.keys()].every((k) => k.endsWith(' reconcile_runs')) &&
      [...w.values()].reduce((a, b) => a + b, 0) <= 2;
    const importPeak = Math.max(topo.peak, gap.peak);
    const runs = [topo, gap, topo2, gap2];
    const mb = (v: number) => `${v.toFixed(0)} MB`;
    console.log(
      `PathUptime peak RSS: runs ${mb(Math.max(...runs.map((r) => r.peak)))},` +
        ` engine rebuilds after them ${mb(Math.max(0, ...runs.map((r) => r.enginePeak)))}`,
    );
    const live = liveAfterGc();
    console.log(
      `PathUptime after a full GC at the end (the engine built): heap used ${mb(live.heapUsed)}` +
        ` of ${mb(live.heapTotal)}, external ${mb(live.external)}, RSS ${mb(live.rss)}`,
    );
    console.log('targets:');
    console.log(
      `  import peak RSS (PathUptime) ${importPeak.toFixed(0)} MB < 1024 MB: ${mark(importPeak < 1024)}`,
    );
    console.log(
      `  no-change gap run ${gap2.run.requests} requests <= 10: ${mark(gap2.run.requests <= 10)}`,
    );
    console.log(`  no-change topology run writes only its record: ${mark(onlyRecord(topoWrites))}`);
    console.log(`  no-change gap run writes only its record: ${mark(onlyRecord(gapWrites))}`);
    console.log(`  all runs succeeded: ${mark(runs.every((r) => r.run.status === 'succeeded'))}`);
  } finally {
    await t.services.reconcile.close();
    await t.close();
    await fake.close();
  }
}

await main();
