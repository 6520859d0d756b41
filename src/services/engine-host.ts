// Owns the running incremental engine: builds it from the database, applies committed events in
// commit order (one task at a time), commits transitions with the mark, and publishes changes.
import type { EntityManager } from '@mikro-orm/knex';
import type { Logger } from '../config/logger.js';
import type { ClaimSettings } from '../domain/claims.js';
import type { Inventory } from '../domain/inventory.js';
import { commitTransitions, readMark, type TransitionSpan } from '../db/engine-store.js';
import { eventsByIds, lastEventId } from '../db/event-stream.js';
import type { IncrementalEngine, ServiceChange } from '../graph/incremental.js';
import type { EngineSource } from './availability.js';
import {
  applyStored,
  changesBetween,
  engineOf,
  everySpan,
  hulls,
  loadInputs,
  transitionsIn,
} from './engine-build.js';
import type { BusEvents, EventBus } from './event-bus.js';

export interface EngineHostDeps {
  /** a fresh EntityManager per unit of work */
  fork: () => EntityManager;
  bus: EventBus;
  settings: ClaimSettings;
  logger: Logger;
  /** awaited before the start-up build: lets a caller hold the engine in "catching up" */
  gate?: Promise<void>;
  /** compute only, never write transitions or the mark (the CLI beside a running server) */
  readOnly?: boolean;
}

interface View {
  engine: IncrementalEngine;
  inventory: Inventory;
  digest: string;
  /** every event with an id up to this one is applied and its transitions committed */
  through: number;
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
      bus.subscribe('inventory.changed', () => this.enqueue(() => this.rebuild(false))),
      bus.subscribe('outages.changed', () => this.enqueue(() => this.rebuild(false))),
    ];
  }

  /** Builds the engine and commits what changed since the stored mark (once; later calls wait). */
  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.enqueue(async () => {
        await this.deps.gate;
        await this.catchUp(false);
      });
    }
    return this.settled();
  }

  /** The engine with every committed event applied (built on first use when not started). */
  async current(): Promise<{ engine: IncrementalEngine; inventory: Inventory }> {
    await this.start();
    if (this.view === null) {
      this.enqueue(() => this.catchUp(false));
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

  private rebuild(full: boolean): Promise<void> {
    return this.view === null ? Promise.resolve() : this.catchUp(full);
  }

  /** New engine from the database; commits events after the mark (everything when inputs changed). */
  private async catchUp(full: boolean): Promise<void> {
    const em = this.deps.fork();
    const knex = em.getKnex();
    const inputs = await loadInputs(em, this.deps.settings);
    const mark = await readMark(knex);
    const through = await lastEventId(knex);
    const engine = engineOf(inputs, this.deps.settings);
    const resume =
      !full && mark.inputsDigest === inputs.digest && mark.appliedThroughEventId <= through;
    if (resume) await applyStored(em, engine, 0, mark.appliedThroughEventId);
    const after = resume ? mark.appliedThroughEventId : 0;
    const spans = hulls(await applyStored(em, engine, after, through));
    const next = { appliedThroughEventId: through, inputsDigest: inputs.digest };
    await this.commit(engine, resume ? spans : everySpan(engine), next, !resume);
    const previous = this.view;
    this.view = { engine, inventory: inputs.inventory, digest: inputs.digest, through };
    this.problem = null;
    if (previous !== null) this.publish(changesBetween(previous.engine, engine));
  }

  /** Applies newly committed events (an enrichment rewrites an applied event: rebuild instead). */
  private async onStored(p: BusEvents['events.stored']): Promise<void> {
    const view = this.view;
    if (view === null) return; // not built yet: the build reads them from the log
    if (p.enrichedIds.some((id) => id <= view.through)) return this.catchUp(true);
    const ids = [...p.ids, ...p.enrichedIds].filter((id) => id > view.through);
    if (ids.length === 0) return;
    const events =
      p.enrichedIds.length === 0 && p.stored?.length === ids.length
        ? p.stored
        : await eventsByIds(this.deps.fork().getKnex(), ids);
    const result = view.engine.apply(events.map((e) => e.event));
    const through = Math.max(view.through, ...ids);
    const spans = hulls(result.spans);
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

  private publish(changes: ServiceChange[]): void {
    if (changes.length > 0) this.deps.bus.publish('services.changed', { changes });
  }

  private commit(
    engine: IncrementalEngine,
    spans: TransitionSpan[],
    mark: { appliedThroughEventId: number; inputsDigest: string },
    replaceAll = false,
  ): Promise<void> {
    if (this.deps.readOnly === true) return Promise.resolve();
    const transitions = transitionsIn(engine, spans);
    return commitTransitions(this.deps.fork().getKnex(), { spans, transitions }, mark, replaceAll);
  }
}
