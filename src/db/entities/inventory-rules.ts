// Ordered role rules, LibreNMS rule effects (by rule id, else name) and Alertmanager sources.
import { EntitySchema } from '@mikro-orm/core';

export interface RoleRuleRow {
  id: number;
  /** first match wins: lower positions first */
  position: number;
  hostnamePattern: string | null;
  deviceGroup: string | null;
  role: string;
}

export const RoleRuleSchema = new EntitySchema<RoleRuleRow>({
  name: 'RoleRule',
  tableName: 'role_rules',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    position: { type: 'integer' },
    hostnamePattern: { type: 'string', length: 255, nullable: true },
    deviceGroup: { type: 'string', length: 255, nullable: true },
    role: { type: 'string', length: 20 },
  },
});

export interface RuleEffectRow {
  id: number;
  /** `id:<ruleId>` when the mapping names a rule id, else `name:<lower-case rule name>` */
  matchKey: string;
  ruleId: number | null;
  ruleName: string | null;
  effect: string;
}

export const RuleEffectSchema = new EntitySchema<RuleEffectRow>({
  name: 'RuleEffect',
  tableName: 'rule_effects',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    matchKey: { type: 'string', length: 300, unique: true },
    ruleId: { type: 'integer', nullable: true },
    ruleName: { type: 'string', length: 255, nullable: true },
    effect: { type: 'string', length: 16 },
  },
});

export interface AlertSourceRow {
  id: number;
  position: number;
  alertname: string;
  /** the whole entry (alertname, component template, matchers), JSON text */
  definition: string;
}

export const AlertSourceSchema = new EntitySchema<AlertSourceRow>({
  name: 'AlertSource',
  tableName: 'alert_sources',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    position: { type: 'integer' },
    alertname: { type: 'string', length: 255 },
    definition: { type: 'text' },
  },
});
