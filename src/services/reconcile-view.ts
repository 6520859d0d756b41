// A reconciliation run as the API and the CLI show it (snake_case, ISO instants).
import type { ReconcileRunRow } from '../db/entities/reconcile.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString().replace(/\.\d{3}Z$/, 'Z'));

/** A run as the API shows it. */
export function runView(r: ReconcileRunRow) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    started_at: iso(r.startedAt),
    ended_at: iso(r.endedAt),
    requests: r.requests,
    retries: r.retries,
    errors: r.errors,
    items_imported: r.itemsImported,
    events_filled: r.eventsFilled,
    inferred_recoveries: r.inferredRecoveries,
    librenms_version: r.librenmsVersion,
    error: r.error,
  };
}
