// Dependency set and single points of failure of any service rule (refs, paths, all / any / atLeast).
import type { CompiledTopology } from './compiled.js';
import type { CompiledRule } from './compiled-rule.js';
import { pathDependencies, type Dependencies } from './dependency.js';
import { DependencyCache } from './dependency-cache.js';

/**
 * For a combinator needing K of N parts, a component is a single point of failure when it is one
 * for more than N − K parts (its failure alone leaves fewer than K parts met).
 */
export function ruleDependencies(
  c: CompiledTopology,
  rule: CompiledRule,
  cache: DependencyCache = new DependencyCache(c),
): Dependencies {
  if (rule.kind === 'path') return pathDependencies(c, rule, cache);
  if (rule.kind === 'ref') {
    const device = c.deviceOf[rule.node] ?? -1;
    const nodes = device >= 0 ? [rule.node, device] : [rule.node];
    return { components: nodes, spofs: nodes };
  }
  const parts = rule.parts.map((p) => ruleDependencies(c, p, cache));
  const components = [...new Set(parts.flatMap((p) => p.components))];
  const count = new Map<number, number>();
  for (const p of parts) for (const v of p.spofs) count.set(v, (count.get(v) ?? 0) + 1);
  const spofs = [...count].filter(([, n]) => n > parts.length - rule.need).map(([v]) => v);
  return { components, spofs };
}
