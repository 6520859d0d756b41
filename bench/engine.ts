// Engine benchmark: build, single events by device class, a 10,000-event storm, monthly report, and baselines.
import type { AlertEvent } from '../src/domain/events.js';
import { IncrementalEngine } from '../src/graph/incremental.js';
import { FlagReach } from '../src/graph/flag-reach.js';
import { StateEvaluator } from '../src/graph/service-state.js';
import {
  deviceEvent,
  network,
  portEvent,
  SIZES,
  type Network,
  type Size,
} from './engine-network.js';
import { mulberry32 } from '../tests/helpers/random.js';
import { databaseBuild } from './engine-db.js';
import { fmt, mark, ms, now, percentile, PlainBfs, rssMb } from './engine-measure.js';

const T0 = 1_790_000_000;
const DAY = 86_400;

interface Clock {
  at: number;
  logId: number;
}

function build(net: Network, isL: boolean): IncrementalEngine {
  const start = now();
  const engine = new IncrementalEngine(net.inventory);
  const took = ms(start);
  const rss = rssMb();
  // a server serves events long after its start-up build: let the build's garbage go first, so
  // that the per-event figures below do not carry the build's collection (node --expose-gc)
  (globalThis as { gc?: () => void }).gc?.();
  const nodes = engine.c.keys.length;
  console.log(
    `  build: ${fmt(took / 1000)} s (${nodes} nodes, ${engine.c.targets.length / 2} edges)` +
      (isL ? `  ${mark(took < 20_000)} (< 20 s)` : ''),
  );
  console.log(
    `  RSS after build: ${fmt(rss, 0)} MB` + (isL ? `  ${mark(rss < 1536)} (< 1.5 GB)` : ''),
  );
  return engine;
}

/** Down then up for each device; every apply timed separately. */
function singleEvents(engine: IncrementalEngine, ids: number[], clock: Clock) {
  const times: number[] = [];
  const cpu: number[] = [];
  let affected = 0;
  for (const id of ids) {
    for (const state of [1, 0] as const) {
      clock.at += 60;
      const e = deviceEvent(++clock.logId, id, state, clock.at);
      const start = now();
      const used = process.cpuUsage();
      const result = engine.apply([e]);
      times.push(ms(start));
      const spent = process.cpuUsage(used);
      cpu.push((spent.user + spent.system) / 1000);
      if (state === 1) affected += result.spans.length;
    }
  }
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    cpu50: percentile(cpu, 50),
    cpu99: percentile(cpu, 99),
    services: affected / ids.length,
  };
}

function sample(list: readonly number[], n: number, rand: () => number): number[] {
  return Array.from(
    { length: Math.min(n, list.length) },
    () => list[Math.floor(rand() * list.length)] ?? 0,
  );
}

function eventClasses(engine: IncrementalEngine, net: Network, clock: Clock, isL: boolean): void {
  const rand = mulberry32(7);
  const warm = mulberry32(8);
  // per class: measured devices, warm-up devices (a running server has its code optimised: the
  // first events of a kind pay for the JIT, not for the engine), target in ms
  const classes: [string, number[], number[], number | null][] = [
    ['customer device', sample(net.customers, 200, rand), sample(net.customers, 50, warm), 1],
    ['access switch', sample(net.access, 100, rand), sample(net.access, 20, warm), null],
    ['aggregation router', sample(net.aggs, 50, rand), sample(net.aggs, 10, warm), 50],
    ['core router', net.cores, net.cores.slice(0, 1), null],
  ];
  for (const [name, ids, warmUp, target] of classes) {
    singleEvents(engine, warmUp, clock); // warm-up, not counted
    const r = singleEvents(engine, ids, clock);
    const verdict =
      isL && target !== null
        ? `  wall p50 ${mark(r.p50 < target)} p99 ${mark(r.p99 < target)}, cpu p99 ${mark(r.cpu99 < target)} (< ${target} ms)`
        : '';
    console.log(
      `  event ${name.padEnd(18)} wall p50 ${fmt(r.p50, 3)} ms  p99 ${fmt(r.p99, 3)} ms  | cpu p50 ${fmt(r.cpu50, 3)} ms  p99 ${fmt(r.cpu99, 3)} ms  (${fmt(r.services, 0)} services)${verdict}`,
    );
  }
}

