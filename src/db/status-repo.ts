// Reads for the status page: webhook intake over a window, test pings, refused tokens, mismatches.
import type { EntityManager, Knex } from '@mikro-orm/knex';
import { TimezoneMismatchSchema, type TimezoneMismatchRow } from './entities/reconcile.js';
import { fromSqlInstant, sqlInstant, type Dialect } from './sql-instant.js';

type Row = Record<string, unknown>;

const count = async (q: Knex.QueryBuilder): Promise<number> => {
  const row = (await q.count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
};

/**
 * The first event id received at or after `since`, by bisecting the ids (event ids follow commit
 * order, so receipt times rise with them): a few primary-key reads instead of a scan of the log.
 * One past the last id when none was.
 */
export async function firstEventIdSince(knex: Knex, since: Date): Promise<number> {
  const max = (await knex('events').max({ m: 'id' }).first()) as { m: unknown } | undefined;
  let lo = 1;
  let hi = Number(max?.m ?? 0) + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const row = (await knex('events')
      .select('id', 'received_at')
      .where('id', '>=', mid)
      .orderBy('id')
      .first()) as Row | undefined;
    if (row === undefined) hi = mid;
    else if (fromSqlInstant(row.received_at).getTime() >= since.getTime()) hi = mid;
    else lo = Number(row.id) + 1;
  }
  return lo;
}

export interface IntakeCounts {
  /** events stored since the bound (new rows; a duplicate adds none) */
  stored: number;
  /** of those, filled in from the LibreNMS alert log by reconciliation */
  filled: number;
  /** rejected requests kept (400, 413, 422, ...) */
  rejected: number;
  /** refused tokens (401), counted per hour: the hours starting at or after the bound */
  refused: number;
  testPings: number;
}

/**
 * Intake since `since` (refused tokens from `hoursSince`, an hour's start); `filledMarker` is the
 * text in the bodies of events filled in from the alert log.
 */
export async function intakeSince(
  knex: Knex,
  dialect: Dialect,
  window: { since: Date; hoursSince: Date },
  filledMarker: string,
): Promise<IntakeCounts> {
  const { since, hoursSince } = window;
  const bound = sqlInstant(dialect, since);
  const first = await firstEventIdSince(knex, since);
  const recent = () => knex('events').where('id', '>=', first).andWhere('received_at', '>=', bound);
  const refused = (await knex('auth_failures')
    .where('hour', '>=', sqlInstant(dialect, hoursSince))
    .sum({ n: 'count' })
    .first()) as { n: number | string | null } | undefined;
  return {
    stored: await count(recent()),
    filled: await count(recent().andWhere('body', 'like', `%${filledMarker}%`)),
    rejected: await count(knex('rejected_requests').where('received_at', '>=', bound)),
    refused: Number(refused?.n ?? 0),
    testPings: await count(knex('test_pings').where('received_at', '>=', bound)),
  };
}

export interface TestPingRow {
  receivedAt: Date;
  address: string | null;
}

/** The newest test pings, newest first. */
export async function latestTestPings(knex: Knex, limit: number): Promise<TestPingRow[]> {
  const rows: Row[] = await knex('test_pings').orderBy('id', 'desc').limit(limit);
  return rows.map((r) => ({
    receivedAt: fromSqlInstant(r.received_at),
    address: (r.address as string | null) ?? null,
  }));
}

export interface RefusedHour {
  hour: Date;
  address: string;
  count: number;
}

/** Refused tokens per hour and client address since `since`, newest hour first, most first. */
export async function refusedSince(
  knex: Knex,
  dialect: Dialect,
  since: Date,
): Promise<RefusedHour[]> {
  const rows: Row[] = await knex('auth_failures')
    .where('hour', '>=', sqlInstant(dialect, since))
    .orderBy([
      { column: 'hour', order: 'desc' },
      { column: 'count', order: 'desc' },
      { column: 'address' },
    ]);
  return rows.map((r) => ({
    hour: fromSqlInstant(r.hour),
    address: String(r.address),
    count: Number(r.count),
  }));
}

export interface FutureStampedRow {
  id: number;
  logId: number;
  hostname: string | null;
  eventAt: Date;
  receivedAt: Date;
}

/**
 * Events received since `since` whose stamp lies more than `toleranceSeconds` after their
 * arrival (applied at arrival), newest first, at most `limit`, and how many there are.
 */
export async function futureStampedSince(
  knex: Knex,
  dialect: Dialect,
  since: Date,
  toleranceSeconds: number,
  limit: number,
): Promise<{ rows: FutureStampedRow[]; total: number }> {
  const first = await firstEventIdSince(knex, since);
  // SQLite keeps instants as epoch milliseconds, MySQL/MariaDB as DATETIME
  const ahead =
    dialect === 'sqlite'
      ? knex.raw('event_at - received_at > ?', [toleranceSeconds * 1000])
      : knex.raw('TIMESTAMPDIFF(SECOND, received_at, event_at) > ?', [toleranceSeconds]);
  const q = () =>
    knex('events')
      .where('id', '>=', first)
      .andWhere('received_at', '>=', sqlInstant(dialect, since))
      .andWhere(ahead);
  const rows: Row[] = await q()
    .select('id', 'log_id', 'hostname', 'event_at', 'received_at')
    .orderBy('id', 'desc')
    .limit(limit);
  return {
    total: await count(q()),
    rows: rows.map((r) => ({
      id: Number(r.id),
      logId: Number(r.log_id),
      hostname: (r.hostname as string | null) ?? null,
      eventAt: fromSqlInstant(r.event_at),
      receivedAt: fromSqlInstant(r.received_at),
    })),
  };
}

/** The newest LIBRENMS_TIMEZONE mismatches, newest first, and how many there are. */
export async function latestTimezoneMismatches(
  em: EntityManager,
  limit: number,
): Promise<{ rows: TimezoneMismatchRow[]; total: number }> {
  const [rows, total] = await em.findAndCount(
    TimezoneMismatchSchema,
    {},
    { orderBy: { id: 'desc' }, limit },
  );
  return { rows, total };
}
