// Owns the running incremental engine: builds it from the database, applies committed events in
// commit order (one task at a time), commits transitions with the mark, and publishes changes.
// Inventory changes become versions that apply from their moment; the history before it is kept
// and revised (by an engine of the version then in force) only when late inputs fall into it.
import type { EntityManager, Knex } from '@mikro-orm/knex';
import type { Logger } from '../config/logger.js';
import type { OutageRow } from '../domain/claims.js';
import { widen } from '../domain/interval-diff.js';
import type { Interval } from '../domain/intervals.js';
import type { Inventory } from '../domain/inventory.js';
import { versionsTouching, type Version } from '../domain/inventory-versions.js';
import {
  commitTransitions,
  readMark,
  type EngineMark,
  type TransitionSpan,
} from '../db/engine-store.js';
import { eventsByIds, lastEventId } from '../db/event-stream.js';
import type { AlertEvent } from '../domain/events.js';
import type { ApplyResult, IncrementalEngine, ServiceChange } from '../graph/incremental.js';
import type { Restored } from '../graph/version-merge.js';
import { inForceBefore, reviseApplied } from '../graph/versioned.js';
import type { EngineSource } from './availability.js';
import {
  applyStored,
  changesBetween,
  hulls,
  transitionsIn,
  type EngineInputs,
} from './engine-build.js';
import {
  applyNew,
  buildCurrent,
  inputsChanged,
  consistentInputs,
  liveSpans,
  mergeSpans,
  planVersions,
  reviseVersions,
  writePlan,
  type Applied,
  type Standby,
  type VersionPlan,
} from './engine-versions.js';
import type { BusEvents, EventBus } from './event-bus.js';

export interface EngineHostDeps {
  /** a fresh EntityManager per unit of work */
  fork: () => EntityManager;
  bus: EventBus;
  logger: Logger;
  /** awaited before the start-up build: lets a caller hold the engine in "catching up" */
  gate?: Promise<void>;
  /** compute only, never write transitions or the mark (the CLI beside a running server) */
  readOnly?: boolean;
  /** epoch seconds: the moment an inventory change without its own applies from */
  now?: () => number;
}

interface View {
  engine: IncrementalEngine;
  inventory: Inventory;
  outages: OutageRow[];
  /** the versions in force, the newest last */
  versions: Version[];
  digest: string;
  /** every event with an id up to this one is applied and its transitions committed */
  through: number;
  /** the engine of the version in force now, while the newest applies from a later moment */
  standby: Standby | null;
}

export class EngineHost implements EngineSource {
  private view: View | null = null;
  private tail: Promise<void> = Promise.resolve();
  private started = false;
  private problem: string | null = 'engine catching up';
  private readonly unsubscribe: (() => void)[];

  constructor(private readonly deps: EngineHostDeps) {
    const { bus } = deps;
    this.unsubscribe = [
      bus.subscribe('events.stored', (p) => this.enqueue(() => this.onStored(p))),
      bus.subscribe('inventory.changed', () => this.enqueue(() => this.rebuild())),
      bus.subscribe('outages.changed', () => this.enqueue(() => this.rebuild())),
    ];
  }

