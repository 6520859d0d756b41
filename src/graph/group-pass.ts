// One pass for all path services sharing a `to` set: T (nodes reaching an up `to`) and its dominator tree.
import type { CompiledTopology } from './compiled.js';

/**
 * Over a marked region with effective-down flags, walks the reversed valid-move graph from a
 * virtual sink joined to the up `to` nodes. A node is in T iff it is reached; its dominators are
 * the nodes on every valid path from it to an up `to` (Cooper-Harvey-Kennedy, iterative).
 */
export class GroupPass {
  /** Postorder number per node (valid while `stamp` holds the pass). */
  private readonly post: Int32Array;
  private readonly stamp: Int32Array;
  private readonly idom: Int32Array;
  private readonly nodeAt: Int32Array;
  private readonly stackNode: Int32Array;
  private readonly stackEdge: Int32Array;
  private readonly toMark: Int32Array;
  private epoch = 0;
  private count = 0;

  constructor(private readonly c: CompiledTopology) {
    const n = c.keys.length + 1;
    this.post = new Int32Array(n);
    this.stamp = new Int32Array(n);
    this.idom = new Int32Array(n);
    this.nodeAt = new Int32Array(n);
    this.stackNode = new Int32Array(n);
    this.stackEdge = new Int32Array(n);
    this.toMark = new Int32Array(n);
  }

  /** Runs the pass; `usable(v)` says v is in the region and effectively up. */
  run(to: readonly number[], usable: (v: number) => boolean): void {
    const epoch = ++this.epoch;
    for (const t of to) this.toMark[t] = epoch;
    this.count = 0;
    for (const t of to) if (this.stamp[t] !== epoch && usable(t)) this.dfs(t, usable);
    const sink = this.count++;
    this.nodeAt[sink] = -1;
    this.idom[sink] = sink;
    this.dominators(sink);
  }

  /** Whether `v` reaches an up `to` by a valid path through usable nodes. */
  inT(v: number): boolean {
    return this.stamp[v] === this.epoch;
  }

  /** Nodes on every such path from `v` (excluding `v`, the virtual sink excluded), nearest first. */
  dominatorsOf(v: number): number[] {
    const out: number[] = [];
    const sink = this.count - 1;
    for (let p = this.idom[this.post[v] ?? 0] ?? sink; p !== sink; p = this.idom[p] ?? sink) {
      out.push(this.nodeAt[p] ?? -1);
    }
    return out;
  }

  /**
   * Devices whose failure may cut every path although neither they nor one of their ports is a
   * dominator: devices of ports in T that are a `to` or have two or more links.
   */
  deviceCandidates(): number[] {
    const { c, nodeAt, toMark, epoch } = this;
    const out = new Set<number>();
    for (let i = 0; i < this.count - 1; i++) {
      const v = nodeAt[i] ?? 0;
      const d = c.deviceOf[v] ?? -1;
      if (d < 0) continue;
      const links = (c.offsets[v + 1] ?? 0) - (c.offsets[v] ?? 0) - 1;
      if (toMark[v] === epoch || links >= 2) out.add(d);
    }
    return [...out];
  }

  /** Reversed moves: from w to every usable non-`to` v with a valid move v -> w. Postorder numbering. */
  private dfs(root: number, usable: (v: number) => boolean): void {
    const { c, stamp, stackNode, stackEdge, toMark, epoch } = this;
    stamp[root] = epoch;
    stackNode[0] = root;
    stackEdge[0] = c.offsets[root] ?? 0;
    let top = 0;
    while (top >= 0) {
      const w = stackNode[top] ?? 0;
      const k = stackEdge[top] ?? 0;
      if (k < (c.offsets[w + 1] ?? 0)) {
        stackEdge[top] = k + 1;
        const v = c.targets[k] ?? 0;
        if (stamp[v] === epoch || toMark[v] === epoch || !this.moves(v, w) || !usable(v)) continue;
        stamp[v] = epoch;
        stackNode[++top] = v;
        stackEdge[top] = c.offsets[v] ?? 0;
        continue;
      }
      this.post[w] = this.count;
      this.nodeAt[this.count++] = w;
      top--;
    }
  }

  private moves(u: number, v: number): boolean {
    const ru = this.c.rank[u] ?? -1;
    const rv = this.c.rank[v] ?? -1;
    return ru < 0 || rv < 0 || rv >= ru;
  }

  /** Predecessors in the reversed graph of v: the sink for a `to`, else its forward valid moves in T. */
  private dominators(sink: number): void {
    const { c, idom, post, nodeAt, toMark, epoch } = this;
    for (let i = 0; i < sink; i++) idom[i] = -1;
    for (let changed = true; changed;) {
      changed = false;
      for (let i = sink - 1; i >= 0; i--) {
        const v = nodeAt[i] ?? 0;
        let best = -1;
        if (toMark[v] === epoch) best = sink;
        else {
          const end = c.offsets[v + 1] ?? 0;
          for (let k = c.offsets[v] ?? 0; k < end; k++) {
            const w = c.targets[k] ?? 0;
            if (!this.inT(w) || !this.moves(v, w)) continue;
            const p = post[w] ?? 0;
            if (idom[p] === -1) continue;
            best = best === -1 ? p : this.intersect(p, best);
          }
        }
        if (best !== idom[i]) {
          idom[i] = best;
          changed = true;
        }
      }
    }
  }

  private intersect(a: number, b: number): number {
    const idom = this.idom;
    while (a !== b) {
      while (a < b) a = idom[a] ?? b;
      while (b < a) b = idom[b] ?? a;
    }
    return a;
  }
}
