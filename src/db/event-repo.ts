// Reads the event log back as engine events (faults split on ';', reasons on ',', epoch seconds).
import type { AlertEvent, EventSource } from '../domain/events.js';
import { EVENT_COLUMNS } from './event-writer-rows.js';
import { fromSqlInstant } from './sql-instant.js';

export interface EventRow {
  source: string;
  log_id: number | string;
  state: number | string;
  incident_log_id: number | string | null;
  alert_id: number | string | null;
  rule_id: number | string;
  rule_name: string;
  device_id: number | string;
  hostname: string | null;
  faults: string | null;
  status_reasons: string;
  event_at: unknown;
  received_at: unknown;
}

/** What reading an event back needs: every stored column but the body. */
export const EVENT_READ_COLUMNS = EVENT_COLUMNS.filter((c) => c !== 'body');

const epoch = (v: unknown) => Math.floor(fromSqlInstant(v).getTime() / 1000);
const orNull = (v: number | string | null) => (v === null ? null : Number(v));
const split = (text: string, sep: string) => text.split(sep).filter((s) => s !== '');

export function toAlertEvent(r: EventRow): AlertEvent {
  return {
    source: r.source as EventSource,
    logId: Number(r.log_id),
    incidentLogId: orNull(r.incident_log_id),
    alertId: orNull(r.alert_id),
    ruleId: Number(r.rule_id),
    ruleName: r.rule_name,
    deviceId: Number(r.device_id),
    hostname: r.hostname,
    state: Number(r.state),
    at: epoch(r.event_at),
    receivedAt: epoch(r.received_at),
    faults: r.faults === null ? null : split(r.faults, ';'),
    statusReasons: split(r.status_reasons, ','),
  };
}
