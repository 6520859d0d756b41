// Worker thread: owns a better-sqlite3 connection and stores event-log batches, one transaction each.
// Plain JavaScript (JSDoc types) so it loads under tsx, node --import tsx and vitest alike.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { WRITER_PRAGMAS } from './sqlite-pragmas.mjs';

/**
 * @typedef {string | number | null} RowValue
 * @typedef {{ path: string, columns: string[] }} WorkerData
 * @typedef {{ seq: number, enrichedAt: number, rows: RowValue[][] }} BatchMessage
 * @typedef {{ seq: number, ids: number[], flags: number[] } | { seq: number, error: string }} Reply
 */

/** flags per item: bit 0 = new row, bit 1 = faults attached to a stored event (enriched) */
const NEW = 1;
const ENRICHED = 2;
/** index of `faults` in a row (see EVENT_COLUMNS in event-writer-rows.ts) */
const FAULTS = 9;

const port = parentPort;
if (!port) throw new Error('sqlite-event-worker must run as a worker thread');
const { path, columns } = /** @type {WorkerData} */ (workerData);

const db = new Database(path);
// WAL + FULL, and checkpoints are the checkpoint worker's, never a batch's commit's
for (const pragma of WRITER_PRAGMAS) db.pragma(pragma);

// what this connection really runs with, for the log (and the ingest benchmark's check)
port.postMessage({
  durability: {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
  },
});

const select = db.prepare(
  'SELECT id, faults FROM events WHERE source = ? AND log_id = ? AND state = ?',
);
const insert = db.prepare(
  `INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
    'ON CONFLICT (source, log_id, state) DO NOTHING',
);
const enrich = db.prepare('UPDATE events SET faults = ?, enriched_at = ? WHERE id = ?');

/**
 * Each row in order, as if stored one by one: new, duplicate, or duplicate that attaches faults.
 * @type {(msg: BatchMessage) => { ids: number[], flags: number[] }}
 */
const storeBatch = db.transaction((msg) => {
  const ids = [];
  const flags = [];
  for (const row of msg.rows) {
    // most events are new: try the INSERT first, look the row up only on a conflict
    const inserted = insert.run(row);
    if (inserted.changes === 1) {
      ids.push(Number(inserted.lastInsertRowid));
      flags.push(NEW);
      continue;
    }
    const found = /** @type {{ id: number, faults: string | null } | undefined} */ (
      select.get(row[0], row[1], row[2])
    );
    if (!found) throw new Error(`event ${row[0]}|${row[1]}|${row[2]} was not stored`);
    const faults = row[FAULTS];
    if (found.faults === null && faults !== null) {
      enrich.run(faults, msg.enrichedAt, found.id);
      ids.push(found.id);
      flags.push(ENRICHED);
    } else {
      ids.push(found.id);
      flags.push(0);
    }
  }
  return { ids, flags };
});

port.on('message', (/** @type {BatchMessage | { close: true }} */ msg) => {
  if ('close' in msg) {
    db.close();
    port.close();
    return;
  }
  /** @type {Reply} */
  let reply;
  try {
    reply = { seq: msg.seq, ...storeBatch(msg) };
  } catch (err) {
    reply = { seq: msg.seq, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