/** 10,000 events within ten minutes: customer flaps, access port faults, a few access switches. */
function storm(engine: IncrementalEngine, net: Network, clock: Clock): void {
  const rand = mulberry32(11);
  const portsOf = new Map<number, number[]>();
  for (const p of net.inventory.ports)
    portsOf.set(p.deviceId, [...(portsOf.get(p.deviceId) ?? []), p.id]);
  const events: AlertEvent[] = [];
  const base = clock.at + 60;
  for (let i = 0; i < 10_000; i++) {
    const at = base + Math.floor(rand() * 600);
    const x = rand();
    const state = rand() < 0.5 ? 1 : 0;
    if (x < 0.6)
      events.push(deviceEvent(++clock.logId, sample(net.customers, 1, rand)[0] ?? 0, state, at));
    else if (x < 0.95) {
      const acc = sample(net.access, 1, rand)[0] ?? 0;
      const ports = net.inventory.ports
        .filter((p) => p.deviceId === acc)
        .slice(0, 3)
        .map((p) => p.id);
      events.push(portEvent(++clock.logId, acc, ports, state, at));
    } else events.push(deviceEvent(++clock.logId, sample(net.access, 1, rand)[0] ?? 0, state, at));
  }
  events.sort(() => rand() - 0.5);
  clock.at = base + 600;
  const start = now();
  const result = engine.apply(events);
  const took = ms(start);
  console.log(
    `  storm 10,000 events: ${fmt(took, 1)} ms (${fmt(10_000 / (took / 1000), 0)} events/s, ${result.spans.length} services, ${result.changes.length} transitions)`,
  );
}

function monthlyReport(engine: IncrementalEngine, isL: boolean): void {
  const from = Math.floor(T0 / DAY) * DAY - 15 * DAY;
  const period = { from, to: from + 30 * DAY, now: from + 30 * DAY };
  const start = now();
  let down = 0;
  for (const s of engine.services()) if (engine.figures(s.key, period).downtimeSeconds > 0) down++;
  const took = ms(start);
  const n = engine.services().length;
  console.log(
    `  monthly report ${n} services: ${fmt(took, 1)} ms (${down} with downtime)` +
      (isL ? `  ${mark(took < 2000)} (< 2 s)` : ''),
  );
}

function reachability(engine: IncrementalEngine, isL: boolean): void {
  const models = engine.services().map((s) => engine.model(s.key));
  const plain = new PlainBfs(engine.c);
  const flags = new Uint8Array(engine.c.keys.length);
  const ours = new FlagReach(engine.c);
  const run = (f: () => void) => {
    f();
    const start = now();
    f();
    return (ms(start) * 1000) / models.length;
  };
  const base = run(() => models.forEach((m) => plain.met(m.rule)));
  const eng = run(() => models.forEach((m) => ours.met(m.rule, flags, -1)));
  const evaluator = new StateEvaluator(engine.c);
  const group = run(() => evaluator.evaluateMany(models));
  const ratio = eng / base;
  console.log(
    `  reachability per service: typed-array BFS ${fmt(base, 2)} µs, engine ${fmt(eng, 2)} µs, ratio ${fmt(ratio)}x` +
      (isL ? `  ${mark(ratio <= 3)} (<= 3x)` : ''),
  );
  console.log(
    `  engine group pass, all services at once (met + at risk): ${fmt(group, 2)} µs per service, ${fmt(group / base)}x the BFS` +
      (isL ? `  ${mark(group / base <= 3)} (<= 3x)` : ''),
  );
}

function naive(engine: IncrementalEngine): void {
  const start = now();
  engine.recomputeAll();
  console.log(
    `  baseline naive full recomputation of every service: ${fmt(ms(start), 0)} ms per event`,
  );
}

/** 10,000 alerts and recoveries of random customer devices, a minute apart, for the database build. */
function storedEvents(net: Network): AlertEvent[] {
  const rand = mulberry32(7);
  return Array.from({ length: 10_000 }, (_, i) =>
    deviceEvent(i + 1, sample(net.customers, 1, rand)[0] ?? 0, i % 2 === 0 ? 1 : 0, T0 + 60 * i),
  );
}

async function runSize(size: Size): Promise<void> {
  const isL = size.name === 'L';
  console.log(
    `\n== ${size.name}: ${size.devices} devices, ${size.ports} ports, ${size.services} services`,
  );
  const start = now();
  const net = network(size);
  console.log(
    `  rows generated in ${fmt(ms(start) / 1000)} s (${net.inventory.links.length} links, ${net.inventory.ports.length} ports)`,
  );
  if (!dbOnly) {
    const engine = build(net, isL);
    const clock = { at: T0, logId: 0 };
    eventClasses(engine, net, clock, isL);
    reachability(engine, isL);
    storm(engine, net, clock);
    monthlyReport(engine, isL);
    naive(engine);
  }
  await databaseBuild(net, storedEvents(net), size.name);
  console.log(`  RSS at end (this process, the in-memory part): ${fmt(rssMb(), 0)} MB`);
}

function sizesFromArgs(argv: readonly string[]): Size[] {
  const i = argv.indexOf('--size');
  const wanted = i >= 0 ? (argv[i + 1] ?? '').toUpperCase().split(',') : ['S', 'M', 'L'];
  return wanted.map((w) => {
    const size = SIZES[w];
    if (size === undefined) throw new Error(`unknown size ${w} (S, M or L)`);
    return size;
  });
}

/** `--db-only`: only the graph build from the database (skips the in-memory measurements). */
const dbOnly = process.argv.includes('--db-only');
for (const size of sizesFromArgs(process.argv)) await runSize(size);
