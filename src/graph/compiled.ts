// Compact view of a topology for the hot paths: CSR adjacency (Int32Array), role rank and port->device per node index.
import { roleRank } from '../domain/roles.js';
import type { Topology } from './topology.js';

export interface CompiledTopology {
  /** Node key per index. */
  keys: string[];
  index: ReadonlyMap<string, number>;
  /** Neighbours of node i are targets[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array;
  targets: Int32Array;
  /** Role rank per node (customer 0 .. core 3), -1 when neutral. */
  rank: Int8Array;
  /** For a port, the index of its device; -1 otherwise. */
  deviceOf: Int32Array;
}

/** Compiles a graphology topology; node and neighbour order follow the graph's insertion order. */
export function compileTopology(graph: Topology): CompiledTopology {
  const keys = graph.nodes();
  const index = new Map(keys.map((k, i) => [k, i]));
  const offsets = new Int32Array(keys.length + 1);
  const targets = new Int32Array(graph.size * 2);
  const rank = new Int8Array(keys.length);
  const deviceOf = new Int32Array(keys.length).fill(-1);
  let next = 0;
  keys.forEach((key, i) => {
    offsets[i] = next;
    for (const n of graph.neighbors(key)) targets[next++] = index.get(n) ?? -1;
    const attrs = graph.getNodeAttributes(key);
    rank[i] = roleRank(attrs.role);
    if (attrs.device !== null) deviceOf[i] = index.get(attrs.device) ?? -1;
  });
  offsets[keys.length] = next;
  return { keys, index, offsets, targets, rank, deviceOf };
}

/** Calls `visit` for each neighbour of node `u`. */
export function forEachNeighbour(c: CompiledTopology, u: number, visit: (v: number) => void): void {
  const end = c.offsets[u + 1] ?? 0;
  for (let k = c.offsets[u] ?? 0; k < end; k++) visit(c.targets[k] ?? -1);
}

/** A valid move never steps from a higher role to a lower one; neutral components impose nothing. */
export function canMove(c: CompiledTopology, u: number, v: number): boolean {
  const ru = c.rank[u] ?? -1;
  const rv = c.rank[v] ?? -1;
  return ru < 0 || rv < 0 || rv >= ru;
}

/** Index of a key; throws when the key is not in the topology (a programming error). */
export function nodeIndex(c: CompiledTopology, key: string): number {
  const i = c.index.get(key);
  if (i === undefined) throw new RangeError(`component ${key} is not in the topology`);
  return i;
}
