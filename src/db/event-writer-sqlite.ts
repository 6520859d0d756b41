// SQLite batches off the main thread: a worker owns its own connection, so neither statement
// preparation nor the COMMIT fsync blocks request parsing; a dead worker is replaced on demand.
// WAL checkpoints run in a second thread (SqliteCheckpointer), never inside a batch's commit.
import { Worker } from 'node:worker_threads';
import { SqliteCheckpointer, type SqliteCheckpointerOptions } from './sqlite-checkpointer.js';
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

type Reply = { seq: number; ids: number[]; flags: number[] } | { seq: number; error: string };

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
    checkpoints: SqliteCheckpointerOptions = {},
  ) {
    this.checkpointer = new SqliteCheckpointer(path, checkpoints);
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

  /** The batch in flight (if any) is refused: its callers answer 503 and the sender retries. */
  private onDeath(worker: Worker, err: unknown): void {
    if (worker !== this.worker) return;
    this.worker = null;
    const pending = this.inFlight;
    this.inFlight = null;
    pending?.reject(err);
  }
}
