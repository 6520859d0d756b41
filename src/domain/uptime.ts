// Uptime figures (availability.md §5): eligible, downtime, uptime %, incidents, SLA met, error budget, MTTR.
import { fixed, parseDecimal, roundDiv } from './exact.js';
import type { Incident } from './incidents.js';
import { clip, intersect, measure, normalize, subtract, type Interval } from './intervals.js';
import type { Segment } from './timeline.js';

export interface SlaFigures {
  /** `100 × (1 − downtime / eligible)` with four decimals, rounded half up; null when eligible is 0. */
  uptimePercent: string | null;
  slaMet: boolean | null;
  /** `eligible × (100 − target) / 100 − downtime`, whole seconds rounded half away from zero. */
  errorBudgetSeconds: number | null;
}

export interface UptimeFigures extends SlaFigures {
  eligibleSeconds: number;
  downtimeSeconds: number;
  /** Incidents overlapping eligible time by more than zero seconds. */
  incidents: number;
  /** Counted down seconds ÷ counted incidents that ended in the period, rounded; null without any. */
  mttrSeconds: number | null;
  /** The eligible time itself, to decide whether an incident counts. */
  eligible: Interval[];
}

export interface UptimeInput {
  from: number;
  to: number;
  now: number;
  activeFrom: number | null;
  activeUntil: number | null;
  /** Windows on all services, the customer or the service. */
  windowSpans: readonly Interval[];
  segments: readonly Segment[];
  incidents: readonly Incident[];
  /** Exact decimal text of the SLA target; null when none is agreed. */
  slaTarget: string | null;
}

/** Uptime, SLA verdict and error budget in exact integer arithmetic (no floating point). */
export function slaFigures(
  eligible: number,
  downtime: number,
  slaTarget: string | null,
): SlaFigures {
  const e = BigInt(eligible);
  const d = BigInt(downtime);
  const uptimePercent = e === 0n ? null : fixed(roundDiv(1_000_000n * (e - d), e), 4);
  if (slaTarget === null) return { uptimePercent, slaMet: null, errorBudgetSeconds: null };
  const { units, scale } = parseDecimal(slaTarget);
  const allowed = e * (100n * scale - units);
  const slaMet = uptimePercent === null ? null : d * 100n * scale <= allowed;
  const errorBudgetSeconds = Number(roundDiv(allowed - d * 100n * scale, 100n * scale));
  return { uptimePercent, slaMet, errorBudgetSeconds };
}

/** `[from, min(to, now))` ∩ active time, minus service windows and planned down time. */
export function eligibleTime(input: UptimeInput): Interval[] {
  const start = Math.max(input.from, input.activeFrom ?? -Infinity);
  const end = Math.min(input.to, input.now, input.activeUntil ?? Infinity);
  const planned = normalize(input.segments.filter((s) => s.planned));
  return subtract(
    subtract(clip([{ start: -Infinity, end: Infinity }], start, end), input.windowSpans),
    planned,
  );
}

/** Whether an incident counts against the SLA: it overlaps eligible time by more than zero seconds. */
export function incidentCounted(incident: Incident, eligible: readonly Interval[]): boolean {
  return measure(intersect([{ start: incident.start, end: incident.end }], eligible)) > 0;
}

export function uptimeFigures(input: UptimeInput): UptimeFigures {
  const eligible = eligibleTime(input);
  const down = normalize(input.segments.filter((s) => s.down));
  const eligibleSeconds = measure(eligible);
  const downtimeSeconds = measure(intersect(down, eligible));
  const counted = input.incidents.filter((i) => incidentCounted(i, eligible));
  const periodEnd = Math.min(input.to, input.now);
  const ended = counted.filter((i) => !i.open && i.end > input.from && i.end <= periodEnd).length;
  const mttrSeconds = ended === 0 ? null : Number(roundDiv(BigInt(downtimeSeconds), BigInt(ended)));
  return {
    ...slaFigures(eligibleSeconds, downtimeSeconds, input.slaTarget),
    eligibleSeconds,
    downtimeSeconds,
    incidents: counted.length,
    mttrSeconds,
    eligible,
  };
}

/** Aggregate over several services: sums of seconds, then the same formulas (never averaged). */
export function aggregateUptime(
  rows: readonly { eligibleSeconds: number; downtimeSeconds: number; incidents: number }[],
  slaTarget: string | null = null,
): SlaFigures & { eligibleSeconds: number; downtimeSeconds: number; incidents: number } {
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  const eligibleSeconds = sum((r) => r.eligibleSeconds);
  const downtimeSeconds = sum((r) => r.downtimeSeconds);
  return {
    ...slaFigures(eligibleSeconds, downtimeSeconds, slaTarget),
    eligibleSeconds,
    downtimeSeconds,
    incidents: sum((r) => r.incidents),
  };
}