  /** Builds the engine and commits what changed since the stored mark (once; later calls wait). */
  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.enqueue(async () => {
        await this.deps.gate;
        await this.catchUp();
      });
    }
    return this.settled();
  }

  /** The engine with every committed event applied (built on first use when not started). */
  async current(): Promise<{ engine: IncrementalEngine; inventory: Inventory }> {
    await this.start();
    if (this.view === null) {
      this.enqueue(() => this.catchUp());
      await this.settled();
    }
    if (this.view === null) throw new Error(`availability engine unavailable: ${this.problem}`);
    return this.view;
  }

  /** Readiness: empty once the start-up catch-up is committed. */
  check(): Promise<string[]> {
    return Promise.resolve(this.problem === null ? [] : [this.problem]);
  }

  /** Waits until every queued task has run. */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.tail;
      await seen;
    } while (seen !== this.tail);
  }

  /** Stops listening and waits for the task in flight (call before closing the ORM). */
  async close(): Promise<void> {
    for (const off of this.unsubscribe) off();
    await this.settled();
  }

  private enqueue(task: () => Promise<void>): void {
    this.tail = this.tail.then(task).catch((err: unknown) => {
      this.view = null;
      this.problem = `engine failed: ${(err as Error).message}`;
      this.deps.logger.error(
        { module: 'engine', err },
        'engine task failed; rebuilding on next use',
      );
    });
  }

  private rebuild(): Promise<void> {
    return this.view === null ? Promise.resolve() : this.catchUp();
  }

  private now(): number {
    return this.deps.now?.() ?? Math.floor(Date.now() / 1000);
  }

  /**
   * New engine of the newest version (a changed model is taken in as one) over the stored history;
   * commits what changed since the stored mark, or the whole computed part when the inputs changed.
   * `dirty`: where inputs the view does not know changed (enriched events), for earlier versions.
   */
  private async catchUp(dirty: Interval | null = null): Promise<void> {
    const em = this.deps.fork();
    const b = await this.build(em);
    const previous = this.view;
    const revised = await reviseVersions(
      em,
      b.engine,
      b.plan.versions,
      touchedVersions(b, previous, dirty),
      b.inputs,
      b.through,
    );
    const computed = b.resume ? hulls(b.fresh.spans) : liveSpans(b.engine);
    const next = { appliedThroughEventId: b.through, inputsDigest: b.inputs.digest };
    await this.commit(b.engine, [...computed, ...revised.spans], next, b.plan);
    const { inventory, outages, digest } = b.inputs;
    const versions = b.plan.versions;
    const through = b.through;
    this.view = { engine: b.engine, inventory, outages, versions, digest, through, standby: null };
    this.problem = null;
    if (previous !== null) this.publish(changesBetween(previous.engine, b.engine));
  }

  /** Reads the inputs and versions, builds the newest version's engine and applies every event. */
  private async build(em: EntityManager): Promise<Build> {
    const knex = em.getKnex();
    const { inputs, heads } = await consistentInputs(em);
    const mark = await readMark(knex);
    const through = await lastEventId(knex);
    const plan = await planVersions(knex, heads, inputs.inventory, this.now());
    const engine = await buildCurrent(knex, inputs.inventory, plan.versions);
    if (inputs.outages.length > 0) engine.setOutages(inputs.outages);
    const resume =
      this.view === null &&
      plan.write === null &&
      mark.inputsDigest === inputs.digest &&
      mark.appliedThroughEventId <= through;
    // events the stored transitions (or the running view) already hold, then the new ones
    const base = this.view?.through ?? Math.min(mark.appliedThroughEventId, through);
    await applyStored(em, engine, 0, base);
    const fresh = await applyNew(em, engine, base, through);
    return { inputs, mark, through, plan, engine, resume, fresh };
  }

  /** Applies newly committed events (an enrichment rewrites an applied event: rebuild instead). */
  private async onStored(p: BusEvents['events.stored']): Promise<void> {
    const view = this.view;
    if (view === null) return; // not built yet: the build reads them from the log
    const enriched = p.enrichedIds.filter((id) => id <= view.through);
    if (enriched.length > 0) {
      const knex = this.deps.fork().getKnex();
      const earliest = Math.min(...(await eventsByIds(knex, enriched)).map((e) => e.event.at));
      return this.catchUp({ start: earliest, end: Infinity });
    }
    const ids = [...p.ids, ...p.enrichedIds].filter((id) => id > view.through);
    if (ids.length === 0) return;
    const events =
      p.enrichedIds.length === 0 && p.stored?.length === ids.length
        ? p.stored
        : await eventsByIds(this.deps.fork().getKnex(), ids);
    const batch = events.map((e) => e.event);
    const result = view.engine.apply(batch);
    const through = Math.max(view.through, ...ids);
    const spans = hulls(result.spans);
    const revised = await this.reviseEarlier(view, batch, result, through);
    spans.push(...revised.spans);
    result.changes.push(...revised.changes);
    // events that changed no service need no write: a restart re-applies what lies after the
    // stored mark, and the next commit that has transitions moves the mark past them too
    if (spans.length > 0) {
      await this.commit(view.engine, spans, {
        appliedThroughEventId: through,
        inputsDigest: view.digest,
      });
    }
    view.through = through;
    this.publish(result.changes);
  }

  /**
   * Revises the earlier versions a batch touches: the one in force now (while the newest applies
   * later) through its engine kept alive, any other by rebuilding it.
   */
  private async reviseEarlier(
    view: View,
    batch: readonly AlertEvent[],
    result: ApplyResult,
    through: number,
  ): Promise<Restored> {
    const out: Restored = { spans: [], changes: [] };
    const keep = inForceBefore(view.versions, this.now());
    if (view.standby !== null && view.standby.k !== keep) view.standby = null;
    const standby = view.standby;
    if (standby !== null) {
      const applied = standby.engine.apply(batch);
      const r = reviseApplied(view.engine, standby.engine, view.versions, standby.k, applied);
      out.spans.push(...r.spans);
      out.changes.push(...r.changes);
    }
    const earliest = Math.min(...batch.map((e) => e.at));
    const touched = versionsTouching(view.versions, result.claims, earliest).filter(
      (k) => k !== standby?.k,
    );
    if (touched.length === 0) return out;
    const em = this.deps.fork();
    const r = await reviseVersions(em, view.engine, view.versions, touched, view, through, keep);
    if (r.kept !== null) view.standby = r.kept;
    return { spans: [...out.spans, ...r.spans], changes: [...out.changes, ...r.changes] };
  }

  private publish(changes: ServiceChange[]): void {
    if (changes.length > 0) this.deps.bus.publish('services.changed', { changes });
  }

  private commit(
    engine: IncrementalEngine,
    spans: TransitionSpan[],
    mark: { appliedThroughEventId: number; inputsDigest: string },
    plan?: VersionPlan,
  ): Promise<void> {
    if (this.deps.readOnly === true) return Promise.resolve();
    const merged = mergeSpans(spans);
    const transitions = transitionsIn(engine, merged);
    const knex = this.deps.fork().getKnex();
    const also = plan === undefined ? undefined : (trx: Knex.Transaction) => writePlan(trx, plan);
    return commitTransitions(knex, { spans: merged, transitions }, mark, false, also);
  }
}

interface Build {
  inputs: EngineInputs;
  mark: EngineMark;
  through: number;
  plan: VersionPlan;
  engine: IncrementalEngine;
  /** the stored transitions match the inputs: only what the new events changed is written */
  resume: boolean;
  fresh: Applied;
}

/**
 * Earlier versions to revise: those the new events touch, and those where windows or outage rows
 * changed since the running view (at start-up: everywhere, when the inputs changed while stopped).
 */
function touchedVersions(b: Build, previous: View | null, dirty: Interval | null): number[] {
  const touched = new Set(versionsTouching(b.plan.versions, b.fresh.claims, b.fresh.earliest));
  const changed =
    previous !== null
      ? widen(dirty, inputsChanged(windowsAndOutages(previous), windowsAndOutages(b.inputs)))
      : b.mark.inputsDigest === b.inputs.digest
        ? dirty
        : { start: -Infinity, end: Infinity };
  if (changed !== null)
    for (const k of versionsTouching(b.plan.versions, changed, changed.start)) touched.add(k);
  return [...touched].sort((x, y) => x - y);
}

const windowsAndOutages = (x: { inventory: Inventory; outages: readonly OutageRow[] }) => ({
  windows: x.inventory.maintenance,
  outages: x.outages,
});
