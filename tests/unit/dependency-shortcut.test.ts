// The start-up's shortcuts against their references on hand-built and seeded random topologies: the
// dependency sets a shared cache answers (memo, leaf shortcut) and the CSR built straight from rows.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../helpers/random.js';
import type { Role } from '../../src/domain/roles.js';
import { ROLES } from '../../src/domain/roles.js';
import { compileTopology, type CompiledTopology } from '../../src/graph/compiled.js';
import { compileRows } from '../../src/graph/csr-build.js';
import { buildTopology, type TopologyInput } from '../../src/graph/topology.js';
import { directPathDependencies, pathDependencies } from '../../src/graph/dependency.js';
import { DependencyCache } from '../../src/graph/dependency-cache.js';

const sorted = (c: CompiledTopology, nodes: readonly number[]) =>
  nodes.map((v) => c.keys[v] ?? '').sort();
const node = (c: CompiledTopology, key: string) => c.index.get(key) ?? -1;

/** Random rows with leaves (unlinked ports, devices on one link), repeated links, a port linked to its own device. */
function randomRows(seed: number): TopologyInput {
  const r = mulberry32(seed);
  const withRoles = r() < 0.8;
  const n = 6 + Math.floor(r() * 10);
  const devices = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    role: withRoles ? (ROLES[Math.floor(r() * ROLES.length)] as Role) : null,
  }));
  const ports: { id: number; deviceId: number }[] = [];
  const links: { a: string; b: string }[] = [];
  const port = (deviceId: number) => ports.push({ id: 100 + ports.length, deviceId }) + 99;
  for (const d of devices) for (let k = Math.floor(r() * 3); k > 0; k--) port(d.id);
  const end = (d: number) => (r() < 0.3 ? `device:${d}` : `port:${port(d)}`);
  const pick = () => 1 + Math.floor(r() * n);
  for (let k = Math.floor(n * (1 + r())); k > 0; k--) {
    const [a, b] = [pick(), pick()];
    if (a !== b) links.push({ a: end(a), b: end(b) });
    if (r() < 0.1 && links.length > 0) links.push({ ...links[0]! }); // repeated
    if (r() < 0.05 && ports.length > 0) {
      const p = ports[Math.floor(r() * ports.length)]!;
      links.push({ a: `device:${p.deviceId}`, b: `port:${p.id}` }); // the edge it already has
    }
  }
  return { devices, ports, links, refs: ['device:999', `port:${100 + ports.length}`] };
}

const randomNet = (seed: number) => compileRows(randomRows(seed));

/** A compiled topology by keys (numbering aside): edges, ranks and port owners. */
function shape(c: CompiledTopology) {
  const edges: string[] = [];
  for (let u = 0; u < c.keys.length; u++) {
    for (let k = c.offsets[u] ?? 0; k < (c.offsets[u + 1] ?? 0); k++)
      edges.push(`${c.keys[u]}|${c.keys[c.targets[k] ?? 0]}`);
  }
  const nodes = c.keys.map(
    (key, i) => `${key} rank ${c.rank[i]} of ${c.keys[c.deviceOf[i] ?? -1]}`,
  );
  return { nodes: nodes.sort(), edges: edges.sort() };
}

describe('pathDependencies with a shared cache', () => {
  it('gives a LAN port what its device, hanging from its access switch, depends on, plus the port', () => {
    // core 1 - agg 2 = acc 3 (two links) - cpe 4, which has the unlinked LAN port 40
    const c = compileRows({
      devices: [
        { id: 1, role: 'core' },
        { id: 2, role: 'aggregation' },
        { id: 3, role: 'access' },
        { id: 4, role: 'customer' },
      ],
      ports: [
        { id: 30, deviceId: 3 },
        { id: 31, deviceId: 3 },
        { id: 40, deviceId: 4 },
      ],
      links: [
        { a: 'device:1', b: 'device:2' },
        { a: 'device:2', b: 'port:30' },
        { a: 'device:2', b: 'port:31' },
        { a: 'device:3', b: 'device:4' },
      ],
    });
    const cache = new DependencyCache(c);
    const to = [node(c, 'device:1')];
    const lan = pathDependencies(c, { kind: 'path', from: node(c, 'port:40'), to }, cache);
    expect(sorted(c, lan.components)).toEqual([
      'device:1',
      'device:2',
      'device:3',
      'device:4',
      'port:30',
      'port:31',
      'port:40',
    ]);
    expect(sorted(c, lan.spofs)).toEqual([
      'device:1',
      'device:2',
      'device:3',
      'device:4',
      'port:40',
    ]);
    // the port's answer came through its device's, and that through the access switch's
    expect(cache.known.has(`${node(c, 'device:4')}>${to[0]}`)).toBe(true);
    expect(cache.known.has(`${node(c, 'device:3')}>${to[0]}`)).toBe(true);
  });

  it('equals the direct computation for every `from` on 150 seeded random networks', () => {
    let compared = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const c = randomNet(seed);
      const cache = new DependencyCache(c);
      const devices = c.keys
        .map((k, i) => (k.startsWith('device:') ? i : -1))
        .filter((i) => i >= 0);
      const r = mulberry32(seed * 7);
      const toSets = [[devices[0] ?? 0], [devices[0] ?? 0, devices[1] ?? 0]];
      toSets.push([Math.floor(r() * c.keys.length), Math.floor(r() * c.keys.length)]);
      for (const to of toSets) {
        const froms = c.keys.map((_, i) => i).sort(() => r() - 0.5);
        for (const from of froms) {
          const rule = { kind: 'path' as const, from, to: [...new Set(to)] };
          const got = pathDependencies(c, rule, cache);
          const want = directPathDependencies(c, rule);
          const at = `seed ${seed}, from ${c.keys[from]}, to ${rule.to.map((t) => c.keys[t])}`;
          expect(sorted(c, got.components), at).toEqual(sorted(c, want.components));
          expect(sorted(c, got.spofs), at).toEqual(sorted(c, want.spofs));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(2500);
  });
});

describe('compileRows', () => {
  it('builds the graph compileTopology builds, on 150 seeded random networks', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const rows = randomRows(seed);
      const fast = compileRows(rows);
      const reference = compileTopology(buildTopology(rows));
      expect(shape(fast), `seed ${seed}`).toEqual(shape(reference));
    }
  });
});
