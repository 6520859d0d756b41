// Moves stored component refs (service rules, window scopes, links) from old ids to new ones.
import type { EntityManager } from '@mikro-orm/knex';
import { linkKey } from '../domain/inventory-entries.js';
import { mapRuleRefs, ruleRefs, type ServiceRule } from '../domain/rules.js';
import { LinkSchema, type LinkRow } from './entities/component.js';
import { MaintenanceWindowSchema } from './entities/maintenance-window.js';
import { LinkSightingSchema } from './entities/reconcile.js';
import { ServiceSchema } from './entities/service.js';

/** What one mapping re-pointed: service and window keys, links as `a|b` before → after. */
export interface Repointed {
  services: string[];
  windows: string[];
  links: Array<{ from: string; to: string }>;
}

const moved = (refs: readonly string[], map: ReadonlyMap<string, string>) =>
  refs.some((r) => map.has(r));

async function services(em: EntityManager, map: ReadonlyMap<string, string>): Promise<string[]> {
  const keys: string[] = [];
  for (const s of await em.find(ServiceSchema, {}, { orderBy: { key: 'asc' } })) {
    const rule = JSON.parse(s.requires) as ServiceRule;
    if (!moved(ruleRefs(rule), map)) continue;
    s.requires = JSON.stringify(mapRuleRefs(rule, (r) => map.get(r) ?? r));
    keys.push(s.key);
  }
  return keys;
}

async function windows(em: EntityManager, map: ReadonlyMap<string, string>): Promise<string[]> {
  const keys: string[] = [];
  for (const w of await em.find(MaintenanceWindowSchema, {}, { orderBy: { key: 'asc' } })) {
    const scope = JSON.parse(w.scope) as { components?: string[] };
    if (!scope.components || !moved(scope.components, map)) continue;
    w.scope = JSON.stringify({ components: scope.components.map((r) => map.get(r) ?? r) });
    keys.push(w.key);
  }
  return keys;
}

/**
 * A link is moved to its new ends; when that link exists already the old row goes (a declared
 * source wins over `librenms`). Sightings of the old pairs go with them.
 */
async function links(em: EntityManager, map: ReadonlyMap<string, string>) {
  const refs = [...map.keys()];
  const touched = await em.find(
    LinkSchema,
    { $or: [{ a: { $in: refs } }, { b: { $in: refs } }] },
    { orderBy: { id: 'asc' } },
  );
  const all = new Map((await em.find(LinkSchema, {})).map((l) => [linkKey(l.a, l.b), l]));
  const out: Array<{ from: string; to: string }> = [];
  for (const l of touched) {
    const from = linkKey(l.a, l.b);
    const [a, b] = [map.get(l.a) ?? l.a, map.get(l.b) ?? l.b].sort();
    const to = linkKey(a!, b!);
    const existing: LinkRow | undefined = all.get(to);
    all.delete(from);
    if (existing) {
      if (existing.source === 'librenms') existing.source = l.source;
      em.remove(l);
    } else {
      Object.assign(l, { a, b });
      all.set(to, l);
    }
    out.push({ from, to });
  }
  const sightings = await em.find(LinkSightingSchema, {
    $or: [{ a: { $in: refs } }, { b: { $in: refs } }],
  });
  sightings.forEach((s) => em.remove(s));
  return out;
}

/** Re-points every stored reference in `map` (in the unit of work; the caller flushes). */
export async function repointReferences(
  em: EntityManager,
  map: ReadonlyMap<string, string>,
): Promise<Repointed> {
  if (map.size === 0) return { services: [], windows: [], links: [] };
  return {
    services: await services(em, map),
    windows: await windows(em, map),
    links: await links(em, map),
  };
}
