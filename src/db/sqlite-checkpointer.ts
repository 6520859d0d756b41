// WAL checkpoints in a thread of their own: SQLite's automatic checkpoint runs inside the commit
// that crosses 1,000 WAL pages, so under webhook load every few thousand events one batch (and
// every request waiting on it) paid for copying megabytes into the database file and its fsync.
import { Worker } from 'node:worker_threads';
import type { Logger } from '../config/logger.js';

const WORKER_URL = new URL('./sqlite-checkpoint-worker.mjs', import.meta.url);

/** What `PRAGMA wal_checkpoint` reports: frames in the WAL and frames copied back. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export interface SqliteCheckpointerOptions {
  /** how often the WAL is checkpointed (PASSIVE: never blocks a writer or a reader) */
  intervalMs?: number;
  logger?: Logger;
  /** after each checkpoint (tests) */
  onCheckpoint?: (result: CheckpointResult) => void;
}

const DEFAULT_INTERVAL_MS = 1000;
/** a worker that died is replaced after this long (it is never the path of a request) */
const RESTART_DELAY_MS = 5000;

export class SqliteCheckpointer {
  private worker: Worker | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly opts: SqliteCheckpointerOptions = {},
  ) {
    this.start();
  }

  /** A last checkpoint, then the worker closes its connection and exits. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ close: true });
    worker.ref();
    await exited;
  }

  private start(): void {
    const worker = new Worker(WORKER_URL, {
      workerData: { path: this.path, intervalMs: this.opts.intervalMs ?? DEFAULT_INTERVAL_MS },
    });
    worker.on('message', (msg: { checkpoint?: CheckpointResult }) => {
      if (msg.checkpoint) this.opts.onCheckpoint?.(msg.checkpoint);
    });
    worker.on('error', (err) => {
      this.opts.logger?.error({ err }, 'SQLite checkpoint worker failed');
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (this.closed) return;
      this.opts.logger?.warn('SQLite checkpoint worker exited; restarting it');
      this.restartTimer = setTimeout(() => {
        this.restartTimer = null;
        if (!this.closed) this.start();
      }, RESTART_DELAY_MS);
      this.restartTimer.unref();
    });
    // a server's database stays checkpointed; a CLI command or a test is not kept alive by it
    // (after the listeners: adding a 'message' listener refs the worker again)
    worker.unref();
    this.worker = worker;
  }
}
