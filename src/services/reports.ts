// Use cases over the availability seam: service list, one service, CSV exports and what-if impact.
import type { EntityManager } from '@mikro-orm/knex';
import { NotFoundError, ValidationError, type ErrorDetail } from '../domain/errors.js';
import { formatInstant } from '../domain/instants.js';
import { resolvePeriod, type Period } from '../domain/period.js';
import { createResolver } from '../domain/refs.js';
import type { Viewer } from '../domain/viewer.js';
import { customerOfService, inventoryContext } from '../db/inventory-read.js';
import {
  downAt,
  serviceReports,
  visibleCustomers,
  type AvailabilityDeps,
  type ScopedReport,
} from './availability.js';
import { serviceDetail, serviceStatus, statusContext } from './service-status.js';

export interface PeriodQuery {
  from?: string | undefined;
  to?: string | undefined;
}

const periodView = (p: Period) => ({ from: formatInstant(p.from), to: formatInstant(p.to) });
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class Reports {
  constructor(private readonly deps: AvailabilityDeps) {}

  private scoped(em: EntityManager, viewer: Viewer, q: PeriodQuery, zone: string, key?: string) {
    const now = this.deps.now();
    const period = resolvePeriod(q, zone, now);
    return serviceReports(em, viewer, period, { ...this.deps, now: () => now }, key);
  }

  private context(s: ScopedReport) {
    return statusContext(s.inventory, s.now, downAt(s.report.down, s.now));
  }

  /** GET /services: every visible service over the period (default: this month, DEFAULT_TIMEZONE). */
  async list(em: EntityManager, viewer: Viewer, q: PeriodQuery) {
    const s = await this.scoped(em, viewer, q, this.deps.defaultTimezone);
    const ctx = this.context(s);
    const rows = s.report.services
      .map((r) => serviceStatus(r, ctx))
      .sort((a, b) => byText(a.customer, b.customer) || byText(a.key, b.key));
    return { period: periodView(s.period), services: rows };
  }

  /** GET /services/{key}: one visible service (default period: the month in its customer's zone). */
  async detail(em: EntityManager, viewer: Viewer, key: string, q: PeriodQuery) {
    const customer = await customerOfService(em, key);
    const visible = await visibleCustomers(em, viewer);
    if (customer === null || !visible.has(customer.key))
      throw new NotFoundError(`no service "${key}"`);
    const zone = customer.timezone;
    const s = await this.scoped(em, viewer, q, zone, key);
    return {
      period: periodView(s.period),
      ...serviceDetail(s.report.services[0]!, this.context(s)),
    };
  }

  /** The services.csv or incidents.csv export of the visible services. */
  async csv(em: EntityManager, viewer: Viewer, q: PeriodQuery, kind: 'services' | 'incidents') {
    const s = await this.scoped(em, viewer, q, this.deps.defaultTimezone);
    return kind === 'services' ? s.report.servicesCsv : s.report.incidentsCsv;
  }

  /** What-if: the visible services down / at risk with `refs` additionally down, now. */
  async impact(em: EntityManager, viewer: Viewer, refs: readonly string[]) {
    const extra = await resolveKnown(em, refs);
    const now = this.deps.now();
    const s = await serviceReports(em, viewer, { from: now, to: now + 1 }, this.deps);
    const whatIf = new Set([...downAt(s.report.down, now), ...extra]);
    const down: string[][] = [];
    const atRisk: string[][] = [];
    for (const r of s.report.services) {
      const { activeFrom: from, activeUntil: until } = r.service;
      if ((from !== null && now < from) || (until !== null && now >= until)) continue;
      const pair = [r.service.key, r.service.customer];
      if (r.model.evaluate(whatIf).down) down.push(pair);
      else if (r.model.atRisk(whatIf)) atRisk.push(pair);
    }
    const group = (pairs: string[][]) => ({
      services: pairs.map((p) => p[0]!).sort(byText),
      customers: [...new Set(pairs.map((p) => p[1]!))].sort(byText),
    });
    return { down: group(down), at_risk: group(atRisk) };
  }
}

/** Canonical refs of known components; a 422 naming each ref that matches none or several. */
async function resolveKnown(em: EntityManager, refs: readonly string[]): Promise<string[]> {
  const { catalogue } = await inventoryContext(em);
  const resolve = createResolver(catalogue);
  const known = new Set([
    ...catalogue.devices.map((d) => `device:${d.id}`),
    ...catalogue.ports.map((p) => `port:${p.id}`),
  ]);
  const errors: ErrorDetail[] = [];
  const out = refs.map((ref, i) => {
    const r = resolve(ref);
    const message = r.ok ? (known.has(r.ref) ? null : `unknown component "${ref}"`) : r.message;
    if (message !== null) errors.push({ path: `components[${i}]`, message });
    return r.ok ? r.ref : ref;
  });
  if (errors.length > 0)
    throw new ValidationError('unknown components', errors, 422, 'invalid_components');
  return out;
}
