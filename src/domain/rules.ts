// Service rules (availability.md §4): a component ref, a path, or all / any / atLeast over rules.

export interface PathRule {
  path: { from: string; to: string[] };
}

export type ServiceRule =
  | string
  | PathRule
  | { all: ServiceRule[] }
  | { any: ServiceRule[] }
  | { atLeast: number; of: ServiceRule[] };

/** Every component ref named in a rule, in order of appearance, unique. */
export function ruleRefs(rule: ServiceRule): string[] {
  const out = new Set<string>();
  const visit = (r: ServiceRule): void => {
    if (typeof r === 'string') out.add(r);
    else if ('path' in r) [r.path.from, ...r.path.to].forEach((ref) => out.add(ref));
    else if ('all' in r) r.all.forEach(visit);
    else if ('any' in r) r.any.forEach(visit);
    else r.of.forEach(visit);
  };
  visit(rule);
  return [...out];
}

/** The same rule with every ref replaced by `map(ref)`. */
export function mapRuleRefs(rule: ServiceRule, map: (ref: string) => string): ServiceRule {
  if (typeof rule === 'string') return map(rule);
  if ('path' in rule) return { path: { from: map(rule.path.from), to: rule.path.to.map(map) } };
  if ('all' in rule) return { all: rule.all.map((r) => mapRuleRefs(r, map)) };
  if ('any' in rule) return { any: rule.any.map((r) => mapRuleRefs(r, map)) };
  return { atLeast: rule.atLeast, of: rule.of.map((r) => mapRuleRefs(r, map)) };
}

/** Parts of a combinator with the number of them that must be met. */
export function ruleParts(rule: Exclude<ServiceRule, string | PathRule>): {
  parts: ServiceRule[];
  need: number;
} {
  if ('all' in rule) return { parts: rule.all, need: rule.all.length };
  if ('any' in rule) return { parts: rule.any, need: 1 };
  return { parts: rule.of, need: rule.atLeast };
}
