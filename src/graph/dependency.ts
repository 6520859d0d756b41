// Dependency set and single points of failure of a path rule (availability.md §4), via biconnected components.
import { biconnected } from './biconnected.js';
import type { CompiledTopology } from './compiled.js';
import type { CompiledPath } from './compiled-rule.js';
import { reachBackward, reachForward } from './reach.js';

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

function restrict(c: CompiledTopology, rule: CompiledPath): Restricted | null {
  const isTo = new Uint8Array(c.keys.length);
  for (const t of rule.to) isTo[t] = 1;
  const all = () => true;
  const fwd = reachForward(c, [rule.from], all, (v) => isTo[v] === 0).seen;
  const back = reachBackward(c, rule.to, all, all).seen;
  const inR = (v: number) => fwd[v] === 1 && back[v] === 1;
  const tos = rule.to.filter(inR);
  if (!inR(rule.from) || tos.length === 0) return null;
  const local = new Int32Array(c.keys.length).fill(-1);
  const global: number[] = [];
  for (let v = 0; v < c.keys.length; v++) {
    if (inR(v) && isTo[v] === 0) local[v] = global.push(v) - 1;
  }
  const sink = global.push(-1) - 1;
  for (const t of tos) local[t] = sink;
  const adj: Set<number>[] = global.map(() => new Set<number>());
  for (const u of [...global.slice(0, sink), ...tos]) {
    const end = c.offsets[u + 1] ?? 0;
    for (let k = c.offsets[u] ?? 0; k < end; k++) {
      const a = local[u] ?? -1;
      const b = local[c.targets[k] ?? 0] ?? -1;
      if (b >= 0 && a !== b) adj[a]?.add(b);
    }
  }
  return { adj: adj.map((s) => [...s]), global, root: local[rule.from] ?? 0, sink, tos };
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
 * Dependency set of a path rule on the full topology (everything up), plus the named components,
 * and its single points of failure; devices of listed ports are added to both.
 */
export function pathDependencies(c: CompiledTopology, rule: CompiledPath): Dependencies {
  const named = [rule.from, ...rule.to];
  if (rule.to.includes(rule.from))
    return { components: withDevices(c, named), spofs: withDevices(c, [rule.from]) };
  const r = restrict(c, rule);
  if (r === null) return { components: withDevices(c, named), spofs: [] };
  const spofs = withDevices(c, onEveryPath(r));
  return {
    components: withDevices(c, [...new Set([...onSimplePaths(r), ...named, ...spofs])]),
    spofs,
  };
}
