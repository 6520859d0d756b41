// Evaluates many services at one instant: every path part on one `to` set shares one GroupPass.
import type { CompiledTopology } from './compiled.js';
import type { CompiledPath, CompiledRule } from './compiled-rule.js';
import type { FlagReach } from './flag-reach.js';
import { GroupPass } from './group-pass.js';

/** What group evaluation needs of a service. */
export interface GroupModel {
  rule: CompiledRule;
  deps: Int32Array;
  spofs: Int32Array;
}

/** Met, and when met the up nodes whose failure alone (a device with its ports) would break it. */
type Outcome = { met: false } | { met: true; breakers: number[] };

const UNMET: Outcome = { met: false };

function notAll(breakers: readonly number[], spofs: Int32Array): boolean {
  for (const v of breakers) if (!spofs.includes(v)) return true;
  return false;
}

const keys = new WeakMap<CompiledPath, string>();

/** The `to` set of a path part as text (cached per compiled part). */
function groupKey(p: CompiledPath): string {
  let key = keys.get(p);
  if (key === undefined) {
    key = [...p.to].sort((a, b) => a - b).join(',');
    keys.set(p, key);
  }
  return key;
}

function pathParts(rule: CompiledRule, out: CompiledPath[]): CompiledPath[] {
  if (rule.kind === 'path') out.push(rule);
  else if (rule.kind === 'need') for (const p of rule.parts) pathParts(p, out);
  return out;
}

/** Met and at-risk answers for many services at the current flags. */
export class GroupEvaluator {
  private readonly pass: GroupPass;
  private readonly region: Int32Array;
  private epoch = 0;

  constructor(
    readonly c: CompiledTopology,
    private readonly reach: FlagReach,
  ) {
    this.pass = new GroupPass(c);
    this.region = new Int32Array(c.keys.length);
  }

  /** For each model: 0 not met, 1 met, 2 met and at risk. */
  run(models: readonly GroupModel[], raw: Uint8Array): Uint8Array {
    const parts = this.pathOutcomes(models, raw);
    const out = new Uint8Array(models.length);
    models.forEach((m, i) => {
      out[i] = this.answer(m, raw, parts);
    });
    return out;
  }

  private answer(m: GroupModel, raw: Uint8Array, parts: Map<CompiledPath, Outcome>): number {
    const o =
      (m.rule.kind === 'path' ? parts.get(m.rule) : undefined) ?? this.outcome(m.rule, raw, parts);
    if (!o.met) return 0;
    return notAll(o.breakers, m.spofs) ? 2 : 1;
  }

  /** One pass per `to` set over the union of the dependency sets of the services using it. */
  private pathOutcomes(models: readonly GroupModel[], raw: Uint8Array): Map<CompiledPath, Outcome> {
    const groups = new Map<string, { to: number[]; parts: CompiledPath[]; users: GroupModel[] }>();
    for (const m of models) {
      for (const p of pathParts(m.rule, [])) {
        const key = groupKey(p);
        const g = groups.get(key) ?? { to: p.to, parts: [], users: [] };
        g.parts.push(p);
        g.users.push(m);
        groups.set(key, g);
      }
    }
    const out = new Map<CompiledPath, Outcome>();
    for (const g of groups.values()) {
      const epoch = ++this.epoch;
      for (const m of g.users) for (const v of m.deps) this.region[v] = epoch;
      const reach = this.reach;
      this.pass.run(g.to, (v) => this.region[v] === epoch && !reach.isDown(raw, -1, v));
      let candidates: number[] | null = null;
      const lazy = () => (candidates ??= this.pass.deviceCandidates());
      for (const p of g.parts) if (!out.has(p)) out.set(p, this.pathOutcome(p, raw, lazy));
    }
    return out;
  }

  private pathOutcome(rule: CompiledPath, raw: Uint8Array, candidates: () => number[]): Outcome {
    if (!this.pass.inT(rule.from)) return UNMET;
    const breakers: number[] = [];
    this.addWithDevice(rule.from, breakers);
    for (const x of this.pass.dominatorsOf(rule.from)) this.addWithDevice(x, breakers);
    for (const d of candidates()) {
      if (breakers.includes(d) || this.reach.isDown(raw, -1, d)) continue;
      if (this.reach.reach(rule.from, rule.to, raw, d) < 0) breakers.push(d);
    }
    return { met: true, breakers };
  }

  private addWithDevice(v: number, out: number[]): void {
    if (!out.includes(v)) out.push(v);
    const d = this.c.deviceOf[v] ?? -1;
    if (d >= 0 && !out.includes(d)) out.push(d);
  }

  /** Combinators: met when enough parts are; a node breaks it when too few parts survive it. */
  private outcome(rule: CompiledRule, raw: Uint8Array, paths: Map<CompiledPath, Outcome>): Outcome {
    if (rule.kind === 'path') return paths.get(rule) ?? UNMET;
    if (rule.kind === 'ref') {
      if (this.reach.isDown(raw, -1, rule.node)) return UNMET;
      const breakers: number[] = [];
      this.addWithDevice(rule.node, breakers);
      return { met: true, breakers };
    }
    const met = rule.parts.map((p) => this.outcome(p, raw, paths)).filter((o) => o.met);
    if (met.length < rule.need) return UNMET;
    const hits = new Map<number, number>();
    for (const o of met) for (const v of o.breakers) hits.set(v, (hits.get(v) ?? 0) + 1);
    const breakers: number[] = [];
    for (const [v, n] of hits) if (met.length - n < rule.need) breakers.push(v);
    return { met: true, breakers };
  }
}
