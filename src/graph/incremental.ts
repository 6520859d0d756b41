// Incremental engine: stored events -> claims -> only the affected services, re-evaluated over only the changed window.
import { ClaimStore, type ChangedSpans } from '../domain/claim-store.js';
import type { ClaimSettings, OutageRow } from '../domain/claims.js';
import type { AlertEvent } from '../domain/events.js';
import { incidentsOf, type Incident } from '../domain/incidents.js';
import { widen } from '../domain/interval-diff.js';
import type { Interval } from '../domain/intervals.js';
import type { Inventory, Service, Window } from '../domain/inventory.js';
import { ruleEffectResolver, type RuleEffectMapping } from '../domain/rule-effects.js';
import type { Segment } from '../domain/timeline.js';
import { componentCover } from '../domain/windows.js';
import type { CompiledTopology } from './compiled.js';
import { compileRule } from './compiled-rule.js';
import { compileRows } from './csr-build.js';
import { DependencyCache } from './dependency-cache.js';
import { ruleDependencies } from './rule-dependencies.js';
import { namedRefs } from './service-model.js';
import { StateEvaluator, type ServiceState, type StateModel } from './service-state.js';
import { ServiceTimeline, type Transition } from './service-timeline.js';
import { timelineFigures, type Period } from './incremental-report.js';
import type { UptimeFigures } from '../domain/uptime.js';
import { Sweeper } from './sweep.js';
import { WatchIndex } from './watch-index.js';

export interface EngineOptions {
  settings?: ClaimSettings;
  /** A topology compiled elsewhere (it must hold every component the services name). */
  topology?: CompiledTopology;
  /**
   * Per service, the instant from which this engine computes it; before it the timeline is kept
   * history (`restoreHistory`), never recomputed. Missing: all time.
   */
  floors?: ReadonlyMap<string, number>;
}

/** A stored transition that is new: from `at` on, the service is in this state. */
export interface ServiceChange extends ServiceState {
  service: string;
  at: number;
}

export interface ApplyResult {
  changes: ServiceChange[];
  /** Per service, the span [start, end) whose stored transitions were recomputed. */
  spans: { service: string; start: number; end: number }[];
  /** The hull of the components' changed claims or cover, before floors cut it (null: none). */
  claims: Interval | null;
}

interface Slot {
  service: Service;
  floor: number;
  model: StateModel;
  timeline: ServiceTimeline;
}

const ALL_TIME: Interval = { start: -Infinity, end: Infinity };

/** Windows per service slot; `claims` is the hull of the component changes behind them. */
type Affected = Map<number, Interval> & { claims?: Interval | null };

