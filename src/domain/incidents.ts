// Incidents: maximal down intervals of a service timeline, with the root cause at the start and all during.
import type { Segment } from './timeline.js';

export interface Incident {
  start: number;
  /** Exclusive end; for an open incident, the instant the timeline was computed up to (now). */
  end: number;
  open: boolean;
  rootCause: string[];
  rootCausesDuring: string[];
}

/**
 * Groups consecutive down segments; `openAtEnd` says the timeline's end is "now" (not the end of
 * the service's active time), so an incident reaching it is still open.
 */
export function incidentsOf(segments: readonly Segment[], openAtEnd: boolean): Incident[] {
  const out: Incident[] = [];
  let current: Incident | null = null;
  for (const s of segments) {
    if (!s.down) {
      current = null;
      continue;
    }
    if (current !== null && current.end === s.start) {
      current.end = s.end;
      current.rootCausesDuring = [...new Set([...current.rootCausesDuring, ...s.rootCause])];
      continue;
    }
    current = {
      start: s.start,
      end: s.end,
      open: false,
      rootCause: s.rootCause,
      rootCausesDuring: s.rootCause,
    };
    out.push(current);
  }
  const last = out[out.length - 1];
  const end = segments[segments.length - 1]?.end;
  if (last !== undefined && openAtEnd && last.end === end) last.open = true;
  for (const i of out) i.rootCausesDuring = [...i.rootCausesDuring].sort(byCodeUnit);
  return out;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
