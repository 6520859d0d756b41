// Shared shapes of the event writer: results, the pending request, and an event as bound SQL values.
import type { AlertEvent } from '../domain/events.js';
import { sqlInstant, type Dialect } from './sql-instant.js';

export interface StoreResult {
  id: number;
  duplicate: boolean;
  /** faults were attached to an event that had been stored without them */
  enriched: boolean;
}

export interface Pending {
  event: AlertEvent;
  body: string;
  resolve(result: StoreResult): void;
  reject(err: unknown): void;
}

/** Stores one batch in one transaction; resolves with one result per item, after COMMIT. */
export interface BatchStore {
  write(batch: Pending[]): Promise<StoreResult[]>;
  close(): Promise<void>;
}

/** The inserted columns, in the order of `rowValues`. */
export const EVENT_COLUMNS = [
  'source',
  'log_id',
  'state',
  'incident_log_id',
  'alert_id',
  'rule_id',
  'rule_name',
  'device_id',
  'hostname',
  'faults',
  'status_reasons',
  'event_at',
  'received_at',
  'body',
] as const;

export type RowValue = string | number | null;

/** An event as the values of EVENT_COLUMNS; instants via sqlInstant (never a Date object). */
export function rowValues(dialect: Dialect, e: AlertEvent, body: string): RowValue[] {
  return [
    e.source,
    e.logId,
    e.state,
    e.incidentLogId,
    e.alertId,
    e.ruleId,
    e.ruleName,
    e.deviceId,
    e.hostname,
    e.faults === null ? null : e.faults.join(';'),
    e.statusReasons.join(','),
    sqlInstant(dialect, new Date(e.at * 1000)),
    sqlInstant(dialect, new Date(e.receivedAt * 1000)),
    body,
  ];
}

/** The `enriched_at` value for a batch committed now (whole seconds, as the columns hold). */
export function enrichedAtNow(dialect: Dialect): RowValue {
  return sqlInstant(dialect, new Date(Math.floor(Date.now() / 1000) * 1000));
}
