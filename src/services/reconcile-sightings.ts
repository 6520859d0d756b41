// Never shrink on a glitch: a LibreNMS link is removed only after 3 missing runs with both ends up.
import type { EntityManager } from '@mikro-orm/knex';
import { LinkSchema, type LinkRow } from '../db/entities/component.js';
import { LinkSightingSchema, type LinkSightingRow } from '../db/entities/reconcile.js';
import { linkKey } from '../domain/inventory-entries.js';
import type { Pair } from './reconcile-links.js';

/** Consecutive successful runs, with both ports up, that a link must be missing to be removed. */
export const MISSING_RUNS_TO_REMOVE = 3;

export interface LinkChanges {
  created: number;
  removed: number;
  /** sightings started, reset or counted */
  marked: number;
}

interface Tracking {
  em: EntityManager;
  now: Date;
  links: Map<string, LinkRow>;
  sightings: Map<string, LinkSightingRow>;
  isUp: (ref: string) => boolean;
}

function seen(t: Tracking, key: string, pair: Pair, out: LinkChanges): void {
  if (!t.links.has(key)) {
    t.links.set(key, t.em.create(LinkSchema, { ...pair, source: 'librenms' }));
    out.created++;
  }
  const s = t.sightings.get(key);
  if (s && (s.missingSince !== null || s.missingRuns !== 0)) {
    Object.assign(s, { missingSince: null, missingRuns: 0 });
    out.marked++;
  }
}

function missing(t: Tracking, key: string, link: LinkRow, out: LinkChanges): void {
  let s = t.sightings.get(key);
  if (!s) {
    s = t.em.create(LinkSightingSchema, {
      a: link.a,
      b: link.b,
      missingSince: t.now,
      missingRuns: 0,
    });
    t.sightings.set(key, s);
  }
  s.missingSince ??= t.now;
  // while an end is down LibreNMS may simply not see the neighbour: start counting again
  s.missingRuns = t.isUp(link.a) && t.isUp(link.b) ? s.missingRuns + 1 : 0;
  out.marked++;
  if (s.missingRuns >= MISSING_RUNS_TO_REMOVE) {
    t.em.remove(link);
    t.em.remove(s);
    out.removed++;
  }
}

/** Applies this run's pairs to the stored links (in the unit of work); declared links are kept. */
export function trackLinks(
  t: Omit<Tracking, 'links' | 'sightings'>,
  current: ReadonlyMap<string, Pair>,
  stored: readonly LinkRow[],
  sightings: readonly LinkSightingRow[],
): LinkChanges {
  const tracking: Tracking = {
    ...t,
    links: new Map(stored.map((l) => [linkKey(l.a, l.b), l])),
    sightings: new Map(sightings.map((s) => [linkKey(s.a, s.b), s])),
  };
  const out: LinkChanges = { created: 0, removed: 0, marked: 0 };
  for (const [key, pair] of current) seen(tracking, key, pair, out);
  for (const link of stored) {
    const key = linkKey(link.a, link.b);
    if (link.source === 'librenms' && !current.has(key)) missing(tracking, key, link, out);
  }
  return out;
}
