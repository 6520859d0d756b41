// Reconciliation storage by intent: run records, named cursors, open alert keys, outage history.
import type { EntityManager, Knex } from '@mikro-orm/knex';
import type { OutageRow } from '../domain/claims.js';
import { cutText } from '../domain/cut-text.js';
import {
  DeviceOutageSchema,
  ReconcileRunSchema,
  ReconcileStateSchema,
  TimezoneMismatchSchema,
  type ReconcileKind,
  type ReconcileRunRow,
} from './entities/reconcile.js';
import { fromSqlInstant } from './sql-instant.js';

export type RunTotals = Pick<
  ReconcileRunRow,
  | 'requests'
  | 'retries'
  | 'errors'
  | 'itemsImported'
  | 'eventsFilled'
  | 'inferredRecoveries'
  | 'librenmsVersion'
>;

const ZERO = { requests: 0, retries: 0, errors: 0, itemsImported: 0, eventsFilled: 0 };

/** Records a run as started; returns its id. */
export async function createRun(em: EntityManager, kind: ReconcileKind, at: Date): Promise<number> {
  const run = em.create(ReconcileRunSchema, {
    ...ZERO,
    kind,
    status: 'running',
    startedAt: at,
    endedAt: null,
    inferredRecoveries: 0,
    error: null,
    librenmsVersion: null,
  });
  await em.flush();
  return run.id;
}

/** Ends a run: succeeded without `error`, failed with it (cut to STORED_ERROR_MAX characters). */
export async function finishRun(
  em: EntityManager,
  id: number,
  totals: RunTotals,
  at: Date,
  error: string | null,
): Promise<void> {
  const run = await em.findOneOrFail(ReconcileRunSchema, { id });
  const stored = error === null ? null : cutText(error);
  Object.assign(run, totals, {
    endedAt: at,
    error: stored,
    status: error ? 'failed' : 'succeeded',
  });
  await em.flush();
}

/** Runs of `kind` left "running" by a process that stopped: failed, with the reason. */
export async function failInterruptedRuns(
  em: EntityManager,
  kind: ReconcileKind,
  exceptId: number,
  at: Date,
): Promise<number> {
  const stale = await em.find(ReconcileRunSchema, {
    kind,
    status: 'running',
    id: { $ne: exceptId },
  });
  for (const run of stale) {
    Object.assign(run, {
      status: 'failed',
      endedAt: at,
      error: 'interrupted: PathUptime stopped during the run',
    });
  }
  await em.flush();
  return stale.length;
}

export function findRun(em: EntityManager, id: number): Promise<ReconcileRunRow | null> {
  return em.findOne(ReconcileRunSchema, { id });
}

/** A named cursor or flag; null when never set. */
export async function readState(em: EntityManager, name: string): Promise<string | null> {
  return (await em.findOne(ReconcileStateSchema, { name }))?.value ?? null;
}

/** Sets a named value in the unit of work (the caller flushes); unchanged values write nothing. */
export async function writeState(em: EntityManager, name: string, value: string): Promise<void> {
  const row = await em.findOne(ReconcileStateSchema, { name });
  if (row) row.value = value;
  else em.create(ReconcileStateSchema, { name, value });
}

/** Every named value whose name starts with `prefix`. */
export async function statesWithPrefix(
  em: EntityManager,
  prefix: string,
): Promise<Map<string, string>> {
  const rows = await em.find(ReconcileStateSchema, { name: { $like: `${prefix}%` } });
  return new Map(rows.map((r) => [r.name, r.value]));
}

export interface OpenKey {
  deviceId: number;
  ruleId: number;
  ruleName: string;
  hostname: string | null;
}

interface KeyRow {
  device_id: number | string;
  rule_id: number | string;
  rule_name: string;
  hostname: string | null;
  state: number | string;
}

const KNOWN_STATES = new Set([0, 1, 2, 3, 4, 5]);

/** Alert keys whose latest stored event (by event time, then log id) leaves them open. */
export async function openAlertKeys(knex: Knex): Promise<OpenKey[]> {
  const rows: KeyRow[] = await knex('events')
    .select('device_id', 'rule_id', 'rule_name', 'hostname', 'state')
    .where({ source: 'librenms' })
    .orderBy([{ column: 'event_at' }, { column: 'log_id' }]);
  const last = new Map<string, KeyRow>();
  for (const r of rows) {
    if (KNOWN_STATES.has(Number(r.state))) last.set(`${r.device_id}/${r.rule_id}`, r);
  }
  return [...last.values()]
    .filter((r) => Number(r.state) !== 0)
    .map((r) => ({
      deviceId: Number(r.device_id),
      ruleId: Number(r.rule_id),
      ruleName: r.rule_name,
      hostname: r.hostname,
    }));
}

/** Event time (epoch seconds) and body of stored events, by id. */
export async function storedEventTimes(
  knex: Knex,
  ids: number[],
): Promise<Map<number, { at: number; body: string; logId: number }>> {
  const out = new Map<number, { at: number; body: string; logId: number }>();
  for (let i = 0; i < ids.length; i += 200) {
    const rows: Array<{ id: number | string; event_at: unknown; body: string; log_id: unknown }> =
      await knex('events')
        .select('id', 'event_at', 'body', 'log_id')
        .whereIn('id', ids.slice(i, i + 200));
    for (const r of rows) {
      const at = Math.floor(fromSqlInstant(r.event_at).getTime() / 1000);
      out.set(Number(r.id), { at, body: r.body, logId: Number(r.log_id) });
    }
  }
  return out;
}

/** Records a time-zone mismatch once per log id (in the unit of work). */
export async function recordTimezoneMismatch(
  em: EntityManager,
  m: { logId: number; webhookAt: number; alertLogAt: number; now: number },
): Promise<void> {
  if (await em.findOne(TimezoneMismatchSchema, { logId: m.logId })) return;
  em.create(TimezoneMismatchSchema, {
    logId: m.logId,
    webhookAt: new Date(m.webhookAt * 1000),
    alertLogAt: new Date(m.alertLogAt * 1000),
    recordedAt: new Date(m.now * 1000),
  });
}

/** The stored LibreNMS outage history as claim rows. */
export async function allOutages(em: EntityManager): Promise<OutageRow[]> {
  const rows = await em.find(DeviceOutageSchema, {}, { orderBy: { id: 'asc' } });
  return rows.map((r) => ({
    deviceId: r.deviceId,
    goingDown: r.goingDown,
    upAgain: r.upAgain,
    snmpOnly: r.snmpOnly,
  }));
}
