// The safe-integer SLA figures used by incremental reports equal the bigint ones, at the edges and at random.
import { describe, expect, it } from 'vitest';
import { fastSlaFigures } from '../../src/domain/sla-fast.js';
import { slaFigures } from '../../src/domain/uptime.js';

describe('fastSlaFigures', () => {
  it.each([
    [0, 0, '99.9'],
    [86_400, 330, '99.5'],
    [10_000, 99, '99.01'],
    [10_000, 100, '99.01'],
    [10_000, 10_000, '100'],
    [1, 1, '0'],
    [2_592_000, 0, null],
    [2_592_000, 1_296_000, '50.00001'],
    [9_007_199_254, 3, '99.999999'],
  ] as const)('eligible %i, downtime %i, target %s', (e, d, t) => {
    expect(fastSlaFigures(e, d, t)).toEqual(slaFigures(e, d, t));
  });

  it('agrees with the bigint version on 20,000 random cases', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const targets = ['99.9', '99.95', '99.99', '95', '100', '0', '99.123456', null];
    for (let i = 0; i < 20_000; i++) {
      const e = Math.floor(next() * 40_000_000);
      const d = Math.floor(next() * (next() < 0.5 ? e * 0.001 : e + 1));
      const t = targets[i % targets.length] ?? null;
      expect(fastSlaFigures(e, d, t), `${e} ${d} ${t}`).toEqual(slaFigures(e, d, t));
    }
  });
});
