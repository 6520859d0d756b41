// Windows (availability.md §5): spans taken out of a service's agreed time, and components' planned cover.
import { normalize, type Interval } from './intervals.js';
import { deviceRef, portRef, splitIdRef } from './refs.js';

export type WindowScope =
  { all: true } | { customers: string[] } | { services: string[] } | { components: string[] };

export interface ScopedWindow {
  start: number;
  end: number;
  scope: WindowScope;
}

/** Spans of windows on all services, the service's customer or the service itself. */
export function serviceWindowSpans(
  windows: readonly ScopedWindow[],
  service: { key: string; customer: string },
): Interval[] {
  const applies = (s: WindowScope) =>
    'all' in s ||
    ('customers' in s && s.customers.includes(service.customer)) ||
    ('services' in s && s.services.includes(service.key));
  return normalize(
    windows.filter((w) => applies(w.scope)).map((w) => ({ start: w.start, end: w.end })),
  );
}

export interface CoverTopology {
  ports: readonly { id: number; deviceId: number }[];
  links: readonly { a: string; b: string }[];
}

/** The components a window on `ref` covers: a device covers its ports and the ports linked to them or to it. */
function coveredBy(ref: string, topo: CoverTopology, neighbours: Map<string, string[]>): string[] {
  const parsed = splitIdRef(ref);
  if (parsed?.kind !== 'device') return [ref];
  const own = topo.ports.filter((p) => p.deviceId === parsed.id).map((p) => portRef(p.id));
  const out = new Set([ref, ...own]);
  for (const end of [deviceRef(parsed.id), ...own]) {
    for (const n of neighbours.get(end) ?? []) if (n.startsWith('port:')) out.add(n);
  }
  return [...out];
}

/** Per component, the spans during which a component window covers it. */
export function componentCover(
  windows: readonly ScopedWindow[],
  topo: CoverTopology,
): Map<string, Interval[]> {
  const neighbours = new Map<string, string[]>();
  for (const { a, b } of topo.links) {
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  }
  const out = new Map<string, Interval[]>();
  for (const w of windows) {
    if (!('components' in w.scope)) continue;
    for (const ref of w.scope.components) {
      for (const c of coveredBy(ref, topo, neighbours)) {
        out.set(c, [...(out.get(c) ?? []), { start: w.start, end: w.end }]);
      }
    }
  }
  for (const [ref, list] of out) out.set(ref, normalize(list));
  return out;
}
