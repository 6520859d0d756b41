// Moves stored component refs (service rules, window scopes, links) from old ids to new ones.
import type { EntityManager } from '@mikro-orm/knex';
import { linkKey } from '../domain/inventory-entries.js';
import { mapRuleRefs, ruleRefs, type ServiceRule } from '../domain/rules.js';
import { LinkSchema, type LinkRow } from './entities/component.js';
import {
  MaintenanceWindowSchema,
  type MaintenanceWindowRow,
} from './entities/maintenance-window.js';
import { LinkSightingSchema } from './entities/reconcile.js';
import { ServiceSchema, type ServiceRow } from './entities/service.js';

/** What one mapping re-pointed: service and window keys, links as `a|b` before → after. */
export interface Repointed {
  services: string[];
  windows: string[];
  links: Array<{ from: string; to: string }>;
}

const moved = (refs: readonly string[], map: ReadonlyMap<string, string>) =>
  refs.some((r) => map.has(r));

interface Loaded {
  services: ServiceRow[];
  windows: MaintenanceWindowRow[];
  /** by `a|b`, kept current as links move */
  links: Map<string, LinkRow>;
}

function services(l: Loaded, map: ReadonlyMap<string, string>): string[] {
  const keys: string[] = [];
  for (const s of l.services) {
    const rule = JSON.parse(s.requires) as ServiceRule;
    if (!moved(ruleRefs(rule), map)) continue;
    s.requires = JSON.stringify(mapRuleRefs(rule, (r) => map.get(r) ?? r));
    keys.push(s.key);
  }
  return keys;
}

function windows(l: Loaded, map: ReadonlyMap<string, string>): string[] {
  const keys: string[] = [];
  for (const w of l.windows) {
    const scope = JSON.parse(w.scope) as { components?: string[] };
    if (!scope.components || !moved(scope.components, map)) continue;
    w.scope = JSON.stringify({ components: scope.components.map((r) => map.get(r) ?? r) });
    keys.push(w.key);
  }
  return keys;
}

/**
 * A link is moved to its new ends; when that link exists already the old row goes (a declared
 * source wins over `librenms`).
 */
function links(em: EntityManager, l: Loaded, map: ReadonlyMap<string, string>) {
  const touched = [...l.links.values()]
    .filter((k) => map.has(k.a) || map.has(k.b))
    .sort((x, y) => x.id - y.id);
  const out: Array<{ from: string; to: string }> = [];
  for (const k of touched) {
    const from = linkKey(k.a, k.b);
    const [a, b] = [map.get(k.a) ?? k.a, map.get(k.b) ?? k.b].sort();
    const to = linkKey(a!, b!);
    const existing = l.links.get(to);
    l.links.delete(from);
    if (existing) {
      if (existing.source === 'librenms') existing.source = k.source;
      em.remove(k);
    } else {
      Object.assign(k, { a, b });
      l.links.set(to, k);
    }
    out.push({ from, to });
  }
  return out;
}

/**
 * Re-points every stored reference in each of `maps` (in the unit of work; the caller flushes),
 * reading the services, windows and links once; sightings of the old ends go. One result per map.
 */
export async function repointReferences(
  em: EntityManager,
  maps: ReadonlyArray<ReadonlyMap<string, string>>,
): Promise<Repointed[]> {
  if (maps.every((m) => m.size === 0))
    return maps.map(() => ({ services: [], windows: [], links: [] }));
  const loaded: Loaded = {
    services: await em.find(ServiceSchema, {}, { orderBy: { key: 'asc' } }),
    windows: await em.find(MaintenanceWindowSchema, {}, { orderBy: { key: 'asc' } }),
    links: new Map((await em.find(LinkSchema, {})).map((k) => [linkKey(k.a, k.b), k])),
  };
  const out = maps.map((map) => ({
    services: services(loaded, map),
    windows: windows(loaded, map),
    links: links(em, loaded, map),
  }));
  const refs = maps.flatMap((m) => [...m.keys()]);
  const sightings = await em.find(LinkSightingSchema, {
    $or: [{ a: { $in: refs } }, { b: { $in: refs } }],
  });
  sightings.forEach((s) => em.remove(s));
  return out;
}
