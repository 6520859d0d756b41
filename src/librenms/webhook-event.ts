// From validated webhook fields to the engine's AlertEvent: event time, fault refs, reasons.

import type { AlertEvent } from '../domain/events.js';
import { localDateTimeToEpoch } from '../domain/local-time.js';
import { SCHEMA_V1 } from './webhook-fields.js';
import type { FaultRow, WebhookFields } from './webhook-schema.js';

const EPOCH = /^\s*\d+(?:\.\d+)?\s*$/;
const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;

/** Epoch seconds from a positive number or numeric string (PHP's `date('U')` of nothing is 0). */
export function epochFrom(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && EPOCH.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : null;
}

/** Epoch seconds of an ISO 8601 datetime with `Z` or an offset (`+01:00`, `+0100`). */
export function isoToEpoch(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const m = ISO.exec(v.trim());
  if (!m) return null;
  const [, date, time, zulu, sign, hh, mm] = m;
  const wall = localDateTimeToEpoch(`${date} ${time}`, 'UTC');
  if (wall === null) return null;
  if (zulu) return wall;
  const hours = Number(hh);
  const minutes = Number(mm);
  if (hours > 23 || minutes > 59) return null;
  const offset = (hours * 3600 + minutes * 60) * (sign === '-' ? -1 : 1);
  return wall - offset;
}

/** The event's time: `timestamp_epoch`, else the ISO `timestamp`, else the naive one in `zone`. */
export function eventTime(times: WebhookFields['times'], timeZone: string): number | null {
  return (
    epochFrom(times.epoch) ??
    isoToEpoch(times.iso) ??
    (typeof times.raw === 'string' ? localDateTimeToEpoch(times.raw, timeZone) : null)
  );
}

/** Sorted, each once; a list of none or one is copied without a Set and a sort. */
const sortedUnique = (values: readonly string[]): string[] =>
  values.length < 2 ? [...values] : [...new Set(values)].sort();

/** `port:<port_id>` for port rows, else `device:<device_id>` (the row's, else the alert's). */
export function faultRefs(rows: readonly FaultRow[], deviceId: number): string[] {
  return sortedUnique(
    rows.map((r) => (r.portId !== null ? `port:${r.portId}` : `device:${r.deviceId ?? deviceId}`)),
  );
}

/** `icmp,snmp` (LibreNMS >= 26.7) or `icmp` -> its parts, trimmed, empties dropped. */
function splitReasons(text: string | null): string[] {
  // most rows and devices have none: no split, no copies
  if (text === null || text === '') return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Reasons from the fault rows when any row has one, else from the device. */
export function statusReasons(rows: readonly FaultRow[] | null, device: string | null): string[] {
  const fromRows: string[] = [];
  for (const r of rows ?? []) if (r.statusReason) fromRows.push(...splitReasons(r.statusReason));
  return sortedUnique(fromRows.length > 0 ? fromRows : splitReasons(device));
}

export function toAlertEvent(f: WebhookFields, at: number, receivedAt: number): AlertEvent {
  return {
    source: 'librenms',
    logId: f.logId,
    incidentLogId: f.incidentLogId,
    alertId: f.alertId,
    ruleId: f.ruleId,
    ruleName: f.ruleName,
    deviceId: f.deviceId,
    hostname: f.hostname,
    state: f.state,
    at,
    receivedAt: Math.floor(receivedAt),
    faults: f.faults === null ? null : faultRefs(f.faults, f.deviceId),
    statusReasons: statusReasons(f.faults, f.deviceStatusReason),
  };
}

/** The alert-log fields of one LibreNMS `/logs/alertlog` row that an event is made from. */
export interface AlertLogRowFields {
  id: number;
  device_id: number;
  rule_id: number | null;
  state: number;
  /** epoch seconds (the client reads `time_logged` in the LibreNMS time zone) */
  time_logged: number | null;
  hostname: string | null;
  details: { rule?: unknown; diff?: unknown } | null;
}

/** Marks events that reconciliation filled in from the alert log (kept in the stored body). */
export const ALERT_LOG_TRANSPORT = 'pathuptime-reconcile-alertlog';

/**
 * An alert-log row as a `librenms.alert.v1` body, so that `parseWebhook` normalises it exactly
 * like a webhook (same whitelist, fault refs, reasons, state 6 → 0).
 */
export function alertLogBody(row: AlertLogRowFields, ruleName: string): Record<string, unknown> {
  return {
    schema: SCHEMA_V1,
    event: {
      state: row.state,
      timestamp_epoch: row.time_logged,
      transport_name: ALERT_LOG_TRANSPORT,
    },
    alert: { log_id: row.id, rule_id: row.rule_id, rule_name: ruleName },
    device: { device_id: row.device_id, hostname: row.hostname },
    faults: row.details?.rule ?? null,
    diff: row.details?.diff ?? null,
  };
}
