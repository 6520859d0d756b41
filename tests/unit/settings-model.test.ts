// The settings in the engine's model and the rule overview: the SNMP-only switch is part of a
// version only when on (models stored before keep their digest), and each rule's effect and source.
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/domain/inventory.js';
import {
  claimSettingsOf,
  effectsKey,
  inventoryUnder,
  modelOf,
} from '../../src/domain/inventory-versions.js';
import type { RuleEffectMapping } from '../../src/domain/rule-effects.js';
import type { MappingSource } from '../../src/services/availability.js';
import { ruleRows } from '../../src/services/rule-overview.js';

const base: Inventory = {
  customers: [],
  services: [],
  devices: [],
  ports: [],
  links: [],
  roleRules: [],
  maintenance: [],
  ruleEffects: [{ ruleId: 4, effect: 'port' }],
  alertSources: [],
  effectiveFrom: null,
};

describe('the SNMP-only switch in the model', () => {
  it('is absent while off, so the model and its effects read as before the setting existed', () => {
    const model = modelOf(base);
    expect(JSON.stringify(model)).toBe(
      '{"devices":[],"ports":[],"links":[],"services":[],"ruleEffects":[{"ruleId":4,"effect":"port"}]}',
    );
    expect(effectsKey(model)).toBe('[{"ruleId":4,"effect":"port"}]');
    expect(claimSettingsOf(model)).toEqual({ snmpOnlyCountsAsDown: false });
  });

  it('is part of the model and its effects when on, and an earlier model runs with its own', () => {
    const on = modelOf({ ...base, snmpOnlyCountsAsDown: true });
    expect(on.snmpOnlyCountsAsDown).toBe(true);
    expect(effectsKey(on)).toBe(
      '{"ruleEffects":[{"ruleId":4,"effect":"port"}],"snmpOnlyCountsAsDown":true}',
    );
    expect(claimSettingsOf(on)).toEqual({ snmpOnlyCountsAsDown: true });
    // today's inventory has it on; a model from before (off) runs without it, and the reverse
    const today = { ...base, snmpOnlyCountsAsDown: true as const };
    expect(inventoryUnder(modelOf(base), today).snmpOnlyCountsAsDown).toBeUndefined();
    expect(inventoryUnder(on, base).snmpOnlyCountsAsDown).toBe(true);
  });
});

const tagged = (
  list: [string, RuleEffectMapping, MappingSource][],
): Map<string, { mapping: RuleEffectMapping; source: MappingSource }> =>
  new Map(list.map(([key, mapping, source]) => [key, { mapping, source }]));

describe('ruleRows', () => {
  it('decides each rule as the resolver does: by id, then by name, then the default', () => {
    const seen = new Map([
      [1, 'Devices up/down'],
      [2, 'Port status up/down'],
      [7, 'Core BGP'],
      [8, 'core bgp'],
      [9, 'Agg reachability'],
      [12, 'Something else'],
    ]);
    const mappings = tagged([
      ['name:core bgp', { rule: 'Core BGP', effect: 'device' }, 'document'],
      ['id:8', { ruleId: 8, effect: 'ignore' }, 'admin'],
      ['id:9', { ruleId: 9, rule: 'Agg reachability', effect: 'device' }, 'inferred'],
      ['id:2', { ruleId: 2, effect: 'ignore' }, 'admin'],
      ['id:30', { ruleId: 30, rule: 'Imported later', effect: 'port' }, 'document'],
      ['id:31', { ruleId: 31, effect: 'device' }, 'admin'],
    ]);
    expect(ruleRows(seen, mappings)).toEqual([
      { ruleId: 1, name: 'Devices up/down', effect: 'device', source: 'default', admin: null },
      {
        ruleId: 2,
        name: 'Port status up/down',
        effect: 'ignore',
        source: 'admin',
        admin: 'ignore',
      },
      { ruleId: 7, name: 'Core BGP', effect: 'device', source: 'document', admin: null },
      { ruleId: 8, name: 'core bgp', effect: 'ignore', source: 'admin', admin: 'ignore' },
      { ruleId: 9, name: 'Agg reachability', effect: 'device', source: 'inferred', admin: null },
      { ruleId: 12, name: 'Something else', effect: 'ignore', source: 'default', admin: null },
      { ruleId: 30, name: 'Imported later', effect: 'port', source: 'document', admin: null },
      { ruleId: 31, name: 'rule 31', effect: 'device', source: 'admin', admin: 'device' },
    ]);
  });
});
