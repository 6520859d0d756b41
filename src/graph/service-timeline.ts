// A service's stored state changes over all time, spliced per recomputed window, with daily down roll-ups.
import type { Segment } from '../domain/timeline.js';
import { sameState, type ServiceState } from './service-state.js';

export interface Transition extends ServiceState {
  /** The instant this state starts; the first transition is at -Infinity. */
  at: number;
}

export const DAY = 86_400;

/** Per UTC day: down and planned seconds, and incident starts and ends at instants in it. */
export interface DayTally {
  down: number;
  planned: number;
  starts: number;
  ends: number;
}

function anyDown(list: readonly Transition[]): boolean {
  for (const t of list) if (t.down) return true;
  return false;
}

function add(into: DayTally, more: DayTally): DayTally {
  into.down += more.down;
  into.planned += more.planned;
  into.starts += more.starts;
  into.ends += more.ends;
  return into;
}

/** The state as a step function of time, with per-day roll-ups of its finite segments. */
export class ServiceTimeline {
  readonly transitions: Transition[];
  readonly rollup = new Map<number, DayTally>();

  constructor(initial: ServiceState) {
    this.transitions = [{ at: -Infinity, ...initial }];
  }

  /** Index of the last transition at or before `t`. */
  indexAt(t: number): number {
    const list = this.transitions;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((list[mid] as Transition).at <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  stateAt(t: number): Transition {
    return this.transitions[this.indexAt(t)] as Transition;
  }

  /**
   * Replaces the states in [start, end) by `fresh` (sorted, the first at `start`); the state from
   * `end` on is kept. Returns the transitions that are new (not stored before with that state).
   */
  splice(start: number, end: number, fresh: readonly Transition[]): Transition[] {
    const list = this.transitions;
    const keep = Number.isFinite(end) ? this.stateAt(end) : null;
    const oldTail = (list[list.length - 1] as Transition).at;
    const wasDown = this.stateAt(start).down;
    const i = this.firstAtOrAfter(start);
    const j = this.firstAtOrAfter(end);
    const old = list.slice(i, j);
    const replacement = fresh.slice();
    if (keep !== null && (list[j]?.at ?? Infinity) !== end) replacement.push({ ...keep, at: end });
    list.splice(i, j - i, ...replacement);
    const last = this.mergeFrom(Math.max(1, i), i + replacement.length + 1);
    // roll-ups follow only the down projection: skip when it was and stays up over the window
    if (wasDown || anyDown(old) || anyDown(fresh)) this.rebuildRollup(Math.min(start, oldTail));
    const out: Transition[] = [];
    for (let k = Math.max(1, i); k <= last && k < list.length; k++) {
      const t = list[k] as Transition;
      if (!old.some((o) => o.at === t.at && sameState(o, t))) out.push(t);
    }
    return out;
  }

  private firstAtOrAfter(t: number): number {
    const list = this.transitions;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as Transition).at < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops transitions equal to their predecessor in [from, to]; returns the last index looked at. */
  private mergeFrom(from: number, to: number): number {
    const list = this.transitions;
    let k = from;
    let limit = to;
    while (k <= limit && k < list.length) {
      if (sameState(list[k - 1] as Transition, list[k] as Transition)) {
        list.splice(k, 1);
        limit--;
      } else k++;
    }
    return Math.min(limit, list.length - 1);
  }

  /** Recomputes the roll-ups of every day from the day of `from` on. */
  private rebuildRollup(from: number): void {
    const firstDay = Number.isFinite(from) ? Math.floor(from / DAY) : -Infinity;
    if (this.rollup.size > 0) {
      for (const day of [...this.rollup.keys()]) if (day >= firstDay) this.rollup.delete(day);
    }
    const list = this.transitions;
    const lower = firstDay * DAY;
    for (let k = Math.max(1, this.indexAt(lower)); k < list.length; k++) {
      const t = list[k] as Transition;
      const prev = list[k - 1] as Transition;
      if (t.at >= lower && prev.down !== t.down) this.day(t.at)[t.down ? 'starts' : 'ends']++;
    }
    for (let k = Math.max(0, this.indexAt(lower)); k < list.length - 1; k++) {
      const t = list[k] as Transition;
      const s = Math.max(t.at, lower);
      if (t.down && Number.isFinite(s)) this.addDown(s, (list[k + 1] as Transition).at, t.planned);
    }
  }

  private day(t: number): DayTally {
    const day = Math.floor(t / DAY);
    let tally = this.rollup.get(day);
    if (tally === undefined) {
      tally = { down: 0, planned: 0, starts: 0, ends: 0 };
      this.rollup.set(day, tally);
    }
    return tally;
  }

  private addDown(start: number, end: number, planned: boolean): void {
    for (let day = Math.floor(start / DAY); day * DAY < end; day++) {
      const seconds = Math.min(end, (day + 1) * DAY) - Math.max(start, day * DAY);
      const tally = this.day(day * DAY);
      tally.down += seconds;
      if (planned) tally.planned += seconds;
    }
  }

  /** Down and planned seconds, and incident starts and ends, at instants in [x, y) (finite). */
  tally(x: number, y: number): DayTally {
    const dx = Math.floor(x / DAY);
    const dy = Math.floor((y - 1) / DAY);
    if (dx >= dy - 1) return this.scan(x, y);
    const out = add(this.scan(x, (dx + 1) * DAY), this.scan(dy * DAY, y));
    for (const [day, t] of this.rollup) if (day > dx && day < dy) add(out, t);
    const tail = this.transitions[this.transitions.length - 1] as Transition;
    const seconds = Math.max(0, dy * DAY - Math.max(tail.at, (dx + 1) * DAY));
    if (tail.down && this.transitions.length > 1) {
      out.down += seconds;
      if (tail.planned) out.planned += seconds;
    }
    return out;
  }

  /** The same by reading transitions. */
  private scan(x: number, y: number): DayTally {
    const out = { down: 0, planned: 0, starts: 0, ends: 0 };
    const list = this.transitions;
    for (let k = this.indexAt(x); k < list.length; k++) {
      const t = list[k] as Transition;
      if (t.at >= y) break;
      const prev = list[k - 1];
      if (prev !== undefined && t.at >= x && prev.down !== t.down)
        out[t.down ? 'starts' : 'ends']++;
      const end = (list[k + 1] as Transition | undefined)?.at ?? Infinity;
      const seconds = Math.min(end, y) - Math.max(t.at, x);
      if (t.down) out.down += seconds;
      if (t.down && t.planned) out.planned += seconds;
    }
    return out;
  }

  /** The state just before `t`. */
  stateBefore(t: number): Transition {
    return this.stateAt(t - 1e-6);
  }

  /** Whether the head (from -Infinity) is down: roll-ups do not cover it. */
  headDown(): boolean {
    return (this.transitions[0] as Transition).down;
  }

  /** Batch-form segments over [start, end): consecutive states equal but for `atRisk` merged. */
  segments(start: number, end: number): Segment[] {
    const out: Segment[] = [];
    if (end <= start) return out;
    const list = this.transitions;
    for (let k = this.indexAt(start); k < list.length; k++) {
      const t = list[k] as Transition;
      if (t.at >= end) break;
      const s = Math.max(t.at, start);
      const e = Math.min((list[k + 1] as Transition | undefined)?.at ?? Infinity, end);
      const prev = out[out.length - 1];
      if (
        prev !== undefined &&
        prev.down === t.down &&
        prev.planned === t.planned &&
        sameCauses(prev.rootCause, t.rootCause)
      ) {
        prev.end = e;
      } else {
        out.push({
          start: s,
          end: e,
          down: t.down,
          planned: t.planned,
          rootCause: [...t.rootCause],
        });
      }
    }
    return out;
  }
}

function sameCauses(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}
