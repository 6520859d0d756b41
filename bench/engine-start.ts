// One engine start-up from a stored network, in its own process (RSS is this start-up's alone):
// `cold` (no mark), `restart` (from the stored mark), or `phases` (the cold start's steps timed one by one).
// Usage: tsx bench/engine-start.ts <sqlite path> cold|restart|phases <size name>
import type { EntityManager, Knex } from '@mikro-orm/knex';
import { pino } from 'pino';
import { createLogger } from '../src/config/logger.js';
import { commitTransitions, readMark } from '../src/db/engine-store.js';
import { lastEventId } from '../src/db/event-stream.js';
import { initOrm } from '../src/db/orm.js';
import {
  applyStored,
  engineOf,
  everySpan,
  loadInputs,
  transitionsIn,
} from '../src/services/engine-build.js';
import { EngineHost } from '../src/services/engine-host.js';
import { EventBus } from '../src/services/event-bus.js';
import { fmt, mark, ms, now, rssMb } from './engine-measure.js';

const [path, mode, size] = process.argv.slice(2);
const isL = size === 'L';

const peakMb = () => process.resourceUsage().maxRSS / 1024;

/** CPU seconds (user + system) since `from`: less disturbed than wall time on a shared machine. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
};

async function transitionCount(knex: Knex): Promise<number> {
  const row = (await knex('service_transitions').count({ n: '*' }).first()) as { n: number };
  return Number(row.n);
}

function memory(): string {
  const rss = rssMb();
  const peak = peakMb();
  const verdict = isL ? `  ${mark(peak < 1536)} (peak < 1.5 GB)` : '';
  return `RSS ${fmt(rss, 0)} MB, peak RSS ${fmt(peak, 0)} MB${verdict}`;
}

async function hostStart(fork: () => EntityManager, knex: Knex, label: string): Promise<void> {
  const logger = createLogger('error', pino.destination({ fd: 2, sync: true }));
  const host = new EngineHost({ fork, bus: new EventBus(), logger });
  const before = await readMark(knex);
  const start = now();
  const cpu = process.cpuUsage();
  await host.start();
  const took = ms(start);
  const cpuSeconds = cpuSince(cpu);
  const problems = await host.check();
  const after = await readMark(knex);
  const verdict = isL ? `  ${mark(took < 20_000)} (< 20 s)` : '';
  console.log(
    `  ${label}: ${fmt(took / 1000)} s (cpu ${fmt(cpuSeconds)} s)${verdict}, ${memory()}` +
      (problems.length > 0 ? `  (${problems.join('; ')})` : ''),
  );
  const resumed = before.inputsDigest === after.inputsDigest ? 'same inputs' : 'new inputs';
  console.log(
    `    mark ${before.appliedThroughEventId} -> ${after.appliedThroughEventId} (${resumed}), ${await transitionCount(knex)} transitions stored`,
  );
  await host.close();
}

/** The cold start's steps, each timed: read, compile, apply the log, collect rows, full write. */
async function phases(fork: () => EntityManager, knex: Knex): Promise<void> {
  const step = async <T>(label: string, f: () => Promise<T> | T): Promise<T> => {
    const start = now();
    const cpu = process.cpuUsage();
    const value = await f();
    const took = `${fmt(ms(start) / 1000)} s (cpu ${fmt(cpuSince(cpu))} s)`;
    console.log(`    ${label}: ${took}, ${memory()}`);
    return value;
  };
  console.log('  cold start, step by step:');
  const inputs = await step('read the inventory (plain SQL)', () => loadInputs(fork()));
  const engine = await step('compile and evaluate every service', () => engineOf(inputs));
  const through = await lastEventId(knex);
  await step(`apply the ${through} stored events`, () => applyStored(fork(), engine, 0, through));
  const spans = everySpan(engine);
  const rows = await step('collect every transition', () => transitionsIn(engine, spans));
  const mark = { appliedThroughEventId: through, inputsDigest: inputs.digest };
  await step(`first full write of ${rows.length} transitions (one transaction)`, () =>
    commitTransitions(knex, { spans, transitions: rows }, mark, true),
  );
}

const orm = await initOrm({ dialect: 'sqlite', path: path ?? '' });
try {
  const fork = () => orm.em.fork() as EntityManager;
  const knex = fork().getKnex();
  if (mode === 'cold') await hostStart(fork, knex, 'graph build from the database, cold start');
  else if (mode === 'restart') await hostStart(fork, knex, 'restart from the stored mark');
  else await phases(fork, knex);
} finally {
  await orm.close();
}
