// Whether a path rule is met: `from` up and a valid path through up components to some up `to`.
import type { CompiledTopology } from './compiled.js';
import type { CompiledPath } from './compiled-rule.js';
import { reachForward } from './reach.js';

/**
 * `down` holds effective down flags. A valid path ends at the first `to` it reaches, so `to`
 * nodes are never walked through.
 */
export function pathMet(c: CompiledTopology, rule: CompiledPath, down: Uint8Array): boolean {
  if (down[rule.from] === 1) return false;
  const isTo = new Uint8Array(c.keys.length);
  for (const t of rule.to) isTo[t] = 1;
  if (isTo[rule.from] === 1) return true;
  const { seen } = reachForward(
    c,
    [rule.from],
    (v) => down[v] === 0,
    (v) => isTo[v] === 0,
  );
  return rule.to.some((t) => seen[t] === 1);
}
