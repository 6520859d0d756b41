// Rule effects: defaults by LibreNMS rule name, overridden by id (wins) or name.
import { describe, expect, it } from 'vitest';
import { defaultRuleEffect, ruleEffectResolver } from '../../src/domain/rule-effects.js';

describe('rule effects', () => {
  it.each([
    ['Devices up/down', 'device'],
    ['DEVICES UP/DOWN', 'device'],
    ['Device Down! Due to no ICMP response.', 'device'],
    ['Port status up/down', 'port'],
    ['port status change from up to down', 'port'],
    ['Device Down (SNMP unreachable)', 'ignore'],
    ['Processor usage over 85%', 'ignore'],
  ])('%s -> %s by default', (name, effect) => {
    expect(defaultRuleEffect(name)).toBe(effect);
  });

  const effectOf = ruleEffectResolver([
    { rule: 'custom uplink watch', effect: 'port' },
    { ruleId: 4, rule: 'Port status up/down', effect: 'ignore' },
    { rule: 'Devices up/down', effect: 'ignore' },
  ]);

  it.each([
    [9, 'Custom uplink watch', 'port'],
    [4, 'Renamed port rule', 'ignore'],
    [5, 'Port status up/down', 'port'],
    [1, 'Devices up/down', 'ignore'],
    [8, 'Something else', 'ignore'],
  ])('rule %i "%s" -> %s with mappings', (ruleId, ruleName, effect) => {
    expect(effectOf({ ruleId, ruleName })).toBe(effect);
  });
});
