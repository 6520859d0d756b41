// The reconcile admin page's data: LibreNMS configured or not, recent runs per kind, missing links,
// services pointing at removed components.
import type { EntityManager } from '@mikro-orm/knex';
import { latestRuns, missingLinks } from '../db/reconcile-status-repo.js';
import { MISSING_RUNS_TO_REMOVE } from './reconcile-sightings.js';
import { servicesOnRemovedComponents } from './removed-components.js';
import { RECONCILE_KINDS } from './reconcile.js';
import { runView } from './reconcile-view.js';

/** Runs shown per kind. */
export const RUNS_SHOWN = 10;
/** Missing links listed (the page says how many more there are). */
export const MISSING_SHOWN = 200;

const utc = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

export async function reconcileOverview(em: EntityManager, enabled: boolean) {
  const runs = [];
  for (const kind of RECONCILE_KINDS) {
    runs.push({ kind, rows: (await latestRuns(em, kind, RUNS_SHOWN)).map(runView) });
  }
  const missing = await missingLinks(em, MISSING_SHOWN);
  return {
    enabled,
    runs,
    missingTotal: missing.total,
    removeAfter: MISSING_RUNS_TO_REMOVE,
    missing: missing.rows.map((s) => ({
      a: s.a,
      b: s.b,
      since: s.missingSince ? utc(s.missingSince) : '',
      runs: s.missingRuns,
    })),
    removedServices: await servicesOnRemovedComponents(em),
  };
}
