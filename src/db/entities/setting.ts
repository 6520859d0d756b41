// Operational settings edited on admin pages: named values, and the admin's rule-effect mappings.
import { EntitySchema } from '@mikro-orm/core';

/** One setting; `value` is JSON text. */
export interface SettingRow {
  name: string;
  value: string;
  updatedAt: Date;
}

export const SettingSchema = new EntitySchema<SettingRow>({
  name: 'Setting',
  tableName: 'settings',
  properties: {
    name: { type: 'string', length: 100, primary: true },
    value: { type: 'text' },
    updatedAt: { type: 'datetime', length: 0 },
  },
});

/** An admin's effect for one LibreNMS rule, by rule id (a renamed rule keeps it). */
export interface RuleEffectSettingRow {
  ruleId: number;
  effect: string;
  updatedAt: Date;
}

export const RuleEffectSettingSchema = new EntitySchema<RuleEffectSettingRow>({
  name: 'RuleEffectSetting',
  tableName: 'rule_effect_settings',
  properties: {
    ruleId: { type: 'integer', primary: true, autoincrement: false },
    effect: { type: 'string', length: 16 },
    updatedAt: { type: 'datetime', length: 0 },
  },
});
