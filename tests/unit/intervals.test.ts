// normalize and changedSpan: the interval arithmetic under every claim, in order and out of it.
import { describe, expect, it } from 'vitest';
import { changedSpan } from '../../src/domain/interval-diff.js';
import { normalize } from '../../src/domain/intervals.js';

const iv = (start: number, end: number) => ({ start, end });

describe('normalize', () => {
  it('merges a list already in order, touching and overlapping ones joined', () => {
    expect(normalize([iv(0, 10), iv(10, 20), iv(15, 30), iv(40, 50)])).toEqual([
      iv(0, 30),
      iv(40, 50),
    ]);
  });

  it('sorts a list out of order and drops empty and reversed intervals', () => {
    expect(normalize([iv(40, 50), iv(5, 5), iv(0, 10), iv(30, 20), iv(8, 12)])).toEqual([
      iv(0, 12),
      iv(40, 50),
    ]);
  });

  it('keeps an open end (Infinity) and swallows what starts inside it', () => {
    expect(normalize([iv(100, Infinity), iv(200, 300)])).toEqual([iv(100, Infinity)]);
    expect(normalize([iv(200, 300), iv(100, Infinity)])).toEqual([iv(100, Infinity)]);
  });

  it('returns fresh objects: merging never changes the caller’s intervals', () => {
    const input = [iv(0, 10), iv(5, 20)];
    const out = normalize(input);
    expect(out).toEqual([iv(0, 20)]);
    expect(input).toEqual([iv(0, 10), iv(5, 20)]);
    const single = [iv(1, 2)];
    expect(normalize(single)[0]).not.toBe(single[0]);
  });

  it('gives [] for no intervals and for empty ones only', () => {
    expect(normalize([])).toEqual([]);
    expect(normalize([iv(3, 3)])).toEqual([]);
  });
});

describe('changedSpan', () => {
  it('is null for equal lists, the same array or equal copies', () => {
    const list = [iv(0, 10), iv(20, Infinity)];
    expect(changedSpan(list, list)).toBeNull();
    expect(changedSpan(list, [iv(0, 10), iv(20, Infinity)])).toBeNull();
    expect(changedSpan([], [])).toBeNull();
  });

  it('is the hull of what only one side covers', () => {
    // before [0,10) [20,30); after [0,12) [20,25): differs on [10,12) and [25,30)
    expect(changedSpan([iv(0, 10), iv(20, 30)], [iv(0, 12), iv(20, 25)])).toEqual(iv(10, 30));
    // an open claim closed at 50
    expect(changedSpan([iv(40, Infinity)], [iv(40, 50)])).toEqual(iv(50, Infinity));
    // same length, one interval moved
    expect(changedSpan([iv(0, 10)], [iv(5, 15)])).toEqual(iv(0, 15));
  });
});
