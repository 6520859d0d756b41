// CSV exports (interfaces.md "CSV"): RFC 4180 with CRLF, exact columns, formats and row order.
import { formatInstant } from './instants.js';

export interface ServiceCsvRow {
  customerKey: string;
  customerName: string;
  serviceKey: string;
  serviceName: string;
  periodFrom: number;
  periodTo: number;
  eligibleSeconds: number;
  downtimeSeconds: number;
  /** Four decimals, already formatted; null when eligible is 0. */
  uptimePercent: string | null;
  incidents: number;
  /** As entered. */
  slaTarget: string | null;
  slaMet: boolean | null;
  errorBudgetSeconds: number | null;
  mttrSeconds: number | null;
}

export interface IncidentCsvRow {
  customerKey: string;
  serviceKey: string;
  serviceName: string;
  startedAt: number;
  /** null while open. */
  endedAt: number | null;
  inPeriodSeconds: number;
  counted: boolean;
  rootCause: readonly string[];
  rootCausesDuring: readonly string[];
}

const SERVICE_COLUMNS =
  'customer_key,customer_name,service_key,service_name,period_from,period_to,eligible_seconds,' +
  'downtime_seconds,uptime_percent,incidents,sla_target_percent,sla_met,error_budget_seconds,mttr_seconds';
const INCIDENT_COLUMNS =
  'customer_key,service_key,service_name,started_at,ended_at,duration_seconds,in_period_seconds,' +
  'counted,root_cause,root_causes_during';

type Cell = string | number | boolean | null;

/** One field: quoted when it holds a comma, a quote, CR or LF (quotes doubled); null is empty. */
export function csvField(value: Cell): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Component refs sorted by code unit, joined by `;`. */
export function refList(refs: readonly string[]): string {
  return [...new Set(refs)].sort(byCodeUnit).join(';');
}

export function servicesCsv(rows: readonly ServiceCsvRow[]): string {
  const sorted = [...rows].sort(
    (a, b) => byCodeUnit(a.customerKey, b.customerKey) || byCodeUnit(a.serviceKey, b.serviceKey),
  );
  const lines = sorted.map((r) =>
    csvLine([
      r.customerKey,
      r.customerName,
      r.serviceKey,
      r.serviceName,
      formatInstant(r.periodFrom),
      formatInstant(r.periodTo),
      r.eligibleSeconds,
      r.downtimeSeconds,
      r.uptimePercent,
      r.incidents,
      r.slaTarget,
      r.slaMet,
      r.errorBudgetSeconds,
      r.mttrSeconds,
    ]),
  );
  return SERVICE_COLUMNS + '\r\n' + lines.join('');
}

export function incidentsCsv(rows: readonly IncidentCsvRow[]): string {
  const sorted = [...rows].sort(
    (a, b) =>
      byCodeUnit(a.customerKey, b.customerKey) ||
      byCodeUnit(a.serviceKey, b.serviceKey) ||
      a.startedAt - b.startedAt,
  );
  const lines = sorted.map((r) =>
    csvLine([
      r.customerKey,
      r.serviceKey,
      r.serviceName,
      formatInstant(r.startedAt),
      r.endedAt === null ? null : formatInstant(r.endedAt),
      r.endedAt === null ? null : r.endedAt - r.startedAt,
      r.inPeriodSeconds,
      r.counted,
      refList(r.rootCause),
      refList(r.rootCausesDuring),
    ]),
  );
  return INCIDENT_COLUMNS + '\r\n' + lines.join('');
}
