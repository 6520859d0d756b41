// Reusable scratch for dependency sets: backward reach cached per `to` set, stamp-based forward reach.
import { canMove, type CompiledTopology } from './compiled.js';
import { reachBackward } from './reach.js';

/** One cache per compiled topology; dependency sets of many services share its work. */
export class DependencyCache {
  private readonly back = new Map<string, Uint8Array>();
  /** Dependency sets of path rules already computed, by `from>toKey` (the topology never changes). */
  readonly known = new Map<string, { components: number[]; spofs: number[] }>();
  private readonly stamp: Int32Array;
  private readonly queue: Int32Array;
  private epoch = 0;

  constructor(readonly c: CompiledTopology) {
    this.stamp = new Int32Array(c.keys.length);
    this.queue = new Int32Array(c.keys.length);
    this.local = new Int32Array(c.keys.length);
    this.localStamp = new Int32Array(c.keys.length);
  }

  private parents: Int32Array | null = null;

  /**
   * The neighbour `v` hangs from when nodes of degree one are peeled off repeatedly (trees hanging
   * off the rest of the graph); -1 for a node that is never peeled or is the last of its tree.
   */
  parentOf(v: number): number {
    this.parents ??= peel(this.c);
    return this.parents[v] ?? -1;
  }

  /** Whether `v` lies in the tree that hangs from `top` (below it). */
  below(v: number, top: number): boolean {
    for (let x = this.parentOf(v); x >= 0; x = this.parentOf(x)) if (x === top) return true;
    return false;
  }

  /** A `to` set as text, the same whatever its order. */
  toKey(to: readonly number[]): string {
    return to.length === 1 ? String(to[0]) : [...to].sort((a, b) => a - b).join(',');
  }

  /** Nodes from which a valid path reaches one of `to` (all taken as up), as flags. */
  backReach(to: readonly number[]): Uint8Array {
    const key = this.toKey(to);
    let seen = this.back.get(key);
    if (seen === undefined) {
      const all = () => true;
      seen = reachBackward(this.c, to, all, all).seen;
      this.back.set(key, seen);
    }
    return seen;
  }

  /** Local numbering of nodes for one restricted graph (valid while `localEpoch` holds). */
  readonly local: Int32Array;
  private readonly localStamp: Int32Array;
  private localEpoch = 0;

  /** Starts a new local numbering. */
  resetLocal(): void {
    this.localEpoch++;
  }

  setLocal(v: number, i: number): void {
    this.localStamp[v] = this.localEpoch;
    this.local[v] = i;
  }

  localOf(v: number): number {
    return this.localStamp[v] === this.localEpoch ? (this.local[v] ?? -1) : -1;
  }

  /** Whether `v` was reached by the last `forward` call. */
  reached(v: number): boolean {
    return this.stamp[v] === this.epoch;
  }

  /** Nodes reached from `from` by valid moves (everything up), never leaving a `to`; leaves skipped. */
  forward(from: number, isTo: (v: number) => boolean): Int32Array {
    const { c, stamp, queue } = this;
    const epoch = ++this.epoch;
    stamp[from] = epoch;
    queue[0] = from;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const u = queue[head] ?? 0;
      if (isTo(u)) continue;
      const end = c.offsets[u + 1] ?? 0;
      for (let k = c.offsets[u] ?? 0; k < end; k++) {
        const v = c.targets[k] ?? 0;
        if (stamp[v] === epoch || !canMove(c, u, v)) continue;
        // a node with one neighbour lies on no simple path (unless it is a `to`)
        if ((c.offsets[v + 1] ?? 0) - (c.offsets[v] ?? 0) <= 1 && !isTo(v)) continue;
        stamp[v] = epoch;
        queue[tail++] = v;
      }
    }
    return queue.slice(0, tail);
  }
}

/** Parents of the peeled nodes (see `parentOf`), in one pass over degrees. */
function peel(c: CompiledTopology): Int32Array {
  const n = c.keys.length;
  const parent = new Int32Array(n).fill(-1);
  const degree = new Int32Array(n);
  const gone = new Uint8Array(n);
  const stack: number[] = [];
  for (let v = 0; v < n; v++) {
    degree[v] = (c.offsets[v + 1] ?? 0) - (c.offsets[v] ?? 0);
    if (degree[v] === 1) stack.push(v);
  }
  while (stack.length > 0) {
    const v = stack.pop() ?? 0;
    if (gone[v] === 1 || degree[v] !== 1) continue;
    gone[v] = 1;
    const end = c.offsets[v + 1] ?? 0;
    for (let k = c.offsets[v] ?? 0; k < end; k++) {
      const u = c.targets[k] ?? 0;
      if (gone[u] === 1) continue;
      parent[v] = u;
      degree[u] = (degree[u] ?? 0) - 1;
      if (degree[u] === 1) stack.push(u);
    }
  }
  return parent;
}
