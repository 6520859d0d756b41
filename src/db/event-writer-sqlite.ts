// SQLite batches off the main thread: a worker owns its own connection, so neither statement
// preparation nor the COMMIT fsync blocks request parsing; a dead worker is replaced on demand.
// WAL checkpoints run in a second thread (SqliteCheckpointer), never inside a batch's commit.
import { Worker } from 'node:worker_threads';
import type { Logger } from '../config/logger.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import {
  EVENT_COLUMNS,
  enrichedAtNow,
  rowValues,
  type BatchStore,
  type Pending,
  type StoreResult,
} from './event-writer-rows.js';

const NEW = 1;
const ENRICHED = 2;

type Reply =
  | { seq: number; ids: number[]; flags: number[] }
  | { seq: number; error: string }
  | { durability: Durability };

/** The event-log connection's own settings (`synchronous`: 2 = FULL). */
export interface Durability {
  journalMode: string;
  synchronous: number;
}

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

export interface SqliteStoreOptions {
  /** the worker's connection settings at start, and the checkpoint thread's failures */
  logger?: Logger;
  /** how often the WAL is checkpointed (default 1 s) */
  checkpointIntervalMs?: number;
}

interface InFlight {
  seq: number;
  resolve(results: StoreResult[]): void;
  reject(err: unknown): void;
}

export const SQLITE_WORKER_URL = new URL('./sqlite-event-worker.mjs', import.meta.url);

export class SqliteWorkerStore implements BatchStore {
  private worker: Worker | null = null;
  private inFlight: InFlight | null = null;
  private seq = 0;
  private closed = false;
  private readonly checkpointer: SqliteCheckpointer;

  /**
   * @param databaseOpen whether the application's own connection is still open: once the app
   *   has closed its database, the event log refuses writes too (as if it shared the connection)
   */
  constructor(
    private readonly path: string,
    private readonly databaseOpen: () => boolean,
    private readonly workerUrl: URL = SQLITE_WORKER_URL,
    private readonly opts: SqliteStoreOptions = {},
  ) {
    this.checkpointer = new SqliteCheckpointer(path, {
      ...(opts.logger ? { logger: opts.logger } : {}),
      ...(opts.checkpointIntervalMs ? { intervalMs: opts.checkpointIntervalMs } : {}),
    });
  }

  write(batch: Pending[]): Promise<StoreResult[]> {
    if (this.closed) return Promise.reject(new Error('event writer is closed'));
    if (!this.databaseOpen()) {
      void this.worker?.terminate();
      return Promise.reject(new Error('the database is closed'));
    }
    if (this.inFlight) return Promise.reject(new Error('a batch is already in flight'));
    const worker = this.worker ?? this.start();
    const seq = ++this.seq;
    const rows = batch.map((p) => rowValues('sqlite', p.event, p.body));
    return new Promise<StoreResult[]>((resolve, reject) => {
      this.inFlight = { seq, resolve, reject };
      worker.ref();
      worker.postMessage({ seq, enrichedAt: enrichedAtNow('sqlite'), rows });
    });
  }

  /** Stops the worker (after its batch, if any: call drain() first); it closes its connection. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (worker) {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ close: true });
      worker.ref();
      await exited;
    }
    await this.checkpointer.close();
  }

  private start(): Worker {
    const worker = new Worker(this.workerUrl, {
      workerData: { path: this.path, columns: EVENT_COLUMNS },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => this.onReply(worker, reply));
    worker.on('error', (err) => this.onDeath(worker, err));
    worker.on('exit', (code) =>
      this.onDeath(worker, new Error(`event-log worker exited with code ${code}`)),
    );
    this.worker = worker;
    return worker;
  }

  private onReply(worker: Worker, reply: Reply): void {
    if ('durability' in reply) {
      this.onDurability(reply.durability);
      return;
    }
    const pending = this.inFlight;
    if (worker !== this.worker || !pending || pending.seq !== reply.seq) return;
    this.inFlight = null;
    worker.unref();
    if ('error' in reply) {
      pending.reject(new Error(`event-log batch failed: ${reply.error}`));
      return;
    }
    pending.resolve(
      reply.ids.map((id, i) => {
        const flags = reply.flags[i]!;
        return { id, duplicate: (flags & NEW) === 0, enriched: (flags & ENRICHED) !== 0 };
      }),
    );
  }

  /** Logged once per worker: an event log that is not WAL + FULL is not durable as promised. */
  private onDurability(d: Durability): void {
    const sync = SYNCHRONOUS[d.synchronous] ?? String(d.synchronous);
    const fields = { journalMode: d.journalMode, synchronous: sync };
    const log = this.opts.logger;
    if (d.journalMode === 'wal' && d.synchronous === 2) {
      log?.info(fields, 'event log: journal_mode=%s synchronous=%s', d.journalMode, sync);
    } else {
      log?.error(
        fields,
        'event log is not durable: journal_mode=%s synchronous=%s',
        d.journalMode,
        sync,
      );
    }
  }

  /** The batch in flight (if any) is refused: its callers answer 503 and the sender retries. */
  private onDeath(worker: Worker, err: unknown): void {
    if (worker !== this.worker) return;
    this.worker = null;
    const pending = this.inFlight;
    this.inFlight = null;
    pending?.reject(err);
  }
}
