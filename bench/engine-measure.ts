// Timing helpers and baselines for the engine benchmark: percentiles, a plain typed-array BFS, event series.
import type { CompiledTopology } from '../src/graph/compiled.js';
import type { CompiledRule } from '../src/graph/compiled-rule.js';

export function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function now(): bigint {
  return process.hrtime.bigint();
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

export function mark(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}

export function fmt(n: number, digits = 2): string {
  return n.toFixed(digits);
}

/**
 * Baseline: the simplest typed-array BFS answering "is some `to` reachable from `from` by valid
 * moves with everything up", allocation-free, with an early stop at the first `to`.
 */
export class PlainBfs {
  private readonly seen: Int32Array;
  private readonly queue: Int32Array;
  private readonly isTo: Int32Array;
  private epoch = 0;

  constructor(private readonly c: CompiledTopology) {
    this.seen = new Int32Array(c.keys.length);
    this.queue = new Int32Array(c.keys.length);
    this.isTo = new Int32Array(c.keys.length);
  }

  reach(from: number, to: readonly number[]): boolean {
    const { offsets, targets, rank } = this.c;
    const epoch = ++this.epoch;
    for (const t of to) this.isTo[t] = epoch;
    if (this.isTo[from] === epoch) return true;
    this.seen[from] = epoch;
    this.queue[0] = from;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const u = this.queue[head] as number;
      const ru = rank[u] as number;
      for (let k = offsets[u] as number, end = offsets[u + 1] as number; k < end; k++) {
        const v = targets[k] as number;
        if (this.seen[v] === epoch) continue;
        const rv = rank[v] as number;
        if (ru >= 0 && rv >= 0 && rv < ru) continue;
        if (this.isTo[v] === epoch) return true;
        this.seen[v] = epoch;
        this.queue[tail++] = v;
      }
    }
    return false;
  }

  /** A rule's reachability questions with everything up (met when any / enough parts reach). */
  met(rule: CompiledRule): boolean {
    if (rule.kind === 'ref') return true;
    if (rule.kind === 'path') return this.reach(rule.from, rule.to);
    let met = 0;
    for (const p of rule.parts) if (this.met(p) && ++met >= rule.need) return true;
    return false;
  }
}
