// Earlier inventory versions: what an engine of such a version decides is copied into the current
// engine's kept history (the part of each timeline before its floor), span by span.
import type { Interval } from '../domain/intervals.js';
import type { IncrementalEngine, ServiceChange, Transition } from './incremental.js';
import { sameState } from './service-state.js';

/** A service's span whose transitions changed; `end` is one past the last instant written. */
export interface HistorySpan {
  service: string;
  start: number;
  end: number;
}

/** What copying history changed: the spans to store again and the transitions that are new. */
export interface Restored {
  spans: HistorySpan[];
  changes: ServiceChange[];
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

/** Whether two lists of transitions are the same, instant by instant. */
function same(a: readonly Transition[], b: readonly Transition[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.at !== b[i]!.at || !sameState(a[i]!, b[i]!)) return false;
  }
  return true;
}

/** The transitions at instants in [start, end] (the end included), keyed by comparable text. */
function between(engine: IncrementalEngine, key: string, start: number, end: number) {
  const timeline = engine.timeline(key);
  const list = timeline.transitions;
  const out = new Map<string, Transition>();
  for (let k = timeline.indexAt(start); k < list.length && list[k]!.at <= end; k++) {
    const t = list[k]!;
    const text = `${t.at}|${t.down}|${t.planned}|${t.atRisk}|${t.rootCause.join(';')}`;
    if (t.at >= start) out.set(text, t);
  }
  return out;
}

/**
 * Copies into `current`'s kept history what `old` (an engine of an earlier version) computes for
 * each service over the span given for it; returns what changed.
 */
export function restoreFrom(
  current: IncrementalEngine,
  old: IncrementalEngine,
  spans: ReadonlyMap<string, Interval>,
): Restored {
  const out: Restored = { spans: [], changes: [] };
  for (const [service, span] of spans) {
    const end = Math.min(span.end, current.floor(service));
    if (end <= span.start) continue;
    const within = { start: span.start, end };
    const fresh = transitionsOver(old, service, within);
    // the common case: what is kept already is what the earlier version decides
    if (same(fresh, transitionsOver(current, service, within))) continue;
    const before = between(current, service, span.start, end);
    current.restoreHistory(service, span.start, end, fresh);
    const after = between(current, service, span.start, end);
    const added = [...after].filter(([text]) => !before.has(text)).map(([, t]) => t);
    if (added.length === 0 && after.size === before.size) continue;
    out.spans.push({ service, start: span.start, end: Number.isFinite(end) ? end + 1 : end });
    for (const t of added) if (Number.isFinite(t.at)) out.changes.push({ service, ...t });
  }
  return out;
}
