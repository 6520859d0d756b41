// Keyset paging with plain SQL: a large table read in pages of its integer key, rows handed on one by one.
import type { Knex } from '@mikro-orm/knex';

const PAGE = 10_000;

/**
 * Reads `table` in pages ordered by the integer column `key` (which `columns` must hold), handing
 * each raw row to `each`; `where` narrows the rows (it is applied to every page).
 */
export async function eachRow<R extends Record<string, unknown>>(
  knex: Knex,
  table: string,
  key: string,
  columns: readonly string[],
  each: (row: R) => void,
  where: Record<string, string | number> = {},
): Promise<void> {
  let after: number | null = null;
  for (;;) {
    const q = knex(table).select(columns).where(where).orderBy(key).limit(PAGE);
    const rows = (await (after === null ? q : q.andWhere(key, '>', after))) as R[];
    for (const r of rows) each(r);
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1]![key]);
  }
}

/** A boolean column as read back (SQLite and MySQL both hand back 0/1). */
export const flag = (v: unknown): boolean => Boolean(Number(v));
