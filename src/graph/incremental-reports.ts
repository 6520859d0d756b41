// The batch report's shape (services, CSVs) answered from an incremental engine's timelines.
import { incidentsCsv, servicesCsv } from '../domain/csv.js';
import type { DownIntervals } from '../domain/claims.js';
import { incidentsOf } from '../domain/incidents.js';
import { intersect, measure, type Interval } from '../domain/intervals.js';
import type { Customer, Inventory, Service } from '../domain/inventory.js';
import { incidentCounted } from '../domain/uptime.js';
import {
  horizon,
  incidentRows,
  serviceRow,
  type Report,
  type ReportOptions,
  type ServiceReport,
} from './engine.js';
import type { IncrementalEngine } from './incremental.js';
import { serviceModelOf, type ServiceModel } from './service-model.js';
import type { StateModel } from './service-state.js';

/** Service models per engine model (services with the same rule share one). */
const models = new WeakMap<StateModel, ServiceModel>();

function modelOf(engine: IncrementalEngine, key: string): ServiceModel {
  const m = engine.model(key);
  let known = models.get(m);
  if (known === undefined) {
    const deps = { components: Array.from(m.deps), spofs: Array.from(m.spofs) };
    known = serviceModelOf(engine.c, m.rule, deps);
    models.set(m, known);
  }
  return known;
}

function reportService(
  engine: IncrementalEngine,
  customers: ReadonlyMap<string, Customer>,
  service: Service,
  o: ReportOptions,
  down: DownIntervals,
): ServiceReport {
  const start = service.activeFrom ?? horizon(down, o.from);
  const activeEnd = service.activeUntil ?? Infinity;
  const segments = engine.segments(service.key, start, Math.min(activeEnd, o.now));
  const all = incidentsOf(segments, o.now < activeEnd);
  const figures = engine.figures(service.key, o);
  const period: Interval[] = [{ start: o.from, end: Math.min(o.to, o.now) }];
  const incidents = all
    .map((i) => ({
      ...i,
      inPeriodSeconds: measure(intersect([{ start: i.start, end: i.end }], period)),
      counted: incidentCounted(i, figures.eligible),
    }))
    .filter((i) => i.inPeriodSeconds > 0);
  const customer = customers.get(service.customer) ?? null;
  const model = modelOf(engine, service.key);
  return { service, customer, model, segments, figures, incidents };
}

/** The report of `services` (engine services of `inventory`) for [from, to) as of `now`. */
export function engineReport(
  engine: IncrementalEngine,
  inventory: Inventory,
  services: readonly Service[],
  options: ReportOptions,
): Report {
  const down = engine.downIntervals() as DownIntervals;
  const customers = new Map(inventory.customers.map((c) => [c.key, c]));
  const reports = services.map((s) => reportService(engine, customers, s, options, down));
  return {
    services: reports,
    down,
    servicesCsv: servicesCsv(reports.map((r) => serviceRow(r, options))),
    incidentsCsv: incidentsCsv(reports.flatMap(incidentRows)),
  };
}
