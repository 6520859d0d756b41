// Figures for the ingest benchmark: rate, latency percentiles, CPU shares, targets as PASS/MISS.
import type { PhaseResult } from './ingest-load.js';
import type { Check } from './ingest-verify.js';
import type { Exit } from './ingest-proc.js';

export interface Outcome {
  label: string;
  /** accepted/s target; null for the ceiling */
  target: number | null;
  result: PhaseResult;
  exit: Exit;
  rows: Check | null;
  durability: Check | null;
}

export const P99_TARGET_MS = 50;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function acceptedPerSecond(r: PhaseResult): number {
  return r.status.filter((s) => s === 202).length / (r.elapsedMs / 1000);
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function errorLine(r: PhaseResult): string {
  const bad = r.status.filter((s) => s !== 202 && s !== 0);
  const unsent = r.status.filter((s) => s === 0).length;
  const byStatus = new Map<number, number>();
  for (const s of bad) byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
  const parts = [...byStatus].map(([s, n]) => `${n} x ${s === -1 ? 'transport error' : s}`);
  const text = `errors ${bad.length}${parts.length ? ` (${parts.join(', ')})` : ''}`;
  return `${text}${unsent ? `, ${unsent} not sent before the deadline` : ''}`;
}

function cpuLine(r: PhaseResult): string {
  const share = (v: number | null | undefined) =>
    v == null ? 'n/a' : `${Math.round((100 * v) / r.elapsedMs)}%`;
  return Object.keys(r.cpuMs)
    .map((k) => `${k} ${share(r.cpuMs[k])}`)
    .join(', ');
}

/** Busy CPU time not spent by the processes we watch, as a share of one core. */
function otherWork(r: PhaseResult): number {
  let other = 0;
  for (const [k, v] of Object.entries(r.cpuMs)) other += (k.endsWith(' busy') ? 1 : -1) * (v ?? 0);
  return Math.max(0, other) / r.elapsedMs;
}

/** The block of lines for one run; figures only when its durability check passed. */
export function describe(o: Outcome): string[] {
  const pad = ' '.repeat(2);
  const head = `${o.label}`;
  if (o.durability && !o.durability.ok) {
    return [`${head}: REFUSED: durability not WAL/FULL/1: ${o.durability.lines.join('; ')}`];
  }
  const rate = acceptedPerSecond(o.result);
  const sorted = [...o.result.latencyMs].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const lines = [head];
  const rateTarget =
    o.target === null ? '' : `   target >= ${int(o.target)}  ${verdict(rate >= o.target)}`;
  lines.push(`${pad}accepted/s  ${int(rate)}${rateTarget}`);
  const latTarget =
    o.target === null ? '' : `   target p99 < ${P99_TARGET_MS} ms  ${verdict(p99 < P99_TARGET_MS)}`;
  lines.push(
    `${pad}latency     p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(sorted.at(-1) ?? NaN)}${latTarget}`,
  );
  const samples = o.result.errors.slice(0, 3);
  const eg = samples.length > 0 ? `; e.g. ${samples.join(' | ')}` : '';
  lines.push(`${pad}${errorLine(o.result)}${eg}`);
  lines.push(`${pad}CPU (share of one core during the measured phase): ${cpuLine(o.result)}`);
  const served = o.result.status.filter((s) => s !== 0).length;
  const perRequest = ((o.result.cpuMs.server ?? NaN) * 1000) / served;
  const bound = `at most ~${int(1e6 / perRequest)}/s on one uncontended core`;
  lines.push(`${pad}server CPU per request ${int(perRequest)} µs (CPU-bound: ${bound})`);
  const other = otherWork(o.result);
  if (other > 0.1) {
    const share = Math.round(100 * other);
    lines.push(
      `${pad}WARNING: other processes used ~${share}% of a core meanwhile; figures understate`,
    );
  }
  if (o.rows) lines.push(...o.rows.lines.map((l) => `${pad}rows: ${l}`));
  if (o.durability) lines.push(...o.durability.lines.map((l) => `${pad}durability: ${l}`));
  const stopped =
    o.exit.code === 0 ? 'exit 0' : `DID NOT EXIT 0 (code ${o.exit.code}, signal ${o.exit.signal})`;
  lines.push(`${pad}SIGTERM: ${stopped} after ${o.exit.ms} ms`);
  return lines;
}
