// Rule effects inferred from LibreNMS `/rules`: built on macros.device_down → device, port_down → port.
import type { EntityManager } from '@mikro-orm/knex';
import { statesWithPrefix, writeState } from '../db/reconcile-repo.js';
import type { RuleEffectMapping } from '../domain/rule-effects.js';
import type { ApiRule } from '../librenms/api-types.js';

export const INFERRED_RULE_PREFIX = 'rule.';

/** `device`, `port` or null from what the rule is built on (its builder and its query). */
export function inferEffect(rule: Pick<ApiRule, 'builder' | 'query'>): 'device' | 'port' | null {
  const text = `${JSON.stringify(rule.builder ?? null)} ${rule.query ?? ''}`;
  if (text.includes('macros.device_down')) return 'device';
  if (text.includes('macros.port_down')) return 'port';
  return null;
}

/** Stores the inferred effect of each rule by id (so a renamed rule keeps it); counts changes. */
export async function storeInferredEffects(
  em: EntityManager,
  rules: readonly ApiRule[],
): Promise<number> {
  const stored = await statesWithPrefix(em, INFERRED_RULE_PREFIX);
  let changed = 0;
  for (const rule of rules) {
    const effect = inferEffect(rule);
    if (effect === null) continue;
    const name = `${INFERRED_RULE_PREFIX}${rule.id}`;
    const value = JSON.stringify({ rule: rule.name.slice(0, 200), effect });
    if (stored.get(name) === value) continue;
    await writeState(em, name, value);
    changed++;
  }
  return changed;
}

/** Inferred mappings for rules an admin has not mapped (by id or by name). */
export async function inferredMappings(
  em: EntityManager,
  mapped: ReadonlySet<string>,
): Promise<Map<string, RuleEffectMapping>> {
  const out = new Map<string, RuleEffectMapping>();
  for (const [name, value] of await statesWithPrefix(em, INFERRED_RULE_PREFIX)) {
    const ruleId = Number(name.slice(INFERRED_RULE_PREFIX.length));
    const { rule, effect } = JSON.parse(value) as { rule: string; effect: 'device' | 'port' };
    if (mapped.has(`id:${ruleId}`) || mapped.has(`name:${rule.trim().toLowerCase()}`)) continue;
    out.set(`id:${ruleId}`, { ruleId, rule, effect });
  }
  return out;
}
