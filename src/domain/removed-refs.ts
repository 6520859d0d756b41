// Which refs a service rule names that no longer stand for a component LibreNMS lists.
import { ruleRefs, type ServiceRule } from './rules.js';

/** Why a named component counts as removed. */
export type RemovedReason = 'gone' | 'device gone' | 'unknown';

export const REMOVED_REASON_TEXT: Record<RemovedReason, string> = {
  gone: 'LibreNMS no longer lists it',
  'device gone': 'LibreNMS no longer lists its device',
  unknown: 'no such component is known',
};

/** What is known of a ref: its reason when it counts as removed, else null. */
export type Presence = ReadonlyMap<string, RemovedReason | null>;

export interface NamedRemoved {
  ref: string;
  reason: RemovedReason;
}

/** The refs of `rule` that `presence` marks removed, in rule order (refs it lacks are unknown). */
export function removedRefsOf(rule: ServiceRule, presence: Presence): NamedRemoved[] {
  const out: NamedRemoved[] = [];
  for (const ref of ruleRefs(rule)) {
    const reason = presence.has(ref) ? presence.get(ref)! : 'unknown';
    if (reason !== null) out.push({ ref, reason });
  }
  return out;
}
