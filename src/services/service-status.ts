// One service's figures and state as the Automation API shows them (snake_case, instants ISO 8601).
import { formatInstant } from '../domain/instants.js';
import type { Inventory } from '../domain/inventory.js';
import { componentCover, serviceWindowSpans } from '../domain/windows.js';
import type { ReportIncident, ServiceReport } from '../graph/engine.js';

const iso = (t: number) => formatInstant(t);
const covers = (list: readonly { start: number; end: number }[], t: number) =>
  list.some((i) => i.start <= t && t < i.end);

export interface StatusContext {
  inventory: Inventory;
  now: number;
  /** refs held down by a claim at `now` */
  down: ReadonlySet<string>;
  cover: Map<string, { start: number; end: number }[]>;
}

export function statusContext(inventory: Inventory, now: number, down: Set<string>): StatusContext {
  return { inventory, now, down, cover: componentCover(inventory.maintenance, inventory) };
}

/** Start of the trailing run of segments in the current state, when the timeline reaches now. */
function since(r: ServiceReport, down: boolean, now: number): string | null {
  const segs = r.segments;
  if (segs.length === 0 || segs[segs.length - 1]!.end !== now) return null;
  let i = segs.length - 1;
  while (i > 0 && segs[i - 1]!.down === down) i--;
  return segs[i]!.down === down ? iso(segs[i]!.start) : null;
}

function inMaintenance(r: ServiceReport, ctx: StatusContext): boolean {
  if (covers(serviceWindowSpans(ctx.inventory.maintenance, r.service), ctx.now)) return true;
  return r.model.dependencies.some((ref) => covers(ctx.cover.get(ref) ?? [], ctx.now));
}

/** The fields every service row carries (list and detail). */
export function serviceStatus(r: ServiceReport, ctx: StatusContext) {
  const state = r.model.evaluate(ctx.down);
  const f = r.figures;
  return {
    key: r.service.key,
    customer: r.service.customer,
    name: r.service.name,
    state: state.down ? 'down' : 'up',
    at_risk: !state.down && r.model.atRisk(ctx.down),
    in_maintenance: inMaintenance(r, ctx),
    since: since(r, state.down, ctx.now),
    eligible_seconds: f.eligibleSeconds,
    downtime_seconds: f.downtimeSeconds,
    uptime_percent: f.uptimePercent === null ? null : Number(f.uptimePercent),
    incidents: f.incidents,
    sla_target_percent: Number(r.service.slaTarget),
    sla_met: f.slaMet,
    error_budget_seconds: f.errorBudgetSeconds,
    mttr_seconds: f.mttrSeconds,
  };
}

export function incidentView(i: ReportIncident) {
  return {
    started_at: iso(i.start),
    ended_at: i.open ? null : iso(i.end),
    duration_seconds: i.open ? null : i.end - i.start,
    in_period_seconds: i.inPeriodSeconds,
    counted: i.counted,
    root_cause: i.rootCause,
    root_causes_during: i.rootCausesDuring,
  };
}

/** The detail view: status, root cause now, dependencies (SPOF, state) and the period's incidents. */
export function serviceDetail(r: ServiceReport, ctx: StatusContext) {
  const deviceOf = new Map(
    ctx.inventory.ports.map((p) => [`port:${p.id}`, `device:${p.deviceId}`]),
  );
  const isDown = (ref: string) => ctx.down.has(ref) || ctx.down.has(deviceOf.get(ref) ?? '');
  const spofs = new Set(r.model.spofs);
  return {
    ...serviceStatus(r, ctx),
    root_cause: r.model.evaluate(ctx.down).rootCause,
    dependencies: r.model.dependencies.map((ref) => ({
      ref,
      spof: spofs.has(ref),
      state: isDown(ref) ? 'down' : 'up',
    })),
    period_incidents: r.incidents.map(incidentView),
  };
}
