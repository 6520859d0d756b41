// The LibreNMS rules PathUptime knows (event log, LibreNMS's /rules, mappings), each with its
// effect now and where that comes from, decided as the engine's resolver decides it.
import type { EntityManager } from '@mikro-orm/knex';
import { rulesSeen, type SeenRule } from '../db/settings-repo.js';
import { statesWithPrefix } from '../db/reconcile-repo.js';
import {
  defaultRuleEffect,
  type RuleEffect,
  type RuleEffectMapping,
} from '../domain/rule-effects.js';
import { ruleEffectKey } from '../domain/inventory-entries.js';
import type { MappingSource } from './availability.js';
import { INFERRED_RULE_PREFIX } from './reconcile-rules.js';

export interface RuleRow {
  ruleId: number;
  name: string;
  effect: RuleEffect;
  source: MappingSource | 'default';
  /** the admin's mapping of this rule id, if any */
  admin: RuleEffect | null;
}

/** Rules seen in the event log, read on from the last event id read (the log only grows). */
export class KnownRules {
  private through = 0;
  private readonly byId = new Map<number, SeenRule>();
  private reading: Promise<void> = Promise.resolve();

  async read(em: EntityManager): Promise<Map<number, string>> {
    // one read at a time (each goes on from the last); a failed read leaves the next one to retry
    const run = this.reading.then(async () => {
      for (const r of await rulesSeen(em.getKnex(), this.through)) {
        const known = this.byId.get(r.ruleId);
        if (known === undefined || known.lastEventId < r.lastEventId) this.byId.set(r.ruleId, r);
        this.through = Math.max(this.through, r.lastEventId);
      }
    });
    this.reading = run.catch(() => undefined);
    await run;
    const names = new Map([...this.byId].map(([id, r]) => [id, r.name]));
    // rules LibreNMS's /rules listed (stored by reconciliation when it infers their effect)
    for (const [key, value] of await statesWithPrefix(em, INFERRED_RULE_PREFIX)) {
      const ruleId = Number(key.slice(INFERRED_RULE_PREFIX.length));
      if (!names.has(ruleId)) names.set(ruleId, (JSON.parse(value) as { rule: string }).rule);
    }
    return names;
  }
}

/**
 * One row per known rule id (seen, imported, or named by a mapping), sorted by id: a mapping by
 * id wins, then one by name (case-insensitive), then the default by name.
 */
export function ruleRows(
  seen: ReadonlyMap<number, string>,
  mappings: ReadonlyMap<string, { mapping: RuleEffectMapping; source: MappingSource }>,
): RuleRow[] {
  const names = new Map(seen);
  for (const { mapping } of mappings.values())
    if (mapping.ruleId !== undefined && !names.has(mapping.ruleId))
      names.set(mapping.ruleId, mapping.rule ?? `rule ${mapping.ruleId}`);
  return [...names]
    .sort(([a], [b]) => a - b)
    .map(([ruleId, name]) => {
      const byId = mappings.get(ruleEffectKey({ ruleId }));
      const found = byId ?? mappings.get(ruleEffectKey({ rule: name }));
      const admin = byId?.source === 'admin' ? byId.mapping.effect : null;
      if (found === undefined)
        return { ruleId, name, effect: defaultRuleEffect(name), source: 'default', admin };
      return { ruleId, name, effect: found.mapping.effect, source: found.source, admin };
    });
}

/** How the page names each source. */
export const RULE_EFFECT_SOURCES: Record<RuleRow['source'], string> = {
  admin: 'admin mapping',
  document: 'inventory document',
  inferred: "inferred from the rule's macros",
  default: 'default by name',
};
