// The admin status page's data: webhook intake, LibreNMS time-zone mismatches, reconciliation,
// the engine's readiness and mark, services pointing at removed components.
import type { EntityManager } from '@mikro-orm/knex';
import { readMark } from '../db/engine-store.js';
import { lastEventId } from '../db/event-stream.js';
import type { Dialect } from '../db/sql-instant.js';
import {
  futureStampedSince,
  intakeSince,
  latestTestPings,
  latestTimezoneMismatches,
  refusedSince,
} from '../db/status-repo.js';
import { WebhookLogRepo } from '../db/webhook-log-repo.js';
import { FUTURE_TOLERANCE_SECONDS } from '../domain/claims.js';
import { ALERT_LOG_TRANSPORT } from '../librenms/webhook-event.js';
import { reconcileOverview } from './reconcile-overview.js';

/** How far back the intake counts go. */
export const INTAKE_WINDOW_MS = 24 * 3_600_000;
export const REJECTED_SHOWN = 20;
export const PINGS_SHOWN = 20;
export const MISMATCHES_SHOWN = 50;
export const FUTURE_SHOWN = 20;
export const RUNS_PER_KIND = 3;

export interface StatusDeps {
  dialect: Dialect;
  /** LIBRENMS_TIMEZONE as configured */
  librenmsTimezone: string;
  reconcileEnabled: boolean;
  /** readiness problems in words (empty when ready) */
  readiness: { check(): Promise<string[]> };
}

const utc = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

async function intake(em: EntityManager, deps: StatusDeps, now: Date) {
  const knex = em.getKnex();
  const hour = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  const hoursSince = new Date(hour - 23 * 3_600_000);
  const since = new Date(now.getTime() - INTAKE_WINDOW_MS);
  const counts = await intakeSince(knex, deps.dialect, { since, hoursSince }, ALERT_LOG_TRANSPORT);
  const rejected = await new WebhookLogRepo(knex, deps.dialect).latestRejected(REJECTED_SHOWN);
  return {
    since: utc(since),
    counts: { ...counts, webhooks: counts.stored - counts.filled },
    rejected: rejected.map((r) => ({ ...r, at: utc(r.receivedAt) })),
    pings: (await latestTestPings(knex, PINGS_SHOWN)).map((p) => ({ ...p, at: utc(p.receivedAt) })),
    refused: (await refusedSince(knex, deps.dialect, hoursSince)).map((r) => ({
      ...r,
      at: utc(r.hour),
    })),
  };
}

async function engine(em: EntityManager, deps: StatusDeps) {
  const knex = em.getKnex();
  const problems = await deps.readiness.check();
  const mark = await readMark(knex);
  const last = await lastEventId(knex);
  return {
    ready: problems.length === 0,
    problems,
    appliedThrough: mark.appliedThroughEventId,
    lastEventId: last,
  };
}

async function mismatches(em: EntityManager, deps: StatusDeps) {
  const found = await latestTimezoneMismatches(em, MISMATCHES_SHOWN);
  return {
    configured: deps.librenmsTimezone,
    total: found.total,
    rows: found.rows.map((m) => ({
      logId: m.logId,
      webhookAt: utc(m.webhookAt),
      alertLogAt: utc(m.alertLogAt),
      offsetMinutes: Math.round((m.webhookAt.getTime() - m.alertLogAt.getTime()) / 60_000),
      recordedAt: utc(m.recordedAt),
    })),
  };
}

/** Events stamped more than 5 minutes after they arrived (a clock or a time zone is off). */
async function futureStamped(em: EntityManager, deps: StatusDeps, now: Date) {
  const since = new Date(now.getTime() - INTAKE_WINDOW_MS);
  const found = await futureStampedSince(
    em.getKnex(),
    deps.dialect,
    since,
    FUTURE_TOLERANCE_SECONDS,
    FUTURE_SHOWN,
  );
  return {
    toleranceMinutes: FUTURE_TOLERANCE_SECONDS / 60,
    total: found.total,
    rows: found.rows.map((e) => ({
      id: e.id,
      logId: e.logId,
      hostname: e.hostname,
      eventAt: utc(e.eventAt),
      receivedAt: utc(e.receivedAt),
      aheadMinutes: Math.round((e.eventAt.getTime() - e.receivedAt.getTime()) / 60_000),
    })),
  };
}

export async function statusPage(em: EntityManager, deps: StatusDeps, now: Date) {
  const overview = await reconcileOverview(em, deps.reconcileEnabled);
  return {
    now: utc(now),
    intake: await intake(em, deps, now),
    timezone: await mismatches(em, deps),
    future: await futureStamped(em, deps, now),
    reconcile: {
      enabled: overview.enabled,
      runs: overview.runs.map((k) => ({ kind: k.kind, rows: k.rows.slice(0, RUNS_PER_KIND) })),
      missingLinks: overview.missingTotal,
    },
    engine: await engine(em, deps),
    removedServices: overview.removedServices,
  };
}
