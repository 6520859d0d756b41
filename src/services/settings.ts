// Operational settings on the admin page: the SNMP-only switch and the admin's rule effects. Each
// change is audited and stored with a new inventory version from its moment (earlier timelines stay).
import type { EntityManager } from '@mikro-orm/knex';
import { recordAudit } from '../db/audit-repo.js';
import {
  adminRuleEffects,
  documentRuleEffects,
  readSnmpOnly,
  writeAdminRuleEffect,
  writeSnmpOnly,
} from '../db/settings-repo.js';
import type { RuleEffect } from '../domain/rule-effects.js';
import { mappingsInForce } from './availability.js';
import { recordVersion } from './engine-versions.js';
import type { EventBus } from './event-bus.js';
import { KnownRules, ruleRows, type RuleRow } from './rule-overview.js';

export interface SettingsDeps {
  /** epoch seconds */
  now: () => number;
  /** told `'inventory.changed'` after a change commits (the engine takes the new version in) */
  bus?: EventBus;
}

export interface SettingsOverview {
  snmpOnlyCountsAsDown: boolean;
  rules: RuleRow[];
}

interface Change {
  action: string;
  subject: string;
  old: unknown;
  new: unknown;
}

export class SettingsService {
  private readonly known = new KnownRules();

  constructor(private readonly deps: SettingsDeps) {}

  /** The switch and every rule PathUptime knows, with its effect now and where it comes from. */
  async overview(em: EntityManager): Promise<SettingsOverview> {
    const snmpOnlyCountsAsDown = await readSnmpOnly(em);
    const mappings = await mappingsInForce(em, await documentRuleEffects(em));
    const seen = await this.known.read(em);
    return { snmpOnlyCountsAsDown, rules: ruleRows(seen, mappings) };
  }

  /** Turns the SNMP-only switch on or off; returns whether it changed (no change: nothing written). */
  setSnmpOnly(em: EntityManager, on: boolean, userId: number | null): Promise<boolean> {
    return this.change(em, userId, async (tx, at) => {
      const old = await readSnmpOnly(tx);
      if (old === on) return null;
      await writeSnmpOnly(tx, on, at);
      return { action: 'settings.snmp_only', subject: 'snmpOnlyCountsAsDown', old, new: on };
    });
  }

  /** Sets (null: clears) the admin's effect of rule `ruleId`; returns whether it changed. */
  setRuleEffect(
    em: EntityManager,
    ruleId: number,
    effect: RuleEffect | null,
    userId: number | null,
  ): Promise<boolean> {
    return this.change(em, userId, async (tx, at) => {
      const old = (await adminRuleEffects(tx)).get(ruleId) ?? null;
      if (old === effect) return null;
      await writeAdminRuleEffect(tx, ruleId, effect, at);
      return { action: 'settings.rule_effect', subject: `rule/${ruleId}`, old, new: effect };
    });
  }

  /**
   * One change in one transaction: written, audited (who, old -> new) and recorded as a version
   * from now; then published so that the engine takes the version in.
   */
  private async change(
    em: EntityManager,
    userId: number | null,
    write: (tx: EntityManager, at: Date) => Promise<Change | null>,
  ): Promise<boolean> {
    const now = this.deps.now();
    const at = new Date(now * 1000);
    const changed = await em.transactional(async (tx) => {
      const c = await write(tx, at);
      if (c === null) return false;
      await tx.flush();
      await recordVersion(tx, now, now);
      const { action, subject, ...detail } = c;
      recordAudit(tx, { at, userId, action, subject, detail });
      return true;
    });
    if (changed) this.deps.bus?.publish('inventory.changed', { effectiveFrom: null });
    return changed;
  }
}
