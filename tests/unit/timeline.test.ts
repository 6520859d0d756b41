// Service timelines: one evaluation per instant after all its changes; incidents as maximal down runs.
import { describe, expect, it } from 'vitest';
import { incidentsOf } from '../../src/domain/incidents.js';
import { serviceTimeline } from '../../src/domain/timeline.js';

describe('serviceTimeline', () => {
  const down = new Map([
    ['a', [{ start: 10, end: 20 }]],
    [
      'b',
      [
        { start: 20, end: 30 },
        { start: 40, end: Infinity },
      ],
    ],
    ['x', [{ start: 15, end: 16 }]],
  ]);

  it('evaluates once per change instant of watched components, after all changes at it', () => {
    const seen: string[][] = [];
    const segments = serviceTimeline({
      start: 0,
      end: 50,
      watch: ['a', 'b'],
      down,
      covered: new Map([['b', [{ start: 20, end: 30 }]]]),
      evaluate: (set) => {
        seen.push([...set].sort());
        return { down: set.size > 0, rootCause: [...set].sort() };
      },
    });
    // Each instant: the state, then (when down) the covered-only state for the planned check.
    expect(seen).toEqual([[], ['a'], [], ['b'], ['b'], [], ['b'], []]);
    expect(segments).toEqual([
      { start: 0, end: 10, down: false, planned: false, rootCause: [] },
      { start: 10, end: 20, down: true, planned: false, rootCause: ['a'] },
      { start: 20, end: 30, down: true, planned: true, rootCause: ['b'] },
      { start: 30, end: 40, down: false, planned: false, rootCause: [] },
      { start: 40, end: 50, down: true, planned: false, rootCause: ['b'] },
    ]);
    expect(incidentsOf(segments, true)).toEqual([
      { start: 10, end: 30, open: false, rootCause: ['a'], rootCausesDuring: ['a', 'b'] },
      { start: 40, end: 50, open: true, rootCause: ['b'], rootCausesDuring: ['b'] },
    ]);
    expect(incidentsOf(segments, false)[1]?.open).toBe(false);
  });
});
