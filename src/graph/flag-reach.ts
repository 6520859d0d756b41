// Hot-path reachability on flag arrays: early-stopping BFS over the CSR view with reusable stamp buffers.
import type { CompiledTopology } from './compiled.js';
import type { CompiledRule } from './compiled-rule.js';

/** Reusable BFS buffers sized to the topology; `epoch` stamps replace clearing. */
export class FlagReach {
  readonly seen: Int32Array;
  readonly queue: Int32Array;
  readonly parent: Int32Array;
  private readonly toMark: Int32Array;
  private epoch = 0;
  /** Number of nodes dequeued since construction (a work counter for benchmarks). */
  visits = 0;

  constructor(readonly c: CompiledTopology) {
    const n = c.keys.length;
    this.seen = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.toMark = new Int32Array(n);
  }

  /** Effective down under `flags`, with `extra` (and its ports) also failing; -1 for none. */
  isDown(flags: Uint8Array, extra: number, v: number): boolean {
    if (flags[v] === 1 || v === extra) return true;
    const d = this.c.deviceOf[v] ?? -1;
    return d >= 0 && (flags[d] === 1 || d === extra);
  }

  /**
   * Whether `from` is up and a valid path through up nodes reaches an up `to` (the path ends at
   * the first `to`). On success `parent` links the found `to` back to `from`; returns that node
   * or -1.
   */
  reach(from: number, to: readonly number[], flags: Uint8Array, extra: number): number {
    if (this.isDown(flags, extra, from)) return -1;
    const { c, seen, queue, parent, toMark } = this;
    const epoch = ++this.epoch;
    for (const t of to) toMark[t] = epoch;
    if (toMark[from] === epoch) return from;
    seen[from] = epoch;
    parent[from] = -1;
    queue[0] = from;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const u = queue[head] ?? 0;
      this.visits++;
      const ru = c.rank[u] ?? -1;
      const end = c.offsets[u + 1] ?? 0;
      for (let k = c.offsets[u] ?? 0; k < end; k++) {
        const v = c.targets[k] ?? 0;
        if (seen[v] === epoch) continue;
        const rv = c.rank[v] ?? -1;
        if (ru >= 0 && rv >= 0 && rv < ru) continue;
        if (this.isDown(flags, extra, v)) continue;
        seen[v] = epoch;
        parent[v] = u;
        if (toMark[v] === epoch) return v;
        queue[tail++] = v;
      }
    }
    return -1;
  }

  /** Nodes of the path found by the last successful `reach`, from the found `to` back to `from`. */
  pathTo(found: number): number[] {
    const out: number[] = [];
    for (let v = found; v >= 0; v = this.parent[v] ?? -1) out.push(v);
    return out;
  }

  /** Whether the rule is met under `flags` with `extra` also failing. */
  met(rule: CompiledRule, flags: Uint8Array, extra: number): boolean {
    if (rule.kind === 'ref') return !this.isDown(flags, extra, rule.node);
    if (rule.kind === 'path') return this.reach(rule.from, rule.to, flags, extra) >= 0;
    let met = 0;
    let left = rule.parts.length;
    for (const p of rule.parts) {
      if (this.met(p, flags, extra) && ++met >= rule.need) return true;
      if (met + --left < rule.need) return false;
    }
    return false;
  }
}
