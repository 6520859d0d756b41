// One service's state at the current instant, on flag arrays: down, planned, root cause and at risk.
import type { CompiledTopology } from './compiled.js';
import type { CompiledRule } from './compiled-rule.js';
import { FlagReach } from './flag-reach.js';
import { GroupEvaluator } from './group-eval.js';
import { byCodeUnit } from './rule-eval.js';
import { ScopedCause } from './scoped-cause.js';

/** What the evaluator needs of a service: its compiled rule, dependency set and SPOFs. */
export interface StateModel {
  rule: CompiledRule;
  deps: Int32Array;
  spofs: Int32Array;
}

export interface ServiceState {
  down: boolean;
  /** Down, and still down with only the components under a window taken as down. */
  planned: boolean;
  /** Up, and one more non-SPOF component failing would bring it down. */
  atRisk: boolean;
  /** Root-cause refs while down, sorted. */
  rootCause: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);
const UP: ServiceState = Object.freeze({
  down: false,
  planned: false,
  atRisk: false,
  rootCause: NONE,
});
const UP_AT_RISK: ServiceState = Object.freeze({ ...UP, atRisk: true });

/** Evaluates services against `raw` (held-down flags) and `covered` (down under a window) flags. */
export class StateEvaluator {
  readonly raw: Uint8Array;
  readonly covered: Uint8Array;
  readonly reach: FlagReach;
  private readonly cause: ScopedCause;
  private readonly groups: GroupEvaluator;
  private readonly brokenUp = new WeakMap<StateModel, boolean>();
  private readonly none: Uint8Array;
  /** Whether any `covered` flag may be set (when not, planned needs no reachability pass). */
  anyCovered = true;

  constructor(readonly c: CompiledTopology) {
    this.raw = new Uint8Array(c.keys.length);
    this.covered = new Uint8Array(c.keys.length);
    this.reach = new FlagReach(c);
    this.cause = new ScopedCause(c, this.reach);
    this.groups = new GroupEvaluator(c, this.reach);
    this.none = new Uint8Array(c.keys.length);
  }

  /** Whether the rule is unmet even with everything up (cached per model). */
  private broken(m: StateModel): boolean {
    let known = this.brokenUp.get(m);
    if (known === undefined) {
      known = !this.reach.met(m.rule, this.none, -1);
      this.brokenUp.set(m, known);
    }
    return known;
  }

  /** States of many services at the current flags; path parts of one `to` set share a pass. */
  evaluateMany(models: readonly StateModel[]): ServiceState[] {
    const answers = this.groups.run(models, this.raw);
    return models.map((m, i) => {
      const answer = answers[i] ?? 0;
      if (answer === 0) return this.downState(m);
      return answer === 2 ? UP_AT_RISK : UP;
    });
  }

  private downState(m: StateModel): ServiceState {
    const causes = this.cause.causes(m.rule, m.deps, this.raw);
    const rootCause = causes.map((v) => this.c.keys[v] ?? '').sort(byCodeUnit);
    const planned = this.anyCovered ? !this.reach.met(m.rule, this.covered, -1) : this.broken(m);
    return { down: true, planned, atRisk: false, rootCause };
  }
}

/** Whether two states are equal (root causes compared element-wise). */
export function sameState(a: ServiceState, b: ServiceState): boolean {
  if (a.down !== b.down || a.planned !== b.planned || a.atRisk !== b.atRisk) return false;
  const x = a.rootCause;
  const y = b.rootCause;
  if (x === y) return true;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
