// Batch recomputation from the event log: claims -> component intervals -> service timelines -> incidents -> uptime and CSV.
import {
  alertClaims,
  mergeClaims,
  outageClaims,
  type ClaimSettings,
  type DownIntervals,
  type OutageRow,
} from '../domain/claims.js';
import {
  incidentsCsv,
  servicesCsv,
  type IncidentCsvRow,
  type ServiceCsvRow,
} from '../domain/csv.js';
import type { AlertEvent } from '../domain/events.js';
import { incidentsOf, type Incident } from '../domain/incidents.js';
import { intersect, measure, type Interval } from '../domain/intervals.js';
import type { Customer, Inventory, Service } from '../domain/inventory.js';
import { ruleEffectResolver } from '../domain/rule-effects.js';
import { serviceTimeline, type Segment } from '../domain/timeline.js';
import { incidentCounted, uptimeFigures, type UptimeFigures } from '../domain/uptime.js';
import { componentCover, serviceWindowSpans } from '../domain/windows.js';
import { compileTopology, type CompiledTopology } from './compiled.js';
import { DependencyCache } from './dependency-cache.js';
import { modelService, namedRefs, type ServiceModel } from './service-model.js';
import { buildTopology } from './topology.js';

export interface ReportOptions {
  from: number;
  to: number;
  now: number;
  settings?: ClaimSettings;
  /** LibreNMS outage history rows (an independent claim source). */
  outages?: readonly OutageRow[];
}

export interface ReportIncident extends Incident {
  inPeriodSeconds: number;
  counted: boolean;
}

export interface ServiceReport {
  service: Service;
  customer: Customer | null;
  model: ServiceModel;
  segments: Segment[];
  figures: UptimeFigures;
  /** Incidents overlapping [from, min(to, now)). */
  incidents: ReportIncident[];
}

export interface Report {
  services: ServiceReport[];
  /** Raw down intervals (all claim sources merged) per component. */
  down: DownIntervals;
  servicesCsv: string;
  incidentsCsv: string;
}

/** The topology of an inventory, compiled, with every component its rules name. */
export function compileInventory(inventory: Inventory): CompiledTopology {
  const graph = buildTopology({
    devices: inventory.devices,
    ports: inventory.ports,
    links: inventory.links,
    refs: namedRefs(inventory.services.map((s) => s.requires)),
  });
  return compileTopology(graph);
}

/** Earliest instant any claim starts, or `fallback`. */
export function horizon(down: DownIntervals, fallback: number): number {
  let t = fallback;
  for (const list of down.values()) t = Math.min(t, list[0]?.start ?? t);
  return t;
}

interface Context {
  inventory: Inventory;
  topology: CompiledTopology;
  cache: DependencyCache;
  down: DownIntervals;
  covered: DownIntervals;
  options: ReportOptions;
}

function reportService(ctx: Context, service: Service): ServiceReport {
  const { options: o, inventory } = ctx;
  const model = modelService(ctx.topology, service.requires, ctx.cache);
  const start = service.activeFrom ?? horizon(ctx.down, o.from);
  const activeEnd = service.activeUntil ?? Infinity;
  const segments = serviceTimeline({
    start,
    end: Math.min(activeEnd, o.now),
    watch: model.dependencies,
    down: ctx.down,
    covered: ctx.covered,
    evaluate: model.evaluate,
  });
  const all = incidentsOf(segments, o.now < activeEnd);
  const figures = uptimeFigures({
    ...o,
    activeFrom: service.activeFrom,
    activeUntil: service.activeUntil,
    windowSpans: serviceWindowSpans(inventory.maintenance, service),
    segments,
    incidents: all,
    slaTarget: service.slaTarget,
  });
  const period: Interval[] = [{ start: o.from, end: Math.min(o.to, o.now) }];
  const incidents = all
    .map((i) => ({
      ...i,
      inPeriodSeconds: measure(intersect([{ start: i.start, end: i.end }], period)),
      counted: incidentCounted(i, figures.eligible),
    }))
    .filter((i) => i.inPeriodSeconds > 0);
  const customer = inventory.customers.find((c) => c.key === service.customer) ?? null;
  return { service, customer, model, segments, figures, incidents };
}

function coveredDown(down: DownIntervals, cover: Map<string, Interval[]>): DownIntervals {
  const out: DownIntervals = new Map();
  for (const [ref, spans] of cover) out.set(ref, intersect(down.get(ref) ?? [], spans));
  return out;
}

export function serviceRow(r: ServiceReport, o: ReportOptions): ServiceCsvRow {
  const f = r.figures;
  return {
    customerKey: r.service.customer,
    customerName: r.customer?.name ?? '',
    serviceKey: r.service.key,
    serviceName: r.service.name,
    periodFrom: o.from,
    periodTo: o.to,
    eligibleSeconds: f.eligibleSeconds,
    downtimeSeconds: f.downtimeSeconds,
    uptimePercent: f.uptimePercent,
    incidents: f.incidents,
    slaTarget: r.service.slaTarget,
    slaMet: f.slaMet,
    errorBudgetSeconds: f.errorBudgetSeconds,
    mttrSeconds: f.mttrSeconds,
  };
}

export function incidentRows(r: ServiceReport): IncidentCsvRow[] {
  return r.incidents.map((i) => ({
    customerKey: r.service.customer,
    serviceKey: r.service.key,
    serviceName: r.service.name,
    startedAt: i.start,
    endedAt: i.open ? null : i.end,
    inPeriodSeconds: i.inPeriodSeconds,
    counted: i.counted,
    rootCause: i.rootCause,
    rootCausesDuring: i.rootCausesDuring,
  }));
}

/** Recomputes every service of the inventory from the events, for the period [from, to) as of `now`. */
export function computeReport(
  inventory: Inventory,
  events: readonly AlertEvent[],
  options: ReportOptions,
): Report {
  const effectOf = ruleEffectResolver(inventory.ruleEffects);
  const down = mergeClaims(
    alertClaims(events, effectOf, options.settings),
    outageClaims(options.outages ?? [], options.settings),
  );
  const cover = componentCover(inventory.maintenance, inventory);
  const topology = compileInventory(inventory);
  const ctx: Context = {
    inventory,
    topology,
    cache: new DependencyCache(topology),
    down,
    covered: coveredDown(down, cover),
    options,
  };
  const services = inventory.services.map((s) => reportService(ctx, s));
  return {
    services,
    down,
    servicesCsv: servicesCsv(services.map((r) => serviceRow(r, options))),
    incidentsCsv: incidentsCsv(services.flatMap(incidentRows)),
  };
}
