// Which LibreNMS alert rules change availability: defaults by rule name, overridden by mappings.
import type { RuleEffect } from './inventory-schema.js';

export type { RuleEffect };

export interface RuleEffectMapping {
  ruleId?: number;
  rule?: string;
  effect: RuleEffect;
}

const DEFAULTS: ReadonlyMap<string, RuleEffect> = new Map([
  ['devices up/down', 'device'],
  ['device down! due to no icmp response.', 'device'],
  ['port status up/down', 'port'],
  ['port status change from up to down', 'port'],
]);

/** The default effect of a LibreNMS rule name (case-insensitive); `ignore` when unknown. */
export function defaultRuleEffect(ruleName: string): RuleEffect {
  return DEFAULTS.get(ruleName.trim().toLowerCase()) ?? 'ignore';
}

/**
 * A lookup of the effect of a rule: a mapping by rule id wins, then a mapping by rule name
 * (case-insensitive), then the defaults. Later mappings replace earlier ones for the same key.
 */
export function ruleEffectResolver(
  mappings: readonly RuleEffectMapping[],
): (rule: { ruleId: number; ruleName: string }) => RuleEffect {
  const byId = new Map<number, RuleEffect>();
  const byName = new Map<string, RuleEffect>();
  for (const m of mappings) {
    if (m.ruleId !== undefined) byId.set(m.ruleId, m.effect);
    else if (m.rule !== undefined) byName.set(m.rule.trim().toLowerCase(), m.effect);
  }
  return ({ ruleId, ruleName }) =>
    byId.get(ruleId) ?? byName.get(ruleName.trim().toLowerCase()) ?? defaultRuleEffect(ruleName);
}
