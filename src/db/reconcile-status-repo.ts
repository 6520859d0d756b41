// Reconciliation as the admin page reads it: the latest runs of a kind, links LibreNMS stopped reporting.
import type { EntityManager } from '@mikro-orm/knex';
import {
  LinkSightingSchema,
  ReconcileRunSchema,
  type LinkSightingRow,
  type ReconcileKind,
  type ReconcileRunRow,
} from './entities/reconcile.js';

/** The `limit` most recent runs of `kind`, newest first. */
export function latestRuns(
  em: EntityManager,
  kind: ReconcileKind,
  limit: number,
): Promise<ReconcileRunRow[]> {
  return em.find(ReconcileRunSchema, { kind }, { orderBy: { id: 'desc' }, limit });
}

/** Links currently missing from LibreNMS's answers (oldest first, at most `limit`), and how many. */
export async function missingLinks(
  em: EntityManager,
  limit: number,
): Promise<{ rows: LinkSightingRow[]; total: number }> {
  const [rows, total] = await em.findAndCount(
    LinkSightingSchema,
    { missingSince: { $ne: null } },
    { orderBy: { missingSince: 'asc', id: 'asc' }, limit },
  );
  return { rows, total };
}
