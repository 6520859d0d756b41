// Earlier inventory versions: what an engine of such a version decides is copied into the current
// engine's kept history (the part of each timeline before its floor), span by span.
import type { Interval } from '../domain/intervals.js';
import type { IncrementalEngine, Transition } from './incremental.js';

/** A service's span whose transitions changed; `end` is one past the last instant written. */
export interface HistorySpan {
  service: string;
  start: number;
  end: number;
}

/** An engine's transitions of `key` over [start, end), the first at `start` (the state then). */
export function transitionsOver(
  engine: IncrementalEngine,
  key: string,
  span: Interval,
): Transition[] {
  const timeline = engine.timeline(key);
  const list = timeline.transitions;
  const first = timeline.indexAt(span.start);
  const out: Transition[] = [{ ...list[first]!, at: span.start }];
  for (let k = first + 1; k < list.length && list[k]!.at < span.end; k++) out.push(list[k]!);
  return out;
}

/** The transitions at instants in [start, end] (the end included), as one comparable text. */
function signature(engine: IncrementalEngine, key: string, start: number, end: number): string {
  return JSON.stringify(
    engine
      .timeline(key)
      .transitions.filter((t) => t.at >= start && t.at <= end)
      .map((t) => [t.at, t.down, t.planned, t.atRisk, t.rootCause]),
  );
}

/**
 * Copies into `current`'s kept history what `old` (an engine of an earlier version) computes for
 * each service over the span given for it; returns the spans whose transitions changed.
 */
export function restoreFrom(
  current: IncrementalEngine,
  old: IncrementalEngine,
  spans: ReadonlyMap<string, Interval>,
): HistorySpan[] {
  const out: HistorySpan[] = [];
  for (const [key, span] of spans) {
    const end = Math.min(span.end, current.floor(key));
    if (end <= span.start) continue;
    const before = signature(current, key, span.start, end);
    current.restoreHistory(key, span.start, end, transitionsOver(old, key, { ...span, end }));
    if (signature(current, key, span.start, end) === before) continue;
    out.push({ service: key, start: span.start, end: Number.isFinite(end) ? end + 1 : end });
  }
  return out;
}
