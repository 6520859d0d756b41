// Builds the compact CSR topology straight from device/port/link rows (no graphology), for large inventories.
import { deviceRef, portRef, splitIdRef } from '../domain/refs.js';
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
    if (a === b) return;
    const pair = a < b ? a * PAIR + b : b * PAIR + a;
    if (this.pairs.has(pair)) return;
    this.pairs.add(pair);
    this.edgeA.push(a);
    this.edgeB.push(b);
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
 * built in one pass over plain rows; node numbering may differ.
 */
export function compileRows(input: TopologyInput): CompiledTopology {
  const b = new Builder();
  const roleOf = new Map<number, number>();
  for (const d of input.devices) {
    b.node(deviceRef(d.id));
    roleOf.set(d.id, roleRank(d.role));
  }
  for (const p of input.ports) {
    const dev = b.node(deviceRef(p.deviceId));
    const port = b.node(portRef(p.id));
    b.deviceOf[port] = dev;
    b.edge(dev, port);
  }
  for (const l of input.links) b.edge(b.node(l.a), b.node(l.b));
  for (const ref of input.refs ?? []) b.node(ref);
  for (let i = 0; i < b.keys.length; i++) {
    const owner = b.deviceOf[i] ?? -1;
    const key = owner >= 0 ? (b.keys[owner] ?? '') : (b.keys[i] ?? '');
    const parsed = splitIdRef(key);
    if (parsed?.kind === 'device') b.rank[i] = roleOf.get(parsed.id) ?? -1;
  }
  return toCsr(b);
}
