// Root causes on flag arrays with the batch semantics: only the service's own dependency set counts as down.
import { canMove, type CompiledTopology } from './compiled.js';
import type { CompiledPath, CompiledRule } from './compiled-rule.js';
import type { FlagReach } from './flag-reach.js';

/**
 * Same answers as `evaluateRule(...).causes` on raw claims restricted to the dependency set, but
 * T (nodes reaching an up `to`) is explored lazily around the walk instead of over the whole graph.
 * `walker` answers whether combinator parts are met (that needs no restriction: every valid path
 * lies inside the dependency set).
 */
export class ScopedCause {
  private readonly inDeps: Int32Array;
  private readonly memo: Int32Array;
  private readonly memoYes: Uint8Array;
  private readonly seen: Int32Array;
  private readonly queue: Int32Array;
  private readonly walkSeen: Int32Array;
  private readonly walkQueue: Int32Array;
  private walkEpoch = 0;
  private depEpoch = 0;
  private memoEpoch = 0;
  private seenEpoch = 0;
  private raw: Uint8Array = new Uint8Array(0);
  private to: readonly number[] = [];

  constructor(
    readonly c: CompiledTopology,
    private readonly walker: FlagReach,
  ) {
    const n = c.keys.length;
    this.inDeps = new Int32Array(n);
    this.memo = new Int32Array(n);
    this.memoYes = new Uint8Array(n);
    this.seen = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.walkSeen = new Int32Array(n);
    this.walkQueue = new Int32Array(n);
  }

  /** Root-cause node indices of a rule that is not met, as in `evaluateRule`. */
  causes(rule: CompiledRule, deps: Int32Array, raw: Uint8Array): number[] {
    const epoch = ++this.depEpoch;
    for (const v of deps) this.inDeps[v] = epoch;
    this.raw = raw;
    return this.ofRule(rule);
  }

  private ofRule(rule: CompiledRule): number[] {
    if (rule.kind === 'ref') return this.down(rule.node) ? [this.reported(rule.node)] : [];
    if (rule.kind === 'path') return this.ofPath(rule);
    const out = new Set<number>();
    let met = 0;
    for (const p of rule.parts) {
      if (this.walker.met(p, this.raw, -1)) met++;
      else for (const v of this.ofRule(p)) out.add(v);
    }
    return met >= rule.need ? [] : [...out];
  }

  private rawS(v: number): boolean {
    return v >= 0 && this.raw[v] === 1 && this.inDeps[v] === this.depEpoch;
  }

  private down(v: number): boolean {
    return this.rawS(v) || this.rawS(this.c.deviceOf[v] ?? -1);
  }

  private reported(v: number): number {
    const d = this.c.deviceOf[v] ?? -1;
    return !this.rawS(v) && this.rawS(d) ? d : v;
  }

  private ofPath(rule: CompiledPath): number[] {
    const upTos = rule.to.filter((t) => !this.down(t));
    if (upTos.length === 0) return [...new Set(rule.to.map((t) => this.reported(t)))];
    this.to = upTos;
    this.memoEpoch++;
    if (this.inT(rule.from)) return [];
    return this.walk(rule.from);
  }

  /** BFS from `from` through nodes outside T; stops at causes (down, touching T). */
  private walk(from: number): number[] {
    const { c, walkSeen: seen, walkQueue: queue } = this;
    const epoch = ++this.walkEpoch;
    const out = new Set<number>();
    seen[from] = epoch;
    queue[0] = from;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const u = queue[head] ?? 0;
      if (this.down(u) && this.touches(u)) {
        out.add(this.reported(u));
        continue;
      }
      const end = c.offsets[u + 1] ?? 0;
      for (let k = c.offsets[u] ?? 0; k < end; k++) {
        const v = c.targets[k] ?? 0;
        if (seen[v] === epoch || !canMove(c, u, v) || this.inT(v)) continue;
        seen[v] = epoch;
        queue[tail++] = v;
      }
    }
    return [...out];
  }

  private touches(v: number): boolean {
    const c = this.c;
    const end = c.offsets[v + 1] ?? 0;
    for (let k = c.offsets[v] ?? 0; k < end; k++) {
      const w = c.targets[k] ?? 0;
      if (canMove(c, v, w) && this.inT(w)) return true;
    }
    return false;
  }

  /** Whether `y` is up and a valid path through up nodes reaches an up `to` (memoised per walk). */
  private inT(y: number): boolean {
    if (this.memo[y] === this.memoEpoch) return this.memoYes[y] === 1;
    return this.search(y);
  }

  private search(y: number): boolean {
    const { c, seen, queue, memo, memoYes, memoEpoch } = this;
    const epoch = ++this.seenEpoch;
    if (this.down(y)) return this.remember(y, false);
    seen[y] = epoch;
    queue[0] = y;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const u = queue[head] ?? 0;
      if (this.to.includes(u)) return this.remember(y, true);
      const end = c.offsets[u + 1] ?? 0;
      for (let k = c.offsets[u] ?? 0; k < end; k++) {
        const v = c.targets[k] ?? 0;
        if (seen[v] === epoch || !canMove(c, u, v) || this.down(v)) continue;
        if (memo[v] === memoEpoch) {
          if (memoYes[v] === 1) return this.remember(y, true);
          continue;
        }
        seen[v] = epoch;
        queue[tail++] = v;
      }
    }
    for (let i = 0; i < tail; i++) this.remember(queue[i] ?? 0, false);
    return false;
  }

  private remember(v: number, yes: boolean): boolean {
    this.memo[v] = this.memoEpoch;
    this.memoYes[v] = yes ? 1 : 0;
    return yes;
  }
}
