// Half-open intervals [start, end) of epoch seconds, as sorted disjoint lists; `end` may be Infinity.

export interface Interval {
  start: number;
  end: number;
}

/** Whether every interval is non-empty and none starts before the one ahead of it. */
function sortedNonEmpty(list: readonly Interval[]): boolean {
  let previous = -Infinity;
  for (const i of list) {
    if (!(i.end > i.start) || i.start < previous) return false;
    previous = i.start;
  }
  return true;
}

/** Sorted, merged (overlapping or touching joined), empty ones dropped; always fresh objects. */
export function normalize(list: readonly Interval[]): Interval[] {
  // lists that are already in order (most of the engine's, one or two claims long) skip the
  // filtered copy and the sort: the same result, without their allocations
  const sorted = sortedNonEmpty(list)
    ? list
    : list.filter((i) => i.end > i.start).sort((x, y) => x.start - y.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

export function union(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  return normalize([...a, ...b]);
}

/** Intersection of two normalized lists. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** `a` minus `b`, both normalized. */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    let start = x.start;
    for (const y of b) {
      if (y.end <= start || y.start >= x.end) continue;
      if (y.start > start) out.push({ start, end: y.start });
      start = Math.max(start, y.end);
      if (start >= x.end) break;
    }
    if (start < x.end) out.push({ start, end: x.end });
  }
  return out;
}

/** Total length in seconds (Infinity when an interval is open). */
export function measure(list: readonly Interval[]): number {
  return list.reduce((sum, i) => sum + (i.end - i.start), 0);
}

export function clip(list: readonly Interval[], start: number, end: number): Interval[] {
  return intersect(list, end > start ? [{ start, end }] : []);
}

/** Whether `t` lies in one of the intervals. */
export function covers(list: readonly Interval[], t: number): boolean {
  return list.some((i) => i.start <= t && t < i.end);
}
