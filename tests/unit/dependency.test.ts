// Dependency set and SPOFs (availability.md §4) on hand-built topologies; exact visit orders of the reach.
import { describe, expect, it } from 'vitest';
import { biconnected } from '../../src/graph/biconnected.js';
import { pathDependencies } from '../../src/graph/dependency.js';
import { reachBackward, reachForward } from '../../src/graph/reach.js';
import { ruleDependencies } from '../../src/graph/rule-dependencies.js';
import type { CompiledPath } from '../../src/graph/compiled-rule.js';
import { net, workedExample } from './topology-fixture.js';

const all = () => true;

describe('reach', () => {
  it('visits breadth-first in link order, forwards and backwards, by valid moves', () => {
    const n = workedExample({ roles: true, acc2: true });
    const i = (name: string) => n.c.index.get(n.ref(name)) ?? -1;
    const order = (o: number[]) => o.map((v) => n.c.keys[v]);
    expect(order(reachForward(n.c, [i('cpe')], all, all).order)).toEqual([
      'device:101',
      'device:21',
      'device:11',
      'device:12',
      'device:1',
    ]);
    expect(order(reachBackward(n.c, [i('core')], all, all).order)).toEqual([
      'device:1',
      'device:11',
      'device:12',
      'device:21',
      'device:22',
      'device:101',
    ]);
  });
});

describe('biconnected', () => {
  it('finds blocks and the cut vertex of a bowtie', () => {
    // 0-1-2-0 and 2-3-4-2: vertex 2 joins two triangles.
    const adj = [
      [1, 2],
      [0, 2],
      [0, 1, 3, 4],
      [2, 4],
      [2, 3],
    ];
    const { blocks, separations } = biconnected(adj, 0);
    const sets = blocks.map((b) => [...new Set(b.flat())].sort());
    expect(sets).toEqual([
      [2, 3, 4],
      [0, 1, 2],
    ]);
    expect(separations.filter(([cut]) => cut !== 0)).toEqual([[2, 3]]);
  });
});

describe('pathDependencies', () => {
  it.each([
    [false, false, ['acc', 'agg1', 'agg2', 'core', 'cpe']],
    [true, false, ['acc', 'agg1', 'agg2', 'core', 'cpe']],
    [false, true, ['acc', 'acc2', 'agg1', 'agg2', 'core', 'cpe']],
    [true, true, ['acc', 'agg1', 'agg2', 'core', 'cpe']],
  ])('worked example (roles %s, acc2 %s)', (roles, acc2, expected) => {
    const n = workedExample({ roles, acc2 });
    const deps = pathDependencies(
      n.c,
      n.rule({ path: { from: 'device:101', to: ['device:1'] } }) as CompiledPath,
    );
    expect(n.names(deps.components)).toEqual(expected);
    expect(n.names(deps.spofs)).toEqual(['acc', 'core', 'cpe']);
  });

  it('leaves out dead ends and keeps only the first `to` a path reaches', () => {
    const n = net(
      { from: [1, null], a: [2, null], t1: [3, null], t2: [4, null], stub: [5, null] },
      [
        ['from', 'a'],
        ['a', 't1'],
        ['t1', 't2'],
        ['a', 'stub'],
      ],
    );
    const deps = pathDependencies(
      n.c,
      n.rule({ path: { from: 'device:1', to: ['device:3', 'device:4'] } }) as CompiledPath,
    );
    expect(n.names(deps.components)).toEqual(['a', 'from', 't1', 't2']);
    expect(n.names(deps.spofs)).toEqual(['a', 'from', 't1']);
  });

  it('two targets: neither is a SPOF; a port on every path brings its device', () => {
    const n = net(
      { cpe: [101, null], acc: [21, null], agg: [11, null], c1: [1, null], c2: [2, null] },
      [
        ['port:10101', 'port:2101'],
        ['acc', 'agg'],
        ['agg', 'c1'],
        ['agg', 'c2'],
      ],
      [
        [10101, 'cpe'],
        [2101, 'acc'],
      ],
    );
    const deps = pathDependencies(
      n.c,
      n.rule({ path: { from: 'device:101', to: ['device:1', 'device:2'] } }) as CompiledPath,
    );
    expect(n.names(deps.components)).toEqual([
      'acc',
      'agg',
      'c1',
      'c2',
      'cpe',
      'port:10101',
      'port:2101',
    ]);
    expect(n.names(deps.spofs)).toEqual(['acc', 'agg', 'cpe', 'port:10101', 'port:2101']);
  });

  it('a ring gives no SPOF between its members', () => {
    const n = net({ s: [1, null], a: [2, null], b: [3, null], c: [4, null], t: [5, null] }, [
      ['s', 'a'],
      ['a', 'b'],
      ['b', 't'],
      ['s', 'c'],
      ['c', 't'],
    ]);
    const deps = pathDependencies(
      n.c,
      n.rule({ path: { from: 'device:1', to: ['device:5'] } }) as CompiledPath,
    );
    expect(n.names(deps.components)).toEqual(['a', 'b', 'c', 's', 't']);
    expect(n.names(deps.spofs)).toEqual(['s', 't']);
  });
});

describe('ruleDependencies', () => {
  const n = workedExample({ roles: true, acc2: true });
  it.each([
    [
      { all: ['device:22', { path: { from: 'device:101', to: ['device:1'] } }] },
      ['acc', 'acc2', 'core', 'cpe'],
    ],
    [{ any: ['device:11', 'device:12'] }, []],
    [{ atLeast: 2, of: ['device:11', 'device:12', 'device:21'] }, []],
    [{ atLeast: 2, of: ['device:11', 'device:11', 'device:21'] }, ['agg1']],
    [{ atLeast: 3, of: ['device:11', 'device:12', 'device:21'] }, ['acc', 'agg1', 'agg2']],
  ])('SPOFs of %j', (rule, spofs) => {
    expect(n.names(ruleDependencies(n.c, n.rule(rule)).spofs)).toEqual(spofs);
  });
});
