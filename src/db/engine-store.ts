// The engine's writes by intent: replace transitions per recomputed span and move the mark, in one transaction.
import type { Knex } from '@mikro-orm/knex';

export interface StoredTransition {
  service: string;
  at: number;
  down: boolean;
  planned: boolean;
  atRisk: boolean;
  rootCause: readonly string[];
}

/** Per service, [start, end) whose transitions are replaced by the ones given for it. */
export interface TransitionSpan {
  service: string;
  start: number;
  end: number;
}

export interface EngineMark {
  appliedThroughEventId: number;
  inputsDigest: string;
}

const TABLE = 'service_transitions';
const INSERT_CHUNK = 200;
const DELETE_CHUNK = 500;

/** The stored mark; zero and an empty digest before the engine ever committed. */
export async function readMark(knex: Knex): Promise<EngineMark> {
  const row = (await knex('engine_state').where({ id: 1 }).first()) as
    { applied_through_event_id: number | string; inputs_digest: string } | undefined;
  if (row === undefined) return { appliedThroughEventId: 0, inputsDigest: '' };
  return {
    appliedThroughEventId: Number(row.applied_through_event_id),
    inputsDigest: row.inputs_digest,
  };
}

const toRow = (t: StoredTransition) => ({
  service_key: t.service,
  at: t.at,
  down: t.down,
  planned: t.planned,
  at_risk: t.atRisk,
  root_cause: t.rootCause.join(';'),
});

/** Deletes the stored transitions of every span; spans that share their bounds go in one statement per 500. */
async function deleteSpans(trx: Knex.Transaction, spans: readonly TransitionSpan[]): Promise<void> {
  const groups = new Map<string, { start: number; end: number; keys: string[] }>();
  for (const s of spans) {
    const id = `${s.start}|${s.end}`;
    const group = groups.get(id) ?? { start: s.start, end: s.end, keys: [] };
    group.keys.push(s.service);
    groups.set(id, group);
  }
  for (const g of groups.values()) {
    for (let i = 0; i < g.keys.length; i += DELETE_CHUNK) {
      const q = trx(TABLE).whereIn('service_key', g.keys.slice(i, i + DELETE_CHUNK));
      if (Number.isFinite(g.start)) q.andWhere('at', '>=', g.start);
      if (Number.isFinite(g.end)) q.andWhere('at', '<', g.end);
      await q.delete();
    }
  }
}

async function writeMark(trx: Knex.Transaction, mark: EngineMark): Promise<void> {
  const values = {
    applied_through_event_id: mark.appliedThroughEventId,
    inputs_digest: mark.inputsDigest,
  };
  const updated = await trx('engine_state').where({ id: 1 }).update(values);
  if (updated === 0) await trx('engine_state').insert({ id: 1, ...values });
}

/**
 * Replaces the transitions inside each span with `transitions` (which must all lie in their span)
 * and stores the mark, atomically, together with whatever `also` writes in the same transaction.
 * `replaceAll` first drops every stored transition (only right when no history is kept).
 */
export async function commitTransitions(
  knex: Knex,
  write: { spans: readonly TransitionSpan[]; transitions: readonly StoredTransition[] },
  mark: EngineMark,
  replaceAll = false,
  also?: (trx: Knex.Transaction) => Promise<void>,
): Promise<void> {
  await knex.transaction(async (trx) => {
    await also?.(trx);
    if (replaceAll) await trx(TABLE).delete();
    else await deleteSpans(trx, write.spans);
    const rows = write.transitions.map(toRow);
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await trx(TABLE).insert(rows.slice(i, i + INSERT_CHUNK));
    await writeMark(trx, mark);
  });
}

interface StoredRow {
  service_key: string;
  at: number | string;
  down: unknown;
  planned: unknown;
  at_risk: unknown;
  root_cause: string;
}

const fromRow = (r: StoredRow): StoredTransition => ({
  service: r.service_key,
  at: Number(r.at),
  down: Boolean(Number(r.down)),
  planned: Boolean(Number(r.planned)),
  atRisk: Boolean(Number(r.at_risk)),
  rootCause: r.root_cause === '' ? [] : r.root_cause.split(';'),
});

/** Every stored transition, ordered by service and time (optionally of one service). */
export async function storedTransitions(knex: Knex, service?: string): Promise<StoredTransition[]> {
  const q = knex(TABLE)
    .select('*')
    .orderBy([{ column: 'service_key' }, { column: 'at' }]);
  if (service !== undefined) q.where('service_key', service);
  return ((await q) as StoredRow[]).map(fromRow);
}

/** Per service with a finite floor, its stored transitions before the floor (the first at -Infinity). */
export async function historyBefore(
  knex: Knex,
  floors: ReadonlyMap<string, number>,
): Promise<Map<string, StoredTransition[]>> {
  let upper = -Infinity;
  for (const f of floors.values()) if (Number.isFinite(f)) upper = Math.max(upper, f);
  const out = new Map<string, StoredTransition[]>();
  if (upper === -Infinity) return out;
  const rows = (await knex(TABLE)
    .select('*')
    .where('at', '<', upper)
    .orderBy([{ column: 'service_key' }, { column: 'at' }])) as StoredRow[];
  for (const r of rows) {
    const floor = floors.get(r.service_key);
    if (floor === undefined || !(Number(r.at) < floor)) continue;
    const t = fromRow(r);
    if (t.at === Number.MIN_SAFE_INTEGER) t.at = -Infinity;
    const list = out.get(t.service);
    if (list === undefined) out.set(t.service, [t]);
    else list.push(t);
  }
  return out;
}
