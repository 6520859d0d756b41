// Re-evaluates chosen services over their changed windows: one time-ordered pass over the boundaries of their components.
import type { Interval } from '../domain/intervals.js';
import type { CompiledTopology } from './compiled.js';
import type { Transition } from './service-timeline.js';
import {
  sameState,
  type ServiceState,
  type StateEvaluator,
  type StateModel,
} from './service-state.js';

/** What a sweep reads: services' models, who watches each node, and down/covered intervals per node. */
export interface SweepSource {
  c: CompiledTopology;
  evaluator: StateEvaluator;
  models: readonly (StateModel | null)[];
  watchers: readonly (number[] | undefined)[];
  downOf: readonly (Interval[] | undefined)[];
  coveredOf: readonly (Interval[] | undefined)[];
}

interface Boundary {
  at: number;
  node: number;
  flags: Uint8Array;
  value: 0 | 1;
}

/** Marks the union of the affected services' dependency sets; returns its nodes. */
function region(
  src: SweepSource,
  affected: ReadonlyMap<number, Interval>,
  mark: Int32Array,
  epoch: number,
) {
  const nodes: number[] = [];
  for (const slot of affected.keys()) {
    for (const v of src.models[slot]?.deps ?? []) {
      if (mark[v] === epoch) continue;
      mark[v] = epoch;
      nodes.push(v);
    }
  }
  return nodes;
}

/** Sets the flags at `lo` and lists the later boundaries before `hi`, sorted by instant. */
function boundaries(
  src: SweepSource,
  nodes: readonly number[],
  lo: number,
  hi: number,
): Boundary[] {
  const out: Boundary[] = [];
  const { raw, covered } = src.evaluator;
  for (const node of nodes) {
    for (const [flags, list] of [
      [raw, src.downOf[node]],
      [covered, src.coveredOf[node]],
    ] as const) {
      for (const i of list ?? []) {
        if (i.start <= lo && lo < i.end) flags[node] = 1;
        if (i.start > lo && i.start < hi) out.push({ at: i.start, node, flags, value: 1 });
        if (i.end > lo && i.end < hi) out.push({ at: i.end, node, flags, value: 0 });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Reusable sweep state: stamps sized to nodes and to service slots. */
export class Sweeper {
  private readonly regionMark: Int32Array;
  private evalMark = new Int32Array(0);
  private epoch = 0;

  constructor(private readonly src: SweepSource) {
    this.regionMark = new Int32Array(src.c.keys.length);
  }

  /** Fresh transitions per slot over its window [start, end), the first at `start`. */
  run(affected: ReadonlyMap<number, Interval>): Map<number, Transition[]> {
    const src = this.src;
    if (this.evalMark.length < src.models.length)
      this.evalMark = new Int32Array(src.models.length * 2);
    const nodes = region(src, affected, this.regionMark, ++this.epoch);
    const starts = [...affected].sort((a, b) => a[1].start - b[1].start);
    const lo = starts[0]?.[1].start ?? 0;
    let hi = -Infinity;
    for (const [, w] of starts) hi = Math.max(hi, w.end);
    const list = boundaries(src, nodes, lo, hi);
    src.evaluator.anyCovered = nodes.some((v) => src.coveredOf[v] !== undefined);
    const fresh = new Map<number, Transition[]>();
    let p = 0;
    let k = 0;
    while (p < starts.length || k < list.length) {
      const t = Math.min(starts[p]?.[1].start ?? Infinity, list[k]?.at ?? Infinity);
      const due: number[] = [];
      const epoch = ++this.epoch;
      for (; p < starts.length && (starts[p]?.[1].start ?? 0) === t; p++)
        this.due(starts[p]?.[0] ?? 0, epoch, due);
      for (; k < list.length && (list[k] as Boundary).at === t; k++) {
        const b = list[k] as Boundary;
        b.flags[b.node] = b.value;
        for (const slot of src.watchers[b.node] ?? []) {
          const w = affected.get(slot);
          if (w !== undefined && w.start <= t && t < w.end) this.due(slot, epoch, due);
        }
      }
      this.evaluate(due, t, fresh);
    }
    for (const v of nodes) src.evaluator.raw[v] = src.evaluator.covered[v] = 0;
    return fresh;
  }

  private due(slot: number, epoch: number, due: number[]): void {
    if (this.evalMark[slot] === epoch) return;
    this.evalMark[slot] = epoch;
    due.push(slot);
  }

  private evaluate(due: readonly number[], at: number, fresh: Map<number, Transition[]>): void {
    const slots = due.filter((s) => this.src.models[s] != null);
    const states = this.src.evaluator.evaluateMany(
      slots.map((s) => this.src.models[s] as StateModel),
    );
    slots.forEach((slot, i) => {
      const state = states[i] as ServiceState;
      const list = fresh.get(slot) ?? [];
      const last = list[list.length - 1];
      if (last === undefined || !sameState(last, state)) {
        const { down, planned, atRisk, rootCause } = state;
        list.push({ at, down, planned, atRisk, rootCause });
      }
      fresh.set(slot, list);
    });
  }
}
