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

async function deleteSpan(trx: Knex.Transaction, s: TransitionSpan): Promise<void> {
  const q = trx(TABLE).where('service_key', s.service);
  if (Number.isFinite(s.start)) q.andWhere('at', '>=', s.start);
  if (Number.isFinite(s.end)) q.andWhere('at', '<', s.end);
  await q.delete();
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
 * and stores the mark, atomically. `replaceAll` first drops every stored transition.
 */
export async function commitTransitions(
  knex: Knex,
  write: { spans: readonly TransitionSpan[]; transitions: readonly StoredTransition[] },
  mark: EngineMark,
  replaceAll = false,
): Promise<void> {
  await knex.transaction(async (trx) => {
    if (replaceAll) await trx(TABLE).delete();
    else for (const s of write.spans) await deleteSpan(trx, s);
    const rows = write.transitions.map(toRow);
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await trx(TABLE).insert(rows.slice(i, i + INSERT_CHUNK));
    await writeMark(trx, mark);
  });
}

/** Every stored transition, ordered by service and time (optionally of one service). */
export async function storedTransitions(knex: Knex, service?: string): Promise<StoredTransition[]> {
  const q = knex(TABLE)
    .select('*')
    .orderBy([{ column: 'service_key' }, { column: 'at' }]);
  if (service !== undefined) q.where('service_key', service);
  const rows = (await q) as {
    service_key: string;
    at: number | string;
    down: unknown;
    planned: unknown;
    at_risk: unknown;
    root_cause: string;
  }[];
  return rows.map((r) => ({
    service: r.service_key,
    at: Number(r.at),
    down: Boolean(Number(r.down)),
    planned: Boolean(Number(r.planned)),
    atRisk: Boolean(Number(r.at_risk)),
    rootCause: r.root_cause === '' ? [] : r.root_cause.split(';'),
  }));
}
