// One service compiled against a topology: its rule, dependency set, SPOFs and a state evaluator.
import type { ServiceRule } from '../domain/rules.js';
import { ruleRefs } from '../domain/rules.js';
import { isAtRisk } from './at-risk.js';
import type { CompiledTopology } from './compiled.js';
import { compileRule, type CompiledRule } from './compiled-rule.js';
import type { Dependencies } from './dependency.js';
import { DependencyCache } from './dependency-cache.js';
import { byCodeUnit, serviceState, type ServiceState } from './rule-eval.js';
import { ruleDependencies } from './rule-dependencies.js';
import { rawDownOf } from './state.js';

export interface ServiceModel {
  rule: CompiledRule;
  deps: Dependencies;
  /** Dependency set refs, sorted. */
  dependencies: string[];
  /** Single points of failure with everything up, sorted. */
  spofs: string[];
  /** The service's state when exactly these components are held down. */
  evaluate: (rawDown: ReadonlySet<string>) => ServiceState;
  /** Up and at risk when exactly these components are held down. */
  atRisk: (rawDown: ReadonlySet<string>) => boolean;
}

function refsOf(c: CompiledTopology, nodes: readonly number[]): string[] {
  return nodes.map((v) => c.keys[v] ?? '').sort(byCodeUnit);
}

/** Refs a rule names, to be added as topology nodes so that every rule compiles. */
export function namedRefs(rules: readonly ServiceRule[]): string[] {
  return [...new Set(rules.flatMap(ruleRefs))];
}

export function modelService(
  c: CompiledTopology,
  requires: ServiceRule,
  cache: DependencyCache = new DependencyCache(c),
): ServiceModel {
  const rule = compileRule(c, requires);
  return serviceModelOf(c, rule, ruleDependencies(c, rule, cache));
}

/** The model of a rule whose dependencies are already known (the incremental engine keeps them). */
export function serviceModelOf(
  c: CompiledTopology,
  rule: CompiledRule,
  deps: Dependencies,
): ServiceModel {
  const watch = new Set(deps.components.map((v) => c.keys[v] ?? ''));
  const relevant = (rawDown: ReadonlySet<string>) => [...rawDown].filter((r) => watch.has(r));
  return {
    rule,
    deps,
    dependencies: refsOf(c, deps.components),
    spofs: refsOf(c, deps.spofs),
    evaluate: (rawDown) => serviceState(c, rule, relevant(rawDown)),
    atRisk: (rawDown) => isAtRisk(c, rule, deps, rawDownOf(c, relevant(rawDown))),
  };
}
