// Root cause of a down path rule (availability.md §4): the down components where the walk from `from` meets T.
import { canMove, type CompiledTopology } from './compiled.js';
import type { CompiledPath } from './compiled-rule.js';
import { reachBackward, reachForward } from './reach.js';
import { reportedAs } from './state.js';

function touches(c: CompiledTopology, v: number, inT: Uint8Array): boolean {
  const end = c.offsets[v + 1] ?? 0;
  for (let k = c.offsets[v] ?? 0; k < end; k++) {
    const w = c.targets[k] ?? 0;
    if (inT[w] === 1 && canMove(c, v, w)) return true;
  }
  return false;
}

/** T: the up components from which a valid path through up components reaches an up `to`. */
export function connectedToUpTarget(
  c: CompiledTopology,
  rule: CompiledPath,
  down: Uint8Array,
): Uint8Array {
  const upTos = rule.to.filter((t) => down[t] === 0);
  return reachBackward(
    c,
    upTos,
    (v) => down[v] === 0,
    () => true,
  ).seen;
}

/**
 * Root causes (node indices, reported as their device when down only because of it, unique, in
 * walk order) of a path rule under `raw` claims and effective `down` flags; empty when met.
 */
export function pathRootCause(
  c: CompiledTopology,
  rule: CompiledPath,
  raw: Uint8Array,
  down: Uint8Array,
): number[] {
  const upTos = rule.to.filter((t) => down[t] === 0);
  if (upTos.length === 0) return unique(rule.to.map((t) => reportedAs(c, raw, t)));
  const inT = connectedToUpTarget(c, rule, down);
  if (inT[rule.from] === 1) return [];
  const isCause = (v: number) => down[v] === 1 && touches(c, v, inT);
  const walk = reachForward(
    c,
    [rule.from],
    (v) => inT[v] === 0,
    (v) => !isCause(v),
  );
  return unique(walk.order.filter(isCause).map((v) => reportedAs(c, raw, v)));
}

function unique(list: number[]): number[] {
  return [...new Set(list)];
}
