// Hand-built topologies for graph tests: named devices with ids and roles, links by name or ref.
import type { Role } from '../../src/domain/roles.js';
import { compileTopology, type CompiledTopology } from '../../src/graph/compiled.js';
import { compileRule, type CompiledRule } from '../../src/graph/compiled-rule.js';
import { buildTopology } from '../../src/graph/topology.js';
import type { ServiceRule } from '../../src/domain/rules.js';

export interface Net {
  c: CompiledTopology;
  /** `device:<id>` of a named device, or the text itself when it is a ref already. */
  ref: (name: string) => string;
  rule: (rule: ServiceRule) => CompiledRule;
  names: (indices: readonly number[]) => string[];
}

export function net(
  devices: Record<string, [number, Role | null]>,
  links: [string, string][],
  ports: [number, string][] = [],
  roles = true,
): Net {
  const ref = (name: string) =>
    name.includes(':') ? name : `device:${devices[name]?.[0] ?? name}`;
  const graph = buildTopology({
    devices: Object.values(devices).map(([id, role]) => ({ id, role: roles ? role : null })),
    ports: ports.map(([id, device]) => ({ id, deviceId: Number(ref(device).slice(7)) })),
    links: links.map(([a, b]) => ({ a: ref(a), b: ref(b) })),
  });
  const c = compileTopology(graph);
  const byRef = new Map(Object.keys(devices).map((n) => [ref(n), n]));
  return {
    c,
    ref,
    rule: (r) => compileRule(c, r),
    names: (indices) =>
      indices
        .map((i) => c.keys[i] ?? '')
        .map((k) => byRef.get(k) ?? k)
        .sort(),
  };
}

/** The spec §6 topology, optionally with roles and a second access switch on both aggregation routers. */
export function workedExample(opts: { roles: boolean; acc2: boolean }): Net {
  const devices: Record<string, [number, Role | null]> = {
    core: [1, 'core'],
    agg1: [11, 'aggregation'],
    agg2: [12, 'aggregation'],
    acc: [21, 'access'],
    cpe: [101, 'customer'],
  };
  const links: [string, string][] = [
    ['core', 'agg1'],
    ['core', 'agg2'],
    ['agg1', 'acc'],
    ['agg2', 'acc'],
    ['acc', 'cpe'],
  ];
  if (opts.acc2) {
    devices.acc2 = [22, 'access'];
    links.push(['agg1', 'acc2'], ['agg2', 'acc2']);
  }
  return net(devices, links, [], opts.roles);
}
