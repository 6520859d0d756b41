// Uptime figures from an incremental timeline: daily roll-ups answer without reading the period's transitions.
import { incidentsOf } from '../domain/incidents.js';
import { intersect, measure } from '../domain/intervals.js';
import type { Service, Window } from '../domain/inventory.js';
import { fastSlaFigures } from '../domain/sla-fast.js';
import { uptimeFigures, type UptimeFigures } from '../domain/uptime.js';
import { serviceWindowSpans } from '../domain/windows.js';
import type { ServiceTimeline } from './service-timeline.js';

export interface Period {
  from: number;
  to: number;
  now: number;
}

/** Incidents that end in (start, end]: at a recovery, or where the timeline stops (not "now"). */
function endedIn(
  t: ServiceTimeline,
  start: number,
  end: number,
  ends: number,
  p: Period,
  activeEnd: number,
) {
  const atStart = t.stateAt(start);
  let n = ends - (atStart.at === start && !atStart.down && t.stateBefore(start).down ? 1 : 0);
  if (!t.stateBefore(end).down) return n;
  if (end === Math.min(activeEnd, p.now)) return p.now < activeEnd ? n : n + 1;
  const atEnd = t.stateAt(end);
  if (atEnd.at === end && !atEnd.down) n++;
  return n;
}

/** Figures from roll-ups when no service window and no planned time touch the eligible span. */
function quick(service: Service, t: ServiceTimeline, p: Period, start: number, end: number) {
  if (t.headDown()) return null;
  const tally = t.tally(start, end);
  if (tally.planned > 0) return null;
  const eligible = end - start;
  const sla = fastSlaFigures(eligible, tally.down, service.slaTarget);
  const base = { ...sla, eligibleSeconds: eligible, downtimeSeconds: tally.down };
  if (tally.down === 0)
    return { ...base, incidents: 0, mttrSeconds: null, eligible: [{ start, end }] };
  const atStart = t.stateAt(start);
  const startsAtStart = atStart.at === start && atStart.down && !t.stateBefore(start).down;
  const incidents = tally.starts - (startsAtStart ? 1 : 0) + (atStart.down ? 1 : 0);
  const ended = endedIn(t, start, end, tally.ends, p, service.activeUntil ?? Infinity);
  const mttrSeconds = ended === 0 ? null : roundHalfUp(tally.down, ended);
  return { ...base, incidents, mttrSeconds, eligible: [{ start, end }] };
}

/** n / d rounded half up for n >= 0, d > 0 (as `roundDiv`), exactly for safe integers. */
function roundHalfUp(n: number, d: number): number {
  const a = 2 * n + d;
  const b = 2 * d;
  let q = Math.floor(a / b);
  while (q * b > a) q--;
  while ((q + 1) * b <= a) q++;
  return q;
}

/** The same figures as the batch report: from roll-ups when possible, else from segments. */
export function timelineFigures(
  service: Service,
  timeline: ServiceTimeline,
  windows: readonly Window[],
  p: Period,
): UptimeFigures {
  const start = Math.max(p.from, service.activeFrom ?? -Infinity);
  const activeEnd = service.activeUntil ?? Infinity;
  const end = Math.min(p.to, p.now, activeEnd);
  const spans = windows.length === 0 ? [] : serviceWindowSpans(windows, service);
  if (end > start && (spans.length === 0 || measure(intersect(spans, [{ start, end }])) === 0)) {
    const figures = quick(service, timeline, p, start, end);
    if (figures !== null) return figures;
  }
  const last = Math.min(activeEnd, p.now);
  const segments = last > start ? timeline.segments(start, last) : [];
  return uptimeFigures({
    ...p,
    activeFrom: service.activeFrom,
    activeUntil: service.activeUntil,
    windowSpans: spans,
    segments,
    incidents: incidentsOf(segments, p.now < activeEnd),
    slaTarget: service.slaTarget,
  });
}
