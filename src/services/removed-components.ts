// Services whose rules name components that are gone from LibreNMS or not known at all.
import type { EntityManager } from '@mikro-orm/knex';
import { componentPresence, visibleServiceRules } from '../db/removed-components-repo.js';
import { REMOVED_REASON_TEXT, removedRefsOf, type RemovedReason } from '../domain/removed-refs.js';
import { ruleRefs, type ServiceRule } from '../domain/rules.js';

export interface ServiceOnRemoved {
  customer: string;
  key: string;
  name: string;
  refs: Array<{ ref: string; reason: RemovedReason; text: string }>;
}

/** Every visible service that names at least one removed component, by customer and key. */
export async function servicesOnRemovedComponents(em: EntityManager): Promise<ServiceOnRemoved[]> {
  const knex = em.getKnex();
  const services = (await visibleServiceRules(knex)).map((s) => ({
    ...s,
    rule: JSON.parse(s.requires) as ServiceRule,
  }));
  const presence = await componentPresence(
    knex,
    services.flatMap((s) => ruleRefs(s.rule)),
  );
  const out: ServiceOnRemoved[] = [];
  for (const s of services) {
    const removed = removedRefsOf(s.rule, presence);
    if (removed.length === 0) continue;
    out.push({
      customer: s.customerKey,
      key: s.key,
      name: s.name,
      refs: removed.map((r) => ({ ...r, text: REMOVED_REASON_TEXT[r.reason] })),
    });
  }
  return out;
}
