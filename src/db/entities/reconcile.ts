// Reconciliation bookkeeping: run records, cursors, outage history, link sightings, LibreNMS state.
import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { LongTextType } from '../long-text.js';

export type ReconcileKind = 'gap' | 'topology';
export type ReconcileStatus = 'running' | 'succeeded' | 'failed';

export interface ReconcileRunRow {
  id: number;
  kind: ReconcileKind;
  status: ReconcileStatus;
  startedAt: Date;
  endedAt: Date | null;
  requests: number;
  retries: number;
  errors: number;
  itemsImported: number;
  eventsFilled: number;
  inferredRecoveries: number;
  error: string | null;
  librenmsVersion: string | null;
}

export const ReconcileRunSchema = new EntitySchema<ReconcileRunRow>({
  name: 'ReconcileRun',
  tableName: 'reconcile_runs',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    kind: { type: 'string', length: 16 },
    status: { type: 'string', length: 16 },
    startedAt: { type: 'datetime', length: 0 },
    endedAt: { type: 'datetime', length: 0, nullable: true },
    requests: { type: 'integer', default: 0 },
    retries: { type: 'integer', default: 0 },
    errors: { type: 'integer', default: 0 },
    itemsImported: { type: 'integer', default: 0 },
    eventsFilled: { type: 'integer', default: 0 },
    inferredRecoveries: { type: 'integer', default: 0 },
    error: { type: 'text', nullable: true },
    librenmsVersion: { type: 'string', length: 64, nullable: true },
  },
  indexes: [{ name: 'reconcile_runs_kind_status_index', properties: ['kind', 'status'] }],
});

/** Named cursors and flags (`alertlog`, `eventlog`, `ports.bulk`), value as text. */
export interface ReconcileStateRow {
  name: string;
  value: string;
}

export const ReconcileStateSchema = new EntitySchema<ReconcileStateRow>({
  name: 'ReconcileState',
  tableName: 'reconcile_state',
  properties: {
    name: { type: 'string', length: 64, primary: true },
    value: { type: 'string', length: 255 },
  },
});

/** One LibreNMS `device_outages` row; epoch seconds like LibreNMS. */
export interface DeviceOutageRow {
  id: number;
  deviceId: number;
  goingDown: number;
  upAgain: number | null;
  snmpOnly: boolean;
}

export const DeviceOutageSchema = new EntitySchema<DeviceOutageRow>({
  name: 'DeviceOutage',
  tableName: 'device_outages',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    deviceId: { type: 'integer' },
    goingDown: { type: new BigIntType('number') },
    upAgain: { type: new BigIntType('number'), nullable: true },
    snmpOnly: { type: 'boolean', default: false },
  },
  uniques: [
    { name: 'device_outages_device_going_down_unique', properties: ['deviceId', 'goingDown'] },
  ],
});

/** A LibreNMS link's sightings: kept while missing, removed after 3 missing runs with ports up. */
export interface LinkSightingRow {
  id: number;
  a: string;
  b: string;
  missingSince: Date | null;
  missingRuns: number;
}

export const LinkSightingSchema = new EntitySchema<LinkSightingRow>({
  name: 'LinkSighting',
  tableName: 'link_sightings',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    a: { type: 'string', length: 40 },
    b: { type: 'string', length: 40 },
    missingSince: { type: 'datetime', length: 0, nullable: true },
    missingRuns: { type: 'integer', default: 0 },
  },
  uniques: [{ name: 'link_sightings_a_b_unique', properties: ['a', 'b'] }],
});

/** What LibreNMS last said about a component: status, last discovery, details (JSON). */
export interface LibrenmsComponentRow {
  ref: string;
  status: string;
  lastDiscovered: number | null;
  details: string;
}

export const LibrenmsComponentSchema = new EntitySchema<LibrenmsComponentRow>({
  name: 'LibrenmsComponent',
  tableName: 'librenms_components',
  properties: {
    ref: { type: 'string', length: 40, primary: true },
    status: { type: 'string', length: 32 },
    lastDiscovered: { type: new BigIntType('number'), nullable: true },
    details: { type: LongTextType },
  },
});

/** A webhook and the alert-log row of one log id disagree about the time (LIBRENMS_TIMEZONE). */
export interface TimezoneMismatchRow {
  id: number;
  logId: number;
  webhookAt: Date;
  alertLogAt: Date;
  recordedAt: Date;
}

export const TimezoneMismatchSchema = new EntitySchema<TimezoneMismatchRow>({
  name: 'TimezoneMismatch',
  tableName: 'timezone_mismatches',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    logId: { type: new BigIntType('number'), unique: true },
    webhookAt: { type: 'datetime', length: 0 },
    alertLogAt: { type: 'datetime', length: 0 },
    recordedAt: { type: 'datetime', length: 0 },
  },
});
