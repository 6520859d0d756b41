// Dependency set and single points of failure of a path rule (availability.md §4), via biconnected components.
import { biconnected } from './biconnected.js';
import type { CompiledTopology } from './compiled.js';
import type { CompiledPath } from './compiled-rule.js';
import { DependencyCache } from './dependency-cache.js';

export interface Dependencies {
  /** Node indices whose state can change the rule. */
  components: number[];
  /** Node indices whose failure alone (everything else up) breaks the rule. */
  spofs: number[];
}

/** The restricted graph: nodes valid paths can use, the `to` set contracted into one node. */
interface Restricted {
  adj: number[][];
  /** Global node index per local index; the super node (last) maps to -1. */
  global: number[];
  root: number;
  sink: number;
  tos: number[];
}

function restrict(
  c: CompiledTopology,
  rule: CompiledPath,
  cache: DependencyCache,
): Restricted | null {
  const isTo = (v: number) => rule.to.includes(v);
  const back = cache.backReach(rule.to);
  if (back[rule.from] !== 1) return null;
  const order = cache.forward(rule.from, isTo);
  const tos = rule.to.filter((t) => cache.reached(t) && back[t] === 1);
  if (back[rule.from] !== 1 || tos.length === 0) return null;
  cache.resetLocal();
  const global: number[] = [];
  for (const v of order) if (back[v] === 1 && !isTo(v)) cache.setLocal(v, global.push(v) - 1);
  const sink = global.push(-1) - 1;
  for (const t of tos) cache.setLocal(t, sink);
  const adj: Set<number>[] = global.map(() => new Set<number>());
  for (const u of [...global.slice(0, sink), ...tos]) {
    const a = cache.localOf(u);
    const end = c.offsets[u + 1] ?? 0;
    for (let k = c.offsets[u] ?? 0; k < end; k++) {
      const b = cache.localOf(c.targets[k] ?? 0);
      if (b >= 0 && a !== b) adj[a]?.add(b);
    }
  }
  const root = cache.localOf(rule.from);
  return { adj: pruneLeaves(adj, root, sink), global, root, sink, tos };
}

/**
 * Drops, repeatedly, nodes with at most one neighbour (other than root and sink): they lie on no
 * simple path between root and sink and separate nothing, so blocks and cuts are unchanged.
 */
function pruneLeaves(sets: Set<number>[], root: number, sink: number): number[][] {
  const stack: number[] = [];
  sets.forEach((s, v) => v !== root && v !== sink && s.size <= 1 && stack.push(v));
  while (stack.length > 0) {
    const v = stack.pop() ?? 0;
    for (const w of sets[v] ?? []) {
      const ws = sets[w];
      ws?.delete(v);
      if (ws !== undefined && w !== root && w !== sink && ws.size === 1) stack.push(w);
    }
    sets[v]?.clear();
  }
  return sets.map((s) => [...s]);
}

function toGlobal(r: Restricted, locals: Iterable<number>): number[] {
  return [...locals].flatMap((l) => (l === r.sink ? r.tos : [r.global[l] ?? -1]));
}

/** Components on at least one simple path from `from` to the contracted `to` set. */
function onSimplePaths(r: Restricted): number[] {
  const adj = r.adj.map((list) => [...list]);
  if (!adj[r.root]?.includes(r.sink)) {
    adj[r.root]?.push(r.sink);
    adj[r.sink]?.push(r.root);
  }
  const { blocks } = biconnected(adj, r.root);
  const isVirtual = (e: [number, number]) =>
    (e[0] === r.root && e[1] === r.sink) || (e[0] === r.sink && e[1] === r.root);
  const block = blocks.find((b) => b.some(isVirtual)) ?? [];
  return toGlobal(r, new Set(block.flat()));
}

/** Components on every path: `from`, cut vertices separating it from the sink, a lone `to`. */
function onEveryPath(r: Restricted): number[] {
  const { disc, last, separations } = biconnected(r.adj, r.root);
  const t = disc[r.sink] ?? -1;
  const cuts = new Set<number>([r.root]);
  for (const [cut, child] of separations) {
    if (cut !== r.root && (disc[child] ?? 0) <= t && t <= (last[child] ?? -1)) cuts.add(cut);
  }
  if (r.tos.length === 1) cuts.add(r.sink);
  return toGlobal(r, cuts);
}

/** Adds the device of every port in the list (its failure takes the port down). */
function withDevices(c: CompiledTopology, nodes: number[]): number[] {
  const out = new Set(nodes);
  for (const v of nodes) if ((c.deviceOf[v] ?? -1) >= 0) out.add(c.deviceOf[v] ?? 0);
  return [...out];
}

/**
 * The dependency set computed from the restricted graph (no shortcut, no memo): the reference the
 * shortcut is tested against.
 */
export function directPathDependencies(
  c: CompiledTopology,
  rule: CompiledPath,
  cache: DependencyCache = new DependencyCache(c),
): Dependencies {
  const named = [rule.from, ...rule.to];
  if (rule.to.includes(rule.from))
    return { components: withDevices(c, named), spofs: withDevices(c, [rule.from]) };
  const r = restrict(c, rule, cache);
  if (r === null) return { components: withDevices(c, named), spofs: [] };
  const spofs = withDevices(c, onEveryPath(r));
  return {
    components: withDevices(c, [...new Set([...onSimplePaths(r), ...named, ...spofs])]),
    spofs,
  };
}

/** Shortcuts taken in a row at most (a longer chain is answered directly). */
const MAX_HOPS = 64;

/**
 * A `from` in a tree hanging off the rest of the graph (`w` its parent towards it, no `to` below
 * it, neither of them a `to`, both reaching one) has every path leave through `w`: it
 * depends on itself and on what a path from `w` depends on, and so do its single points of failure.
 * A LAN port hangs from its device, a single-homed customer device from its access switch.
 */
function viaParent(c: CompiledTopology, rule: CompiledPath, cache: DependencyCache, hops: number) {
  const { from, to } = rule;
  const w = cache.parentOf(from);
  if (w < 0 || hops >= MAX_HOPS || to.includes(from) || to.includes(w)) return null;
  if (to.some((t) => cache.below(t, from))) return null;
  const back = cache.backReach(to);
  // `from` reaching a `to` means its move to `w` is valid: no `to` lies below it
  if (back[from] !== 1 || back[w] !== 1) return null;
  const inner = memoized(c, { kind: 'path', from: w, to }, cache, hops + 1);
  if (inner.spofs.length === 0) return null; // no path from w after all: let the direct way answer
  const own = withDevices(c, [from]);
  return {
    components: [...new Set([...own, ...inner.components])],
    spofs: [...new Set([...own, ...inner.spofs])],
  };
}

function memoized(
  c: CompiledTopology,
  rule: CompiledPath,
  cache: DependencyCache,
  hops: number,
): Dependencies {
  const key = `${rule.from}>${cache.toKey(rule.to)}`;
  let d = cache.known.get(key);
  if (d === undefined) {
    d = viaParent(c, rule, cache, hops) ?? directPathDependencies(c, rule, cache);
    cache.known.set(key, d);
  }
  return d;
}

/**
 * Dependency set of a path rule on the full topology (everything up), plus the named components,
 * and its single points of failure; devices of listed ports are added to both. Results are kept in
 * the cache per `from` and `to` set (services of one customer device share them).
 */
export function pathDependencies(
  c: CompiledTopology,
  rule: CompiledPath,
  cache: DependencyCache = new DependencyCache(c),
): Dependencies {
  const d = memoized(c, rule, cache, 0);
  return { components: [...d.components], spofs: [...d.spofs] };
}
