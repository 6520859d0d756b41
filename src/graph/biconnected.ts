// Biconnected components (Tarjan, iterative) of a small undirected graph given as adjacency lists.

export interface Biconnected {
  /** Each block as its list of edges [u, v]. */
  blocks: [number, number][][];
  /** Discovery time per vertex, -1 when not reached from the root. */
  disc: Int32Array;
  /** Largest discovery time within each vertex's DFS subtree. */
  last: Int32Array;
  /** Pairs [cut, child]: removing `cut` separates `child`'s DFS subtree from the rest. */
  separations: [number, number][];
}

interface Frame {
  v: number;
  i: number;
}

/** Runs one DFS from `root` over `adj` (simple graph: no self loops, no parallel edges). */
export function biconnected(adj: readonly (readonly number[])[], root: number): Biconnected {
  const n = adj.length;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const last = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n).fill(-1);
  const blocks: [number, number][][] = [];
  const separations: [number, number][] = [];
  const edges: [number, number][] = [];
  const frames: Frame[] = [{ v: root, i: 0 }];
  let time = 0;
  disc[root] = low[root] = time++;
  while (frames.length > 0) {
    const top = frames[frames.length - 1] as Frame;
    const v = top.v;
    const next = adj[v]?.[top.i++];
    if (next !== undefined) {
      if (disc[next] === -1) {
        parent[next] = v;
        edges.push([v, next]);
        disc[next] = low[next] = time++;
        frames.push({ v: next, i: 0 });
      } else if (next !== parent[v] && (disc[next] ?? 0) < (disc[v] ?? 0)) {
        low[v] = Math.min(low[v] ?? 0, disc[next] ?? 0);
        edges.push([v, next]);
      }
      continue;
    }
    frames.pop();
    last[v] = time - 1;
    const p = parent[v] ?? -1;
    if (p < 0) continue;
    low[p] = Math.min(low[p] ?? 0, low[v] ?? 0);
    if ((low[v] ?? 0) >= (disc[p] ?? 0)) {
      separations.push([p, v]);
      blocks.push(popBlock(edges, p, v));
    }
  }
  return { blocks, disc, last, separations };
}

function popBlock(edges: [number, number][], p: number, v: number): [number, number][] {
  const block: [number, number][] = [];
  for (;;) {
    const e = edges.pop();
    if (e === undefined) return block;
    block.push(e);
    if (e[0] === p && e[1] === v) return block;
  }
}
