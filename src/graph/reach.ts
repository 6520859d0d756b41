// Breadth-first reach by valid moves over a compiled topology, forwards (from sources) or backwards (towards them).
import { canMove, type CompiledTopology } from './compiled.js';

export interface Reach {
  /** 1 for every node reached (sources included when they pass). */
  seen: Uint8Array;
  /** Nodes in the order they were reached. */
  order: number[];
}

type Test = (v: number) => boolean;

function bfs(
  c: CompiledTopology,
  sources: readonly number[],
  pass: Test,
  expand: Test,
  back: boolean,
) {
  const seen = new Uint8Array(c.keys.length);
  const order: number[] = [];
  for (const s of sources) {
    if (seen[s] === 0 && pass(s)) {
      seen[s] = 1;
      order.push(s);
    }
  }
  for (let head = 0; head < order.length; head++) {
    const u = order[head] ?? 0;
    if (!expand(u)) continue;
    const end = c.offsets[u + 1] ?? 0;
    for (let k = c.offsets[u] ?? 0; k < end; k++) {
      const v = c.targets[k] ?? 0;
      if (seen[v] === 1 || !(back ? canMove(c, v, u) : canMove(c, u, v)) || !pass(v)) continue;
      seen[v] = 1;
      order.push(v);
    }
  }
  return { seen, order };
}

/** Nodes reachable from `sources` by valid moves through nodes that `pass`; only `expand` nodes are left. */
export function reachForward(
  c: CompiledTopology,
  sources: readonly number[],
  pass: Test,
  expand: Test,
): Reach {
  return bfs(c, sources, pass, expand, false);
}

/** Nodes from which a valid move sequence through passing nodes reaches `sources`. */
export function reachBackward(
  c: CompiledTopology,
  sources: readonly number[],
  pass: Test,
  expand: Test,
): Reach {
  return bfs(c, sources, pass, expand, true);
}
