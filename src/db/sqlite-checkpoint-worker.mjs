// Worker thread: checkpoints the SQLite WAL into the database file on its own connection, so that
// neither the event writer's commits nor the main thread ever wait for a checkpoint's copy and
// fsync (every other connection runs with wal_autocheckpoint = 0).
// Plain JavaScript (JSDoc types) so it loads under tsx, node --import tsx and vitest alike.
import { clearInterval, setInterval } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/**
 * @typedef {{ path: string, intervalMs: number }} WorkerData
 * @typedef {{ busy: number, log: number, checkpointed: number }} CheckpointResult
 */

const port = parentPort;
if (!port) throw new Error('sqlite-checkpoint-worker must run as a worker thread');
const { path, intervalMs } = /** @type {WorkerData} */ (workerData);

const db = new Database(path);
db.pragma('busy_timeout = 5000');
db.pragma('wal_autocheckpoint = 0');

/** PASSIVE: copies what it can without blocking writers or readers, then reports. */
function checkpoint() {
  const [result] = /** @type {CheckpointResult[]} */ (db.pragma('wal_checkpoint(PASSIVE)'));
  port?.postMessage({ checkpoint: result });
}

const timer = setInterval(checkpoint, intervalMs);

// the only message: close (after a last checkpoint)
port.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  port.close();
});
