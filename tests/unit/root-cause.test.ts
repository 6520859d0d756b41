// Root cause (availability.md §4): where the walk from `from` meets the part still connected to an up `to`.
import { describe, expect, it } from 'vitest';
import { serviceState } from '../../src/graph/rule-eval.js';
import { net, workedExample } from './topology-fixture.js';

/** Another customer's access switch (accB) hangs below agg1; agg1's own uplink port can fail. */
function otherCustomer(roles: boolean) {
  return net(
    {
      core: [1, 'core'],
      agg1: [11, 'aggregation'],
      agg2: [12, 'aggregation'],
      accA: [21, 'access'],
      accB: [22, 'access'],
      cpeA: [101, 'customer'],
    },
    [
      ['port:1101', 'port:101'],
      ['core', 'agg2'],
      ['accA', 'agg1'],
      ['agg1', 'accB'],
      ['accB', 'agg2'],
      ['cpeA', 'accA'],
    ],
    [
      [1101, 'agg1'],
      [101, 'core'],
    ],
    roles,
  );
}

describe('root cause', () => {
  const S = { path: { from: 'device:101', to: ['device:1'] } };

  it.each([
    [true, ['port:1101'], { down: true, rootCause: ['port:1101'] }],
    [true, ['port:1101', 'device:22'], { down: true, rootCause: ['port:1101'] }],
    [false, ['port:1101'], { down: false, rootCause: [] }],
    [false, ['port:1101', 'device:22'], { down: true, rootCause: ['device:22', 'port:1101'] }],
  ])(
    "another customer's failed switch is blamed only without roles (roles %s, down %j)",
    (roles, down, expected) => {
      const n = otherCustomer(roles);
      expect(serviceState(n.c, n.rule(S), down)).toEqual(expected);
    },
  );

  it('reports a port down only because of its device as the device; its own claim as the port', () => {
    const n = otherCustomer(true);
    expect(serviceState(n.c, n.rule('port:1101'), ['device:11'])).toEqual({
      down: true,
      rootCause: ['device:11'],
    });
    expect(serviceState(n.c, n.rule('port:1101'), ['device:11', 'port:1101'])).toEqual({
      down: true,
      rootCause: ['port:1101'],
    });
  });

  it('when no `to` is up, the down `to`s are the root cause', () => {
    const n = otherCustomer(true);
    const rule = n.rule({ path: { from: 'device:101', to: ['device:1', 'port:1101'] } });
    expect(serviceState(n.c, rule, ['device:1', 'device:11', 'device:21'])).toEqual({
      down: true,
      rootCause: ['device:1', 'device:11'],
    });
  });

  it('walks through down components that do not touch T (customer devices behind a failed router)', () => {
    const n = workedExample({ roles: true, acc2: true });
    const rule = n.rule(S);
    expect(serviceState(n.c, rule, ['device:101', 'device:21', 'device:22'])).toEqual({
      down: true,
      rootCause: ['device:21'],
    });
    expect(serviceState(n.c, rule, ['device:101'])).toEqual({
      down: true,
      rootCause: ['device:101'],
    });
  });

  it.each([
    [
      { atLeast: 2, of: ['device:11', 'device:12', 'device:21'] },
      ['device:11', 'device:12'],
      ['device:11', 'device:12'],
    ],
    [{ atLeast: 2, of: ['device:11', 'device:12', 'device:21'] }, ['device:11'], []],
    [
      { any: ['device:11', { path: { from: 'device:101', to: ['device:1'] } }] },
      ['device:11', 'device:21'],
      ['device:11', 'device:21'],
    ],
    [
      { all: ['device:22', { path: { from: 'device:101', to: ['device:1'] } }] },
      ['device:22'],
      ['device:22'],
    ],
  ])('combinator %j with %j down: root cause %j', (rule, down, rootCause) => {
    const n = workedExample({ roles: true, acc2: true });
    expect(serviceState(n.c, n.rule(rule), down).rootCause).toEqual(rootCause);
  });
});
