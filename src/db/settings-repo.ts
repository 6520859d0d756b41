// Operational settings by intent: the claim settings, the admin's rule effects, and the LibreNMS
// rules seen in the event log (read incrementally by event id).
import type { EntityManager, Knex } from '@mikro-orm/knex';
import type { RuleEffect, RuleEffectMapping } from '../domain/rule-effects.js';
import { RuleEffectSchema } from './entities/inventory-rules.js';
import { RuleEffectSettingSchema, SettingSchema } from './entities/setting.js';

const SNMP_ONLY = 'claims.snmpOnlyCountsAsDown';

/** Whether an SNMP-only device alert (or outage) holds its device down; off unless stored on. */
export async function readSnmpOnly(em: EntityManager): Promise<boolean> {
  const row = await em.findOne(SettingSchema, { name: SNMP_ONLY });
  return row !== null && JSON.parse(row.value) === true;
}

/** Stores the SNMP-only switch (the caller's flush writes it). */
export async function writeSnmpOnly(em: EntityManager, on: boolean, at: Date): Promise<void> {
  const row = await em.findOne(SettingSchema, { name: SNMP_ONLY });
  if (row) Object.assign(row, { value: JSON.stringify(on), updatedAt: at });
  else em.create(SettingSchema, { name: SNMP_ONLY, value: JSON.stringify(on), updatedAt: at });
}

/** The admin's rule effects, by rule id. */
export async function adminRuleEffects(em: EntityManager): Promise<Map<number, RuleEffect>> {
  const rows = await em.find(RuleEffectSettingSchema, {}, { orderBy: { ruleId: 'asc' } });
  return new Map(rows.map((r) => [r.ruleId, r.effect as RuleEffect]));
}

/** Sets (or, with null, removes) the admin's effect of one rule (the caller's flush writes it). */
export async function writeAdminRuleEffect(
  em: EntityManager,
  ruleId: number,
  effect: RuleEffect | null,
  at: Date,
): Promise<void> {
  const row = await em.findOne(RuleEffectSettingSchema, { ruleId });
  if (effect === null) {
    if (row) em.remove(row);
  } else if (row) Object.assign(row, { effect, updatedAt: at });
  else em.create(RuleEffectSettingSchema, { ruleId, effect, updatedAt: at });
}

/** A rule seen in the event log: its id, its newest name, the newest event id that named it. */
export interface SeenRule {
  ruleId: number;
  name: string;
  lastEventId: number;
}

/**
 * The rules of the events with id > afterId, one per rule id with the name of its newest event
 * (a renamed rule keeps its id). One grouped scan of that id range of the primary key.
 */
export async function rulesSeen(knex: Knex, afterId: number): Promise<SeenRule[]> {
  const rows = (await knex('events')
    .select('rule_id', 'rule_name')
    .max({ last: 'id' })
    .where('id', '>', afterId)
    .groupBy('rule_id', 'rule_name')) as { rule_id: number; rule_name: string; last: number }[];
  const out = new Map<number, SeenRule>();
  for (const r of rows) {
    const seen = { ruleId: Number(r.rule_id), name: r.rule_name, lastEventId: Number(r.last) };
    const known = out.get(seen.ruleId);
    if (known === undefined || known.lastEventId < seen.lastEventId) out.set(seen.ruleId, seen);
  }
  return [...out.values()].sort((a, b) => a.ruleId - b.ruleId);
}

/** The inventory document's rule effects, by match key (`id:N`, `name:x`). */
export async function documentRuleEffects(
  em: EntityManager,
): Promise<Map<string, RuleEffectMapping>> {
  const rows = await em.find(RuleEffectSchema, {}, { orderBy: { id: 'asc' } });
  return new Map(
    rows.map((r) => [
      r.matchKey,
      {
        ...(r.ruleId !== null ? { ruleId: r.ruleId } : {}),
        ...(r.ruleName !== null ? { rule: r.ruleName } : {}),
        effect: r.effect as RuleEffect,
      },
    ]),
  );
}
