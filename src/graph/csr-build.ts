// Builds the compact CSR topology straight from device/port/link rows (no graphology), for large inventories.
import { deviceRef, portRef } from '../domain/refs.js';
import { roleRank } from '../domain/roles.js';
import type { CompiledTopology } from './compiled.js';
import type { TopologyInput } from './topology.js';

/** Edge key of an unordered pair of node indices (indices stay below 2^26). */
const PAIR = 2 ** 26;

class Builder {
  readonly keys: string[] = [];
  readonly index = new Map<string, number>();
  readonly rank: number[] = [];
  readonly deviceOf: number[] = [];
  readonly edgeA: number[] = [];
  readonly edgeB: number[] = [];
  private readonly pairs = new Set<number>();

  node(key: string): number {
    const known = this.index.get(key);
    if (known !== undefined) return known;
    const i = this.keys.push(key) - 1;
    this.index.set(key, i);
    this.rank.push(-1);
    this.deviceOf.push(-1);
    return i;
  }

  edge(a: number, b: number): void {
    if (a === b || this.deviceOf[a] === b || this.deviceOf[b] === a) return; // see ownEdge
    const pair = a < b ? a * PAIR + b : b * PAIR + a;
    if (this.pairs.has(pair)) return;
    this.pairs.add(pair);
    this.edgeA.push(a);
    this.edgeB.push(b);
  }

  /** The edge of a new port to its device (not kept in `pairs`: `edge` knows it by `deviceOf`). */
  ownEdge(device: number, port: number): void {
    this.edgeA.push(device);
    this.edgeB.push(port);
  }
}

function toCsr(b: Builder): CompiledTopology {
  const n = b.keys.length;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < b.edgeA.length; e++) {
    for (const x of [b.edgeA[e] ?? 0, b.edgeB[e] ?? 0]) offsets[x + 1] = (offsets[x + 1] ?? 0) + 1;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i + 1] ?? 0) + (offsets[i] ?? 0);
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(b.edgeA.length * 2);
  for (let e = 0; e < b.edgeA.length; e++) {
    const x = b.edgeA[e] ?? 0;
    const y = b.edgeB[e] ?? 0;
    const px = fill[x] ?? 0;
    const py = fill[y] ?? 0;
    targets[px] = y;
    targets[py] = x;
    fill[x] = px + 1;
    fill[y] = py + 1;
  }
  return {
    keys: b.keys,
    index: b.index,
    offsets,
    targets,
    rank: Int8Array.from(b.rank),
    deviceOf: Int32Array.from(b.deviceOf),
  };
}

/**
 * The same graph as `compileTopology(buildTopology(input))` (nodes, edges, roles, port->device),
 * built in one pass over plain rows; node numbering may differ. A port's edge to its device is
 * known new when the port is (no pair lookup), and a port takes its device's rank.
 */
export function compileRows(input: TopologyInput): CompiledTopology {
  const b = new Builder();
  const deviceNode = new Map<number, number>();
  const device = (id: number) => {
    let i = deviceNode.get(id);
    if (i === undefined) deviceNode.set(id, (i = b.node(deviceRef(id))));
    return i;
  };
  for (const d of input.devices) b.rank[device(d.id)] = roleRank(d.role);
  for (const p of input.ports) {
    const dev = device(p.deviceId);
    const key = portRef(p.id);
    const known = b.index.has(key);
    const port = b.node(key);
    if (known)
      b.edge(dev, port); // a port listed twice (ids are unique where rows come from)
    else b.ownEdge(dev, port);
    b.deviceOf[port] = dev;
  }
  for (const l of input.links) b.edge(b.node(l.a), b.node(l.b));
  for (const ref of input.refs ?? []) b.node(ref);
  for (let i = 0; i < b.keys.length; i++) {
    const owner = b.deviceOf[i] ?? -1;
    if (owner >= 0) b.rank[i] = b.rank[owner] ?? -1;
  }
  return toCsr(b);
}
