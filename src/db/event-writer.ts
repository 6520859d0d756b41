// Group commit for the event log: requests queue their event, one transaction stores a batch,
// and no caller hears back before that transaction has committed (durable before 202).
// While one batch commits (SQLite: in a worker thread; MySQL: on a pooled connection) the next
// one accumulates, so throughput follows the commit rate, not the request rate.
import type { Knex } from '@mikro-orm/knex';
import type { Logger } from '../config/logger.js';
import type { AlertEvent } from '../domain/events.js';
import { MysqlEventStore } from './event-writer-mysql.js';
import type { BatchStore, Pending, StoreResult } from './event-writer-rows.js';
import { SqliteWorkerStore } from './event-writer-sqlite.js';
import type { Dialect } from './sql-instant.js';

export type { StoreResult } from './event-writer-rows.js';

export interface EventWriterOptions {
  /** SQLite file (default: the file the knex connection opened) */
  sqlitePath?: string;
  /** SQLite worker module (default: ./sqlite-event-worker.mjs); tests substitute a wrapper */
  workerUrl?: URL;
  /** MySQL/MariaDB: answer ids through INSERT ... RETURNING (default: MariaDB 10.5 or later) */
  mysqlReturning?: boolean;
  /** SQLite: the event-log connection's settings at start, the checkpoint thread's failures */
  logger?: Logger;
  /** SQLite: how often the WAL is checkpointed (default 1 s) */
  checkpointIntervalMs?: number;
}

const MAX_BATCH = 500;

/** The file behind a better-sqlite3 knex client; the worker opens its own connection to it. */
function sqliteFileOf(knex: Knex): string {
  const conn = (knex.client as { config?: { connection?: { filename?: unknown } } }).config
    ?.connection;
  const file = conn?.filename;
  if (typeof file !== 'string' || file === '' || file === ':memory:')
    throw new Error('the event writer needs an SQLite file (not an in-memory database)');
  return file;
}

export class EventWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private readonly store_: BatchStore;

  constructor(
    knex: Knex,
    dialect: Dialect,
    /** after each commit: the results and, index for index, the events of the batch */
    private readonly onCommitted: (results: StoreResult[], events: AlertEvent[]) => void = () =>
      undefined,
    opts: EventWriterOptions = {},
  ) {
    this.store_ =
      dialect === 'sqlite'
        ? new SqliteWorkerStore(
            opts.sqlitePath ?? sqliteFileOf(knex),
            () => (knex.client as { pool?: unknown }).pool !== undefined,
            opts.workerUrl,
            { logger: opts.logger, checkpointIntervalMs: opts.checkpointIntervalMs },
          )
        : new MysqlEventStore(knex, { returning: opts.mysqlReturning });
  }

  /** Resolves once the event is committed (new, duplicate or enriched); rejects if not stored. */
  store(event: AlertEvent, body: string): Promise<StoreResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, body, resolve, reject });
      this.kick();
    });
  }

  /** Waits until everything queued so far is committed or failed (the batch in flight too). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Drains, then releases the store (SQLite: the worker closes its connection and exits). */
  async close(): Promise<void> {
    await this.drain();
    await this.store_.close();
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async flushLoop(): Promise<void> {
    // let requests that arrive in the same tick join the batch
    await new Promise((r) => setImmediate(r));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      let results: StoreResult[];
      try {
        results = await this.store_.write(batch);
      } catch (err) {
        for (const p of batch) p.reject(err);
        continue;
      }
      batch.forEach((p, i) => p.resolve(results[i]!));
      try {
        this.onCommitted(
          results,
          batch.map((p) => p.event),
        );
      } catch {
        // the events are stored and their callers answered; a subscriber's failure is its own
      }
    }
  }
}
