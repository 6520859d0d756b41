// Renders stored inventory entries as an inventory document (GET), which PUT accepts unchanged.
import { formatInstant } from './instants.js';
import type { Entries } from './inventory-entries.js';

const iso = (t: number | null) => (t === null ? null : formatInstant(t));

/** The SLA target as a JSON number when that keeps its exact text, else the text itself. */
function slaTargetValue(text: string): number | string {
  return String(Number(text)) === text ? Number(text) : text;
}

/** Drops null properties and empty lists, for a tidy document. */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)),
  ) as Partial<T>;
}

const sorted = <K, V>(m: Map<K, V>, cmp: (a: K, b: K) => number): V[] =>
  [...m.entries()].sort(([a], [b]) => cmp(a, b)).map(([, v]) => v);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNumber = (a: number, b: number) => a - b;

export function documentOf(e: Entries): Record<string, unknown> {
  return {
    customers: sorted(e.customers, byText).map((c) => compact({ ...c })),
    services: sorted(e.services, byText).map((s) => ({
      key: s.key,
      customer: s.customer,
      name: s.name,
      slaTarget: slaTargetValue(s.slaTarget),
      activeFrom: iso(s.activeFrom),
      activeUntil: iso(s.activeUntil),
      requires: s.requires,
    })),
    devices: sorted(e.devices, byNumber).map((d) => compact({ ...d })),
    ports: sorted(e.ports, byNumber),
    links: sorted(e.links, byText),
    roleRules: e.roleRules ?? [],
    maintenance: sorted(e.maintenance, byText).map((w) =>
      compact({ ...w, start: iso(w.start), end: iso(w.end) }),
    ),
    ruleEffects: sorted(e.ruleEffects, byText),
    alertSources: e.alertSources ?? [],
  };
}
