// The availability seam: for a viewer and a period, the report of every service they may see.
// Today it recomputes from the whole event log with the batch engine; an incremental engine can
// replace the body of `serviceReports` without touching the routes or the CLI.
import type { EntityManager } from '@mikro-orm/knex';
import type { ClaimSettings, DownIntervals } from '../domain/claims.js';
import { parseInventory, type Inventory } from '../domain/inventory.js';
import { documentOf } from '../domain/inventory-document.js';
import type { Period } from '../domain/period.js';
import { visibleCustomerIds, type Viewer } from '../domain/viewer.js';
import { CustomerSchema } from '../db/entities/customer.js';
import { ServiceSchema } from '../db/entities/service.js';
import { allAlertEvents } from '../db/event-repo.js';
import { storedEntries } from '../db/inventory-read.js';
import { computeReport, type Report } from '../graph/engine.js';

export interface AvailabilityDeps {
  /** epoch seconds */
  now: () => number;
  /** zone of the default period across customers (DEFAULT_TIMEZONE) */
  defaultTimezone: string;
  settings: ClaimSettings;
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

/** The stored inventory (declared and imported) as the engine's canonical inventory. */
export async function inventoryInForce(em: EntityManager): Promise<Inventory> {
  const entries = await storedEntries(em, { declaredOnly: false });
  // windows may still name removed (hidden) services
  const keys = (await em.find(ServiceSchema, {}, { fields: ['key'] })).map((s) => s.key);
  return parseInventory(documentOf(entries), { serviceKeys: keys });
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
  const inventory = await inventoryInForce(em);
  const timezones = await visibleCustomers(em, viewer);
  const services = inventory.services.filter(
    (s) => timezones.has(s.customer) && (onlyKey === undefined || s.key === onlyKey),
  );
  const events = await allAlertEvents(em.getKnex());
  const report = computeReport({ ...inventory, services }, events, {
    ...period,
    now,
    settings: deps.settings,
  });
  return { period, now, inventory, report, timezones };
}
