// After a run: the stored events against what was sent and answered, and the durability in force.
import Database from 'better-sqlite3';
import type { EntityManager } from '@mikro-orm/knex';
import { createConnection } from 'mysql2/promise';
import { initOrm } from '../src/db/orm.js';
import { keyOf, type PlanItem } from './ingest-bodies.js';
import type { PhaseResult } from './ingest-load.js';

export type Target = { kind: 'sqlite'; path: string } | { kind: 'mariadb'; url: string };

interface Row {
  id: number;
  log_id: number;
  state: number;
}

export interface Check {
  ok: boolean;
  lines: string[];
}

/** Every stored event's identity, read directly from the database (the server has stopped). */
export async function storedRows(t: Target): Promise<Row[]> {
  const sql = 'SELECT id, log_id, state FROM events';
  if (t.kind === 'sqlite') {
    const db = new Database(t.path, { readonly: true });
    try {
      return (db.prepare(sql).all() as Row[]).map((r) => ({ ...r, id: Number(r.id) }));
    } finally {
      db.close();
    }
  }
  const conn = await createConnection(t.url);
  try {
    const [rows] = await conn.query(sql);
    return (rows as Row[]).map((r) => ({
      id: Number(r.id),
      log_id: Number(r.log_id),
      state: r.state,
    }));
  } finally {
    await conn.end();
  }
}

interface Sent {
  plan: PlanItem[];
  result: PhaseResult;
}

/** Exactly one row per distinct (log_id, state) sent; every 202 answer's id stored under its key. */
export function checkRows(phases: Sent[], rows: Row[]): Check {
  const sent = new Set<string>();
  const acked = new Map<string, Set<number>>();
  const firstAnswers = new Map<string, number>();
  let requests = 0;
  let unanswered = 0;
  for (const { plan, result } of phases) {
    plan.forEach((p, i) => {
      const status = result.status[i]!;
      if (status === 0) return;
      requests++;
      const key = keyOf(p.logId, p.state);
      sent.add(key);
      if (status !== 202) return void unanswered++;
      if (!acked.has(key)) acked.set(key, new Set());
      acked.get(key)!.add(result.ids[i]!);
      if (result.duplicate[i] === false) firstAnswers.set(key, (firstAnswers.get(key) ?? 0) + 1);
    });
  }
  const byKey = new Map<string, Row[]>();
  for (const r of rows) {
    const key = keyOf(Number(r.log_id), Number(r.state));
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const doubled = [...byKey.values()].filter((rs) => rs.length > 1).length;
  const unknown = [...byKey.keys()].filter((k) => !sent.has(k)).length;
  const ackedMissing = [...acked].filter(([k, ids]) => {
    const stored = byKey.get(k);
    return !stored || ids.size !== 1 || !ids.has(stored[0]!.id);
  }).length;
  const newTwice = [...firstAnswers.values()].filter((n) => n > 1).length;
  const missing = [...sent].filter((k) => !byKey.has(k)).length;
  const lines = [
    `${requests} requests sent, ${sent.size} distinct (log_id, state), ` +
      `${requests - sent.size} resends; ${rows.length} rows stored`,
  ];
  const fail = (n: number, what: string) => n > 0 && lines.push(`FAIL: ${n} ${what}`);
  fail(doubled, '(log_id, state) stored more than once');
  fail(unknown, 'stored rows that were never sent');
  fail(ackedMissing, 'answered 202 but not stored under the answered id');
  fail(newTwice, '(log_id, state) answered "duplicate: false" more than once');
  if (missing > 0 && unanswered === 0) fail(missing, 'sent, all answered, yet missing');
  else if (missing > 0)
    lines.push(`${missing} missing, all among the ${unanswered} not answered 202`);
  const ok = lines.length === 1;
  if (ok) lines[0] += ': none missing, none doubled, every 202 id present';
  return { ok, lines };
}

/**
 * SQLite: `journal_mode` is read from the file the server used (WAL is persistent, so a plain
 * read-only connection reports what the server set). `synchronous` is per connection and cannot
 * be read from another process: the events are written by the event-log worker's connection,
 * which logs its own settings when it opens (`event log: journal_mode=... synchronous=...`), so
 * that line is read from the server's log; the ORM's connection is asked through the server's
 * own `initOrm()` (the same pool and `afterCreate`).
 */
export async function durability(t: Target, serverLog: string): Promise<Check> {
  if (t.kind === 'sqlite') {
    const raw = new Database(t.path, { readonly: true });
    const journal = String(raw.pragma('journal_mode', { simple: true }));
    raw.close();
    const orm = await initOrm({ dialect: 'sqlite', path: t.path });
    const knex = (orm.em as EntityManager).getKnex();
    const rows = (await knex.raw('pragma synchronous')) as Array<{ synchronous: number }>;
    await orm.close();
    const sync = rows[0]?.synchronous;
    const names = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
    const worker = eventLogSettings(serverLog);
    const lines = [
      `journal_mode=${journal} (read from the server's file), ` +
        `synchronous=${names[sync ?? -1] ?? sync} (via the server's initOrm connection set-up)`,
      worker
        ? `event-log worker connection: journal_mode=${worker.journalMode}, synchronous=${worker.synchronous} (from the server's log)`
        : `event-log worker connection: NOT FOUND in the server's log`,
    ];
    const ok =
      journal === 'wal' &&
      sync === 2 &&
      worker?.journalMode === 'wal' &&
      worker.synchronous === 'FULL';
    return { ok, lines };
  }
  const conn = await createConnection(t.url);
  try {
    const [rows] = await conn.query(
      'SELECT @@GLOBAL.innodb_flush_log_at_trx_commit AS flush, @@GLOBAL.log_bin AS logBin, ' +
        '@@GLOBAL.sync_binlog AS syncBinlog, VERSION() AS version, ' +
        "(SELECT engine FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'events') AS engine",
    );
    const r = (rows as Array<Record<string, unknown>>)[0]!;
    const line =
      `innodb_flush_log_at_trx_commit=${r.flush}, log_bin=${r.logBin}, ` +
      `sync_binlog=${r.syncBinlog}, events engine=${r.engine}, ${r.version}`;
    return { ok: Number(r.flush) === 1 && r.engine === 'InnoDB', lines: [line] };
  } finally {
    await conn.end();
  }
}

/** The settings the event-log worker logged for its own connection (the last worker's line). */
function eventLogSettings(log: string): { journalMode: string; synchronous: string } | null {
  let found: { journalMode: string; synchronous: string } | null = null;
  for (const line of log.split('\n')) {
    if (!line.includes('"journalMode"')) continue;
    try {
      const entry = JSON.parse(line) as { journalMode?: unknown; synchronous?: unknown };
      found = { journalMode: String(entry.journalMode), synchronous: String(entry.synchronous) };
    } catch {
      // not a log line of ours
    }
  }
  return found;
}
