// The availability seam: for a viewer and a period, the report of every service they may see,
// answered from the running incremental engine (the batch `computeReport` is the reference only).
import type { EntityManager } from '@mikro-orm/knex';
import type { DownIntervals } from '../domain/claims.js';
import type { Inventory } from '../domain/inventory.js';
import { inventoryOfEntries, ruleEffectKey } from '../domain/inventory-entries.js';
import type { Period } from '../domain/period.js';
import type { RuleEffectMapping } from '../domain/rule-effects.js';
import { visibleCustomerIds, type Viewer } from '../domain/viewer.js';
import { CustomerSchema } from '../db/entities/customer.js';
import { storedEntries } from '../db/inventory-read.js';
import { adminRuleEffects, readSnmpOnly } from '../db/settings-repo.js';
import { inferredMappings } from './reconcile-rules.js';
import type { Report } from '../graph/engine.js';
import type { IncrementalEngine } from '../graph/incremental.js';
import { engineReport } from '../graph/incremental-reports.js';

export interface AvailabilityDeps {
  /** epoch seconds */
  now: () => number;
  /** zone of the default period across customers (DEFAULT_TIMEZONE) */
  defaultTimezone: string;
  /** the running engine (every committed event applied) and the inventory it was built from */
  engine: EngineSource;
}

export interface EngineSource {
  current(): Promise<{ engine: IncrementalEngine; inventory: Inventory }>;
}

export interface ScopedReport {
  period: Period;
  now: number;
  /** the whole inventory in force (topology, windows); `report` covers the visible services */
  inventory: Inventory;
  report: Report;
  /** customer key -> time zone, of the visible customers */
  timezones: Map<string, string>;
}

/**
 * The stored inventory (declared and imported) as the engine's canonical inventory: read with plain
 * SQL and taken as stored (it was validated before it was stored), roles derived from the rules,
 * with the operational settings in force (the admin's rule effects, the SNMP-only switch).
 */
export async function inventoryInForce(em: EntityManager): Promise<Inventory> {
  const entries = await storedEntries(em, { declaredOnly: false });
  const mappings = await mappingsInForce(em, entries.ruleEffects);
  entries.ruleEffects = new Map([...mappings].map(([key, m]) => [key, m.mapping]));
  const inventory = inventoryOfEntries(entries);
  if (await readSnmpOnly(em)) inventory.snmpOnlyCountsAsDown = true;
  return inventory;
}

/** Where a rule-effect mapping in force comes from. */
export type MappingSource = 'admin' | 'document' | 'inferred';

/**
 * The rule-effect mappings in force, by key (`id:N`, `name:x`): the inventory document's, the
 * admin's over them by rule id (an id wins over names), then the effects inferred from
 * LibreNMS's rules for the rules neither maps.
 */
export async function mappingsInForce(
  em: EntityManager,
  document: ReadonlyMap<string, RuleEffectMapping>,
): Promise<Map<string, { mapping: RuleEffectMapping; source: MappingSource }>> {
  const out = new Map<string, { mapping: RuleEffectMapping; source: MappingSource }>();
  for (const [key, mapping] of document) out.set(key, { mapping, source: 'document' });
  for (const [ruleId, effect] of await adminRuleEffects(em))
    out.set(ruleEffectKey({ ruleId }), { mapping: { ruleId, effect }, source: 'admin' });
  for (const [key, mapping] of await inferredMappings(em, new Set(out.keys())))
    out.set(key, { mapping, source: 'inferred' });
  return out;
}

/** Keys of customers the viewer may see, with their time zones. */
export async function visibleCustomers(
  em: EntityManager,
  viewer: Viewer,
): Promise<Map<string, string>> {
  const ids = visibleCustomerIds(viewer);
  const rows = await em.find(CustomerSchema, ids === 'all' ? {} : { id: { $in: ids } });
  return new Map(rows.map((c) => [c.key, c.timezone]));
}

/** Refs held down at `now` by at least one claim. */
export function downAt(down: DownIntervals, now: number): Set<string> {
  const out = new Set<string>();
  for (const [ref, list] of down) {
    if (list.some((i) => i.start <= now && now < i.end)) out.add(ref);
  }
  return out;
}

/** Every visible service's report for the period (optionally only the service `onlyKey`). */
export async function serviceReports(
  em: EntityManager,
  viewer: Viewer,
  period: Period,
  deps: AvailabilityDeps,
  onlyKey?: string,
): Promise<ScopedReport> {
  const now = deps.now();
  const { engine, inventory } = await deps.engine.current();
  const timezones = await visibleCustomers(em, viewer);
  const services = inventory.services.filter(
    (s) => timezones.has(s.customer) && (onlyKey === undefined || s.key === onlyKey),
  );
  const report = engineReport(engine, inventory, services, { ...period, now });
  return { period, now, inventory, report, timezones };
}
