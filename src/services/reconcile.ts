// Reconciliation runs: one at a time per kind, each recorded (counts, failure) whatever happens.
import { FlushMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Logger } from '../config/logger.js';
import type { ReconcileKind, ReconcileRunRow } from '../db/entities/reconcile.js';
import type { EventWriter } from '../db/event-writer.js';
import type { Orm } from '../db/orm.js';
import { createRun, failInterruptedRuns, findRun, finishRun } from '../db/reconcile-repo.js';
import { NotFoundError } from '../domain/errors.js';
import type { EventBus } from './event-bus.js';
import type { LibreNmsCalls, LibreNmsClient } from '../librenms/api-client.js';
import { ReconcileDisabledError, type RunContext, type RunTally } from './reconcile-context.js';
import { gapRun } from './reconcile-gap.js';
import { topologyRun } from './reconcile-topology.js';

export const RECONCILE_KINDS = ['gap', 'topology'] as const;
export type { ReconcileKind };

export interface ReconcileDeps {
  orm: Orm;
  writer: EventWriter;
  /** null: LibreNMS is not configured and reconciliation is disabled */
  client: LibreNmsClient | null;
  timezone: string;
  backfillMs: number;
  /** epoch seconds */
  now: () => number;
  logger: Logger;
  /** told when a run committed outage history or inventory changes */
  bus: EventBus;
  /** rows per page of the log endpoints (default 500) */
  pageSize?: number;
}

const RUNS = { gap: gapRun, topology: topologyRun } as const;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class ReconcileService {
  private readonly running = new Map<ReconcileKind, Promise<{ id: number; done: Promise<void> }>>();
  private readonly log: Logger;

  constructor(private readonly deps: ReconcileDeps) {
    this.log = deps.logger.child({ module: 'reconcile' });
  }

  get enabled(): boolean {
    return this.deps.client !== null;
  }

  /** Starts a run of `kind` and returns its id; the running one's id if one is going. */
  async start(kind: ReconcileKind): Promise<number> {
    return (await this.launch(kind)).id;
  }

  /** Runs `kind` (or joins the running one) to its end; returns its record. */
  async run(kind: ReconcileKind): Promise<ReconcileRunRow> {
    const { id, done } = await this.launch(kind);
    await done;
    const run = await findRun(this.fork(), id);
    if (!run) throw new NotFoundError(`no reconciliation run ${id}`);
    return run;
  }

  async get(em: EntityManager, id: number): Promise<ReconcileRunRow> {
    const run = await findRun(em, id);
    if (!run) throw new NotFoundError(`no reconciliation run ${id}`);
    return run;
  }

  /** Waits for the runs in progress (shutdown). */
  async idle(): Promise<void> {
    for (const launched of [...this.running.values()]) {
      await launched.then((l) => l.done).catch(() => undefined);
    }
  }

  /** Drops the client's queued requests (a run in progress fails, recorded) and waits for it. */
  async close(): Promise<void> {
    await this.deps.client?.close();
    await this.idle();
  }

  private launch(kind: ReconcileKind): Promise<{ id: number; done: Promise<void> }> {
    const client = this.deps.client;
    if (!client) return Promise.reject(new ReconcileDisabledError());
    const going = this.running.get(kind);
    if (going) return going;
    const launched = createRun(this.fork(), kind, new Date(this.deps.now() * 1000)).then((id) => ({
      id,
      done: this.execute(kind, id, client).finally(() => this.running.delete(kind)),
    }));
    launched.catch(() => this.running.delete(kind));
    this.running.set(kind, launched);
    return launched;
  }

  private fork(): EntityManager {
    return this.deps.orm.em.fork({ flushMode: FlushMode.COMMIT }) as EntityManager;
  }

  private async execute(kind: ReconcileKind, id: number, client: LibreNmsClient): Promise<void> {
    // a session of its own: a gap run and a topology run that overlap count only their own
    // requests, while the client's one limiter throttles both together
    const session = client.session();
    const tally: RunTally = { itemsImported: 0, eventsFilled: 0, inferredRecoveries: 0 };
    const ctx = this.context(id, session, tally);
    let version: string | null = null;
    let error: string | null = null;
    try {
      await failInterruptedRuns(this.fork(), kind, id, new Date(this.deps.now() * 1000));
      version = (await session.system()).local_ver;
      await RUNS[kind](ctx);
    } catch (err) {
      error = errorText(err);
      this.log.warn({ err, kind, run: id }, 'reconciliation run failed: %s', error);
    }
    await this.record(id, kind, { session, tally, version, error });
    if (ctx.changed.has('outages')) this.deps.bus.publish('outages.changed', {});
    if (ctx.changed.has('inventory')) {
      this.deps.bus.publish('inventory.changed', { effectiveFrom: null });
    }
  }

  private context(runId: number, client: LibreNmsCalls, tally: RunTally): RunContext {
    const d = this.deps;
    return {
      runId,
      em: this.fork(),
      client,
      writer: d.writer,
      now: d.now(),
      timezone: d.timezone,
      backfillSeconds: Math.floor(d.backfillMs / 1000),
      pageSize: d.pageSize ?? 500,
      logger: this.log.child({ run: runId }),
      tally,
      changed: new Set(),
    };
  }

  private async record(
    id: number,
    kind: ReconcileKind,
    r: {
      session: LibreNmsCalls;
      tally: RunTally;
      version: string | null;
      error: string | null;
    },
  ): Promise<void> {
    const c = r.session.counters;
    const totals = {
      requests: c.requests,
      retries: c.retries,
      errors: c.errors,
      ...r.tally,
      librenmsVersion: r.version,
    };
    try {
      await finishRun(this.fork(), id, totals, new Date(this.deps.now() * 1000), r.error);
      if (!r.error) this.log.info({ kind, run: id, ...totals }, 'reconciliation run succeeded');
    } catch (err) {
      this.log.error({ err, kind, run: id }, 'could not record the end of a reconciliation run');
    }
  }
}
