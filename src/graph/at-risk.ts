// At risk (availability.md §4): up, and one more up component failing would bring it down, that is not a SPOF.
import type { CompiledTopology } from './compiled.js';
import type { CompiledRule } from './compiled-rule.js';
import type { Dependencies } from './dependency.js';
import { ruleMet } from './rule-eval.js';
import { effectiveDown } from './state.js';

/**
 * The up components (node indices, in dependency order) whose failure would now bring the rule
 * down although they are not single points of failure; empty when the rule is down or not at risk.
 */
export function exhaustedRedundancy(
  c: CompiledTopology,
  rule: CompiledRule,
  deps: Dependencies,
  raw: Uint8Array,
): number[] {
  const down = effectiveDown(c, raw);
  if (!ruleMet(c, rule, down)) return [];
  const spofs = new Set(deps.spofs);
  const out: number[] = [];
  for (const v of deps.components) {
    if (down[v] === 1 || spofs.has(v)) continue;
    const more = new Uint8Array(raw);
    more[v] = 1;
    if (!ruleMet(c, rule, effectiveDown(c, more))) out.push(v);
  }
  return out;
}

/** Whether the rule is up and at risk under the raw claims. */
export function isAtRisk(
  c: CompiledTopology,
  rule: CompiledRule,
  deps: Dependencies,
  raw: Uint8Array,
): boolean {
  return exhaustedRedundancy(c, rule, deps, raw).length > 0;
}
