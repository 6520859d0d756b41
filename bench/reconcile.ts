// Reconcile benchmark: a first full import and no-change runs against the fake LibreNMS (--size S|M|L).
import { performance } from 'node:perf_hooks';
import type { EntityManager } from '@mikro-orm/knex';
import type { ReconcileKind } from '../src/services/reconcile.js';
import { createTestApp, type TestApp } from '../tests/helpers/app.js';
import { FAKE_TOKEN, startFakeLibreNms } from '../tests/helpers/fake-librenms.js';
import { SIZES } from './engine-network.js';
import { BENCH_NOW, benchDataset } from './reconcile-dataset.js';
import { mark, maxRssMb, rssSampler, secs, writeCounter } from './reconcile-measure.js';

const arg = process.argv.indexOf('--size');
const size = SIZES[arg > 0 ? (process.argv[arg + 1] ?? 'S') : 'S'];
if (!size) throw new Error('--size S|M|L');

/** Runs `kind` to its end; prints wall time, requests, peak RSS; returns the record. */
async function timed(t: TestApp, kind: ReconcileKind, label: string) {
  const rss = rssSampler();
  const start = performance.now();
  const run = await t.services.reconcile.run(kind);
  const wall = performance.now() - start;
  const peak = rss.stop();
  console.log(
    `  ${label.padEnd(22)} ${secs(wall).padStart(8)}  ${run.status}  ${run.requests} requests` +
      `  ${run.itemsImported} items, ${run.eventsFilled} events  peak RSS ${peak.toFixed(0)} MB` +
      (run.error ? `  error: ${run.error}` : ''),
  );
  return { run, wall, peak };
}

async function main(): Promise<void> {
  const s = size!;
  console.log(
    `reconcile benchmark, size ${s.name}: ${s.devices} devices, ${s.ports} ports, ${s.links} links`,
  );
  const fake = await startFakeLibreNms(benchDataset(s));
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
    console.log('first full import:');
    const topo = await timed(t, 'topology', 'topology');
    const gap = await timed(t, 'gap', 'gap (backfill)');
    console.log(`  import total           ${secs(topo.wall + gap.wall).padStart(8)}`);
    const writes = await writeCounter((t.orm.em as EntityManager).getKnex());
    console.log('no-change runs:');
    const topo2 = await timed(t, 'topology', 'topology');
    const topoWrites = await writes.take();
    const gap2 = await timed(t, 'gap', 'gap');
    const gapWrites = await writes.take();
    const show = (w: Map<string, number>) =>
      [...w].map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
    console.log(`  rows written, topology: ${show(topoWrites)}`);
    console.log(`  rows written, gap:      ${show(gapWrites)}`);
    const onlyRecord = (w: Map<string, number>) =>
      [...w.keys()].every((k) => k.endsWith(' reconcile_runs')) &&
      [...w.values()].reduce((a, b) => a + b, 0) <= 2;
    const importPeak = Math.max(topo.peak, gap.peak);
    console.log(`process maxRSS (lifetime, fake server included): ${maxRssMb().toFixed(0)} MB`);
    console.log('targets:');
    console.log(
      `  import peak RSS ${importPeak.toFixed(0)} MB < 1024 MB: ${mark(importPeak < 1024)}`,
    );
    console.log(
      `  no-change gap run ${gap2.run.requests} requests <= 10: ${mark(gap2.run.requests <= 10)}`,
    );
    console.log(`  no-change topology run writes only its record: ${mark(onlyRecord(topoWrites))}`);
    console.log(`  no-change gap run writes only its record: ${mark(onlyRecord(gapWrites))}`);
    console.log(
      `  all runs succeeded: ${mark([topo, gap, topo2, gap2].every((r) => r.run.status === 'succeeded'))}`,
    );
  } finally {
    await t.services.reconcile.close();
    await t.close();
    await fake.close();
  }
}

await main();
