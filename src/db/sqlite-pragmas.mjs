// The settings of every SQLite connection that writes: the ORM's (orm.ts) and the event-log
// worker's (sqlite-event-worker.mjs). One list, so that the two cannot drift apart.
// Plain JavaScript so that the worker thread loads it as it is; sqlite-pragmas.d.mts types it.

/**
 * WAL with an fsync at every commit (a 202 means stored), a wait instead of SQLITE_BUSY while
 * the other connection writes, foreign keys enforced, and no checkpoint inside a commit: a
 * server's checkpoints run in a thread of their own (sqlite-checkpointer.ts); without a server,
 * the last connection to close checkpoints the WAL, as SQLite always does.
 * @type {readonly string[]}
 */
export const WRITER_PRAGMAS = Object.freeze([
  'journal_mode = WAL',
  'synchronous = FULL',
  'busy_timeout = 5000',
  'foreign_keys = ON',
  'wal_autocheckpoint = 0',
]);
