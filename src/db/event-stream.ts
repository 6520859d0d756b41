// Streams the event log in id order with plain SQL (no entity hydration), for the engine's start-up.
import type { Knex } from '@mikro-orm/knex';
import type { AlertEvent } from '../domain/events.js';
import { EVENT_READ_COLUMNS, toAlertEvent, type EventRow } from './event-repo.js';

export interface IdEvent {
  id: number;
  event: AlertEvent;
}

const PAGE = 5_000;

/** Events with afterId < id <= throughId (throughId: no upper bound when omitted), in pages. */
export async function* eventPages(
  knex: Knex,
  afterId: number,
  throughId = Infinity,
): AsyncGenerator<IdEvent[]> {
  let last = afterId;
  for (;;) {
    const q = knex('events')
      .select(['id', ...EVENT_READ_COLUMNS])
      .where('id', '>', last)
      .orderBy('id')
      .limit(PAGE);
    if (Number.isFinite(throughId)) q.andWhere('id', '<=', throughId);
    const rows = (await q) as (EventRow & { id: number | string })[];
    if (rows.length === 0) return;
    yield rows.map((r) => ({ id: Number(r.id), event: toAlertEvent(r) }));
    last = Number(rows[rows.length - 1]!.id);
    if (rows.length < PAGE) return;
  }
}

/** The events with these ids, in id order. */
export async function eventsByIds(knex: Knex, ids: readonly number[]): Promise<IdEvent[]> {
  const out: IdEvent[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await knex('events')
      .select(['id', ...EVENT_READ_COLUMNS])
      .whereIn('id', ids.slice(i, i + 500))
      .orderBy('id')) as (EventRow & { id: number | string })[];
    out.push(...rows.map((r) => ({ id: Number(r.id), event: toAlertEvent(r) })));
  }
  return out.sort((a, b) => a.id - b.id);
}

/** The highest stored event id (0 when the log is empty). */
export async function lastEventId(knex: Knex): Promise<number> {
  const row = (await knex('events').max({ m: 'id' }).first()) as { m: number | string | null };
  return row?.m == null ? 0 : Number(row.m);
}
