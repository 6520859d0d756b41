// A service's state over time: evaluated once per instant at which a watched component changes, after all its events.
import type { Interval } from './intervals.js';

export interface Segment {
  start: number;
  end: number;
  down: boolean;
  /** Down, and still down when only components under a covering window are taken as down. */
  planned: boolean;
  /** Root-cause refs while down, sorted. */
  rootCause: string[];
}

export interface Evaluation {
  down: boolean;
  rootCause: string[];
}

export interface TimelineInput {
  /** The timeline's span [start, end): active bounds cut to the horizon and now. */
  start: number;
  end: number;
  /** Components whose claims can change the service (its dependency set and their devices). */
  watch: readonly string[];
  /** Raw down intervals (claims) per component. */
  down: ReadonlyMap<string, readonly Interval[]>;
  /** The part of each component's down intervals covered by a component window. */
  covered: ReadonlyMap<string, readonly Interval[]>;
  /** The service's state when exactly the given components are held down. */
  evaluate: (rawDown: ReadonlySet<string>) => Evaluation;
}

interface Change {
  at: number;
  ref: string;
  set: 'down' | 'covered';
  on: boolean;
}

function changes(input: TimelineInput): Change[] {
  const out: Change[] = [];
  for (const ref of input.watch) {
    for (const set of ['down', 'covered'] as const) {
      for (const i of input[set].get(ref) ?? []) {
        if (i.end <= input.start || i.start >= input.end) continue;
        out.push({ at: Math.max(i.start, input.start), ref, set, on: true });
        if (i.end < input.end) out.push({ at: i.end, ref, set, on: false });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at || Number(a.on) - Number(b.on));
}

function sameState(a: Segment, b: Omit<Segment, 'start' | 'end'>): boolean {
  return (
    a.down === b.down &&
    a.planned === b.planned &&
    a.rootCause.length === b.rootCause.length &&
    a.rootCause.every((r, i) => r === b.rootCause[i])
  );
}

/** Piecewise-constant state over [start, end), consecutive equal states merged. */
export function serviceTimeline(input: TimelineInput): Segment[] {
  if (input.end <= input.start) return [];
  const all = changes(input);
  const sets = { down: new Set<string>(), covered: new Set<string>() };
  const segments: Segment[] = [];
  let k = 0;
  let t = input.start;
  while (t < input.end) {
    for (; k < all.length && (all[k] as Change).at <= t; k++) {
      const c = all[k] as Change;
      if (c.on) sets[c.set].add(c.ref);
      else sets[c.set].delete(c.ref);
    }
    const next = k < all.length ? (all[k] as Change).at : input.end;
    const now = input.evaluate(sets.down);
    const planned = now.down && input.evaluate(sets.covered).down;
    const state = { down: now.down, planned, rootCause: now.rootCause };
    const prev = segments[segments.length - 1];
    if (prev !== undefined && sameState(prev, state)) prev.end = next;
    else segments.push({ start: t, end: next, ...state });
    t = next;
  }
  return segments;
}