/** Pure, in-memory incremental evaluation of every service of an inventory. */
export class IncrementalEngine {
  readonly c: CompiledTopology;
  private readonly store: ClaimStore;
  private readonly slots: (Slot | null)[] = [];
  private readonly models: (StateModel | null)[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly index: WatchIndex;
  private readonly evaluator: StateEvaluator;
  private readonly sweeper: Sweeper;
  private readonly deps: DependencyCache;
  private windows: Window[];
  private readonly shared = new Map<string, StateModel>();
  private readonly floors: ReadonlyMap<string, number>;

  constructor(
    private readonly inventory: Inventory,
    options: EngineOptions = {},
  ) {
    this.floors = options.floors ?? new Map();
    this.c =
      options.topology ??
      compileRows({ ...inventory, refs: namedRefs(inventory.services.map((s) => s.requires)) });
    this.store = new ClaimStore(ruleEffectResolver(inventory.ruleEffects), options.settings);
    this.index = new WatchIndex(this.c.keys.length);
    this.evaluator = new StateEvaluator(this.c);
    this.deps = new DependencyCache(this.c);
    this.sweeper = new Sweeper({
      c: this.c,
      evaluator: this.evaluator,
      models: this.models,
      watchers: this.index.watchers,
      downOf: this.index.downOf,
      coveredOf: this.index.coveredOf,
    });
    this.windows = inventory.maintenance;
    this.noteSpans(this.store.setCover(componentCover(this.windows, inventory)));
    for (const s of inventory.services) this.register(s);
    this.recomputeAll();
  }

  /** Applies newly stored events (any order, late, duplicates); returns the state changes they caused. */
  apply(events: readonly AlertEvent[]): ApplyResult {
    return this.recompute(this.affectedBy(this.store.addEvents(events)));
  }

  /** The instant from which the engine computes a service (before it: kept history). */
  floor(key: string): number {
    return this.slots[this.byKey.get(key) ?? -1]?.floor ?? -Infinity;
  }

  /**
   * Replaces a service's kept history over [start, end) (which must end at or before its floor)
   * with `fresh` (sorted, the first at `start`); returns the transitions that are new.
   */
  restoreHistory(key: string, start: number, end: number, fresh: readonly Transition[]) {
    if (end > this.floor(key)) throw new RangeError(`${key}: history must end by its floor`);
    return this.timeline(key).splice(start, end, fresh);
  }

  /** Replaces the LibreNMS outage history. */
  setOutages(rows: readonly OutageRow[]): ApplyResult {
    return this.recompute(this.affectedBy(this.store.setOutages(rows)));
  }

  /** Replaces the rule-effect mappings; only components whose claims change are re-evaluated. */
  setRuleEffects(mappings: readonly RuleEffectMapping[]): ApplyResult {
    return this.recompute(this.affectedBy(this.store.setEffects(ruleEffectResolver(mappings))));
  }

  /** Replaces the windows; components whose planned cover changes re-evaluate their services there. */
  setWindows(windows: readonly Window[]): ApplyResult {
    this.windows = [...windows];
    const changed = this.store.setCover(componentCover(this.windows, this.inventory));
    return this.recompute(this.affectedBy(changed));
  }

  /** Adds or replaces a service; its timeline is recomputed from `effectiveFrom` (default: all time). */
  upsertService(service: Service, effectiveFrom = -Infinity): ApplyResult {
    const slot = this.register(service);
    return this.recompute(new Map([[slot, { start: effectiveFrom, end: Infinity }]]));
  }

  removeService(key: string): void {
    const slot = this.byKey.get(key);
    if (slot === undefined) return;
    this.index.unwatch(slot, this.models[slot]?.deps ?? []);
    this.slots[slot] = null;
    this.models[slot] = null;
    this.byKey.delete(key);
  }

  /** Recomputes every service over all time from the stored claims. */
  recomputeAll(): ApplyResult {
    const all = new Map<number, Interval>();
    this.slots.forEach((s, i) => s !== null && all.set(i, ALL_TIME));
    return this.recompute(all);
  }

  services(): Service[] {
    return this.slots.flatMap((s) => (s === null ? [] : [s.service]));
  }

  windowsNow(): readonly Window[] {
    return this.windows;
  }

  timeline(key: string): ServiceTimeline {
    const slot = this.slots[this.byKey.get(key) ?? -1];
    if (slot == null) throw new RangeError(`unknown service ${key}`);
    return slot.timeline;
  }

  service(key: string): Service {
    const slot = this.slots[this.byKey.get(key) ?? -1];
    if (slot == null) throw new RangeError(`unknown service ${key}`);
    return slot.service;
  }

  /** The compiled rule, dependency set and SPOFs of a service (node indices of `c`). */
  model(key: string): StateModel {
    const slot = this.slots[this.byKey.get(key) ?? -1];
    if (slot == null) throw new RangeError(`unknown service ${key}`);
    return slot.model;
  }

  /** Batch-form segments of a service over [start, end), clipped to its active time. */
  segments(key: string, start: number, end: number): Segment[] {
    const s = this.service(key);
    const from = Math.max(start, s.activeFrom ?? -Infinity);
    const to = Math.min(end, s.activeUntil ?? Infinity);
    return to > from ? this.timeline(key).segments(from, to) : [];
  }

  /** Incidents over [start, end), as `incidentsOf` gives them (`end` is now when `openAtEnd`). */
  incidents(key: string, start: number, end: number, openAtEnd: boolean): Incident[] {
    return incidentsOf(this.segments(key, start, end), openAtEnd);
  }

  /** Uptime figures of one service for a period, equal to the batch report's. */
  figures(key: string, period: Period): UptimeFigures {
    return timelineFigures(this.service(key), this.timeline(key), this.windows, period);
  }

  /** Dependency set refs of a service, sorted. */
  dependencies(key: string): string[] {
    const slot = this.slots[this.byKey.get(key) ?? -1];
    return [...(slot?.model.deps ?? [])].map((v) => this.c.keys[v] ?? '').sort();
  }

  /** Raw down intervals per component (all sources merged). */
  downIntervals(): ReadonlyMap<string, Interval[]> {
    return this.store.down;
  }

  private register(service: Service): number {
    const existing = this.byKey.get(service.key);
    if (existing !== undefined) this.index.unwatch(existing, this.models[existing]?.deps ?? []);
    const slot = existing ?? this.slots.length;
    const model = this.modelOf(service.requires);
    const up = { down: false, planned: false, atRisk: false, rootCause: [] };
    const floor = this.floors.get(service.key) ?? -Infinity;
    this.slots[slot] = { service, floor, model, timeline: new ServiceTimeline(up) };
    this.models[slot] = model;
    this.byKey.set(service.key, slot);
    this.index.watch(slot, model.deps);
    return slot;
  }

  /** Compiled rule and dependency set; services with the same rule share one model. */
  private modelOf(requires: Service['requires']): StateModel {
    const signature = JSON.stringify(requires);
    const known = this.shared.get(signature);
    if (known !== undefined) return known;
    const rule = compileRule(this.c, requires);
    const d = ruleDependencies(this.c, rule, this.deps);
    const model = {
      rule,
      deps: Int32Array.from(d.components),
      spofs: Int32Array.from(d.spofs),
    };
    this.shared.set(signature, model);
    return model;
  }

  private noteSpans(changed: ChangedSpans): void {
    for (const ref of changed.keys()) {
      const v = this.c.index.get(ref);
      if (v !== undefined)
        this.index.refresh(v, this.store.down.get(ref), this.store.covered.get(ref));
    }
  }

  /** Services watching a changed component, each with the hull of its components' changed spans. */
  private affectedBy(changed: ChangedSpans): Affected {
    this.noteSpans(changed);
    const out: Affected = new Map();
    out.claims = null;
    for (const [ref, span] of changed) {
      out.claims = widen(out.claims, span);
      const v = this.c.index.get(ref);
      if (v === undefined) continue;
      for (const slot of this.index.watchers[v] ?? []) {
        const next = widen(out.get(slot), span);
        if (next !== null) out.set(slot, next);
      }
    }
    return out;
  }

  /** Re-evaluates each affected service over its window, cut at its floor. */
  private recompute(affected: Affected): ApplyResult {
    const live = new Map<number, Interval>();
    for (const [slot, w] of affected) {
      const start = Math.max(w.start, this.slots[slot]?.floor ?? -Infinity);
      if (start < w.end) live.set(slot, { start, end: w.end });
    }
    const fresh = this.sweeper.run(live);
    const result: ApplyResult = { changes: [], spans: [], claims: affected.claims ?? null };
    for (const [slot, w] of live) {
      const s = this.slots[slot];
      if (s == null) continue;
      const changes = s.timeline.splice(w.start, w.end, fresh.get(slot) ?? []);
      const service = s.service.key;
      for (const t of changes) {
        const { at, down, planned, atRisk, rootCause } = t;
        result.changes.push({ service, at, down, planned, atRisk, rootCause });
      }
      result.spans.push({ service, start: w.start, end: w.end });
    }
    return result;
  }
}

export type { Transition };
