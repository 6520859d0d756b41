// Evaluates a compiled service rule on one state: met or not, and its root causes.
import type { CompiledTopology } from './compiled.js';
import type { CompiledRule } from './compiled-rule.js';
import { pathMet } from './reachability.js';
import { pathRootCause } from './root-cause.js';
import { effectiveDown, rawDownOf, reportedAs } from './state.js';

export interface RuleOutcome {
  met: boolean;
  /** Root-cause node indices (empty when met). */
  causes: number[];
}

/** Whether the rule is met under effective `down` flags (no root cause work). */
export function ruleMet(c: CompiledTopology, rule: CompiledRule, down: Uint8Array): boolean {
  if (rule.kind === 'ref') return down[rule.node] === 0;
  if (rule.kind === 'path') return pathMet(c, rule, down);
  let met = 0;
  for (const p of rule.parts) if (ruleMet(c, p, down) && ++met >= rule.need) return true;
  return false;
}

/** Met, and when not, the root causes: for combinators the union over the parts not met. */
export function evaluateRule(
  c: CompiledTopology,
  rule: CompiledRule,
  raw: Uint8Array,
  down: Uint8Array,
): RuleOutcome {
  if (rule.kind === 'ref') {
    const met = down[rule.node] === 0;
    return { met, causes: met ? [] : [reportedAs(c, raw, rule.node)] };
  }
  if (rule.kind === 'path') {
    const met = pathMet(c, rule, down);
    return { met, causes: met ? [] : pathRootCause(c, rule, raw, down) };
  }
  const outcomes = rule.parts.map((p) => evaluateRule(c, p, raw, down));
  const met = outcomes.filter((o) => o.met).length >= rule.need;
  const causes = met ? [] : [...new Set(outcomes.flatMap((o) => (o.met ? [] : o.causes)))];
  return { met, causes };
}

export interface ServiceState {
  down: boolean;
  /** Root-cause refs sorted by code unit. */
  rootCause: string[];
}

/** The service state when exactly the components in `rawDownRefs` are held down. */
export function serviceState(
  c: CompiledTopology,
  rule: CompiledRule,
  rawDownRefs: Iterable<string>,
): ServiceState {
  const raw = rawDownOf(c, rawDownRefs);
  const outcome = evaluateRule(c, rule, raw, effectiveDown(c, raw));
  const rootCause = outcome.causes.map((i) => c.keys[i] ?? '').sort(byCodeUnit);
  return { down: !outcome.met, rootCause };
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
