// Where two normalized interval lists differ: the hull of their symmetric difference.
import { subtract, type Interval } from './intervals.js';

/** The smallest span holding every instant covered by exactly one of the lists; null when equal. */
export function changedSpan(
  before: readonly Interval[],
  after: readonly Interval[],
): Interval | null {
  if (sameIntervals(before, after)) return null;
  const diff = [...subtract(before, after), ...subtract(after, before)];
  if (diff.length === 0) return null;
  let start = Infinity;
  let end = -Infinity;
  for (const i of diff) {
    start = Math.min(start, i.start);
    end = Math.max(end, i.end);
  }
  return { start, end };
}

/** Whether two lists hold the same intervals in the same order (normalized lists: equal sets). */
function sameIntervals(a: readonly Interval[], b: readonly Interval[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    if (a[k]!.start !== b[k]!.start || a[k]!.end !== b[k]!.end) return false;
  }
  return true;
}

/** Hull of two optional spans. */
export function widen(a: Interval | null | undefined, b: Interval | null): Interval | null {
  if (a == null) return b;
  if (b === null) return a;
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** Whether the list covers instant `t` (binary search on a normalized list). */
export function coversAt(list: readonly Interval[], t: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const i = list[mid] as Interval;
    if (t < i.start) hi = mid - 1;
    else if (t >= i.end) lo = mid + 1;
    else return true;
  }
  return false;
}
