// MySQL/MariaDB batches on a raw pooled connection: one multi-row INSERT ... ON DUPLICATE KEY
// UPDATE, one SELECT of ids and faults by key, UPDATEs only for enrichment; all in one transaction.
import type { Knex } from '@mikro-orm/knex';
import {
  EVENT_COLUMNS,
  enrichedAtNow,
  rowValues,
  type BatchStore,
  type Pending,
  type RowValue,
  type StoreResult,
} from './event-writer-rows.js';

type Callback = (err: Error | null, result: unknown) => void;

/** The callback API both mysql2 and mariadb/callback connections offer (what knex pools). */
interface RawConnection {
  /** text protocol: values escaped into the SQL text */
  query(sql: string, values: unknown[], cb: Callback): void;
  /** binary protocol, statement prepared once per connection: bodies are sent unescaped */
  execute(sql: string, values: unknown[], cb: Callback): void;
}

interface OkPacket {
  insertId: number | bigint;
}

interface Row {
  id: number | bigint;
  log_id: number | bigint | string;
  state: number;
  faults: string | null;
}

const MAX_ROWS_PER_INSERT = 100;
/** stays well below max_allowed_packet (16 MiB by default on MariaDB 10.2+ and MySQL 8) */
const MAX_BYTES_PER_INSERT = 4 * 1024 * 1024;
const PLACEHOLDERS = `(${EVENT_COLUMNS.map(() => '?').join(', ')})`;
const INSERT_HEAD = `INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES `;
// never INSERT IGNORE: it would turn truncation and bad values into warnings on MariaDB
const INSERT_TAIL = ' ON DUPLICATE KEY UPDATE source = source';
const keyOf = (source: string, logId: number, state: number) => `${source}|${logId}|${state}`;

function run<T>(conn: RawConnection, sql: string, values: unknown[] = [], prepared = false) {
  return new Promise<T>((resolve, reject) => {
    const done: Callback = (err, result) => (err ? reject(err) : resolve(result as T));
    if (prepared) conn.execute(sql, values, done);
    else conn.query(sql, values, done);
  });
}

export class MysqlEventStore implements BatchStore {
  constructor(private readonly knex: Knex) {}

  async write(batch: Pending[]): Promise<StoreResult[]> {
    const client = this.knex.client as {
      acquireConnection(): Promise<RawConnection>;
      releaseConnection(conn: RawConnection): Promise<unknown>;
    };
    const conn = await client.acquireConnection();
    try {
      await run(conn, 'BEGIN');
      try {
        const results = await this.writeBatch(conn, batch);
        await run(conn, 'COMMIT');
        return results;
      } catch (err) {
        await run(conn, 'ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      await client.releaseConnection(conn);
    }
  }

  async close(): Promise<void> {}

  private async writeBatch(conn: RawConnection, batch: Pending[]): Promise<StoreResult[]> {
    const keys = batch.map((p) => keyOf(p.event.source, p.event.logId, p.event.state));
    const first = new Map<string, RowValue[]>();
    batch.forEach((p, i) => {
      if (!first.has(keys[i]!)) first.set(keys[i]!, rowValues('mysql', p.event, p.body));
    });
    // We are the only writer of `events` (one server per database holds the server lock), so the
    // rows this transaction inserts are exactly those with an id >= the smallest insert id that a
    // statement reported: earlier rows have lower ids, whatever innodb_autoinc_lock_mode is.
    let firstNewId = Infinity;
    for (const chunk of chunks([...first.values()])) {
      const ok = await run<OkPacket>(
        conn,
        INSERT_HEAD + chunk.map(() => PLACEHOLDERS).join(', ') + INSERT_TAIL,
        chunk.flat(),
        true,
      );
      const insertId = Number(ok.insertId);
      if (insertId > 0) firstNewId = Math.min(firstNewId, insertId);
    }
    const stored = await this.select(conn, batch);
    const enrichedAt = enrichedAtNow('mysql');
    const seenNew = new Set<string>();
    const results: StoreResult[] = [];
    for (const [i, p] of batch.entries()) {
      const key = keys[i]!;
      const row = stored.get(key);
      if (!row) throw new Error(`event ${key} was not stored`);
      const id = Number(row.id);
      if (id >= firstNewId && !seenNew.has(key)) {
        seenNew.add(key);
        results.push({ id, duplicate: false, enriched: false });
      } else if (row.faults === null && p.event.faults !== null) {
        row.faults = p.event.faults.join(';');
        await run(conn, 'UPDATE events SET faults = ?, enriched_at = ? WHERE id = ?', [
          row.faults,
          enrichedAt,
          id,
        ]);
        results.push({ id, duplicate: true, enriched: true });
      } else {
        results.push({ id, duplicate: true, enriched: false });
      }
    }
    return results;
  }

  /** id and faults of every batch key; per source, by (source, log_id), the unique index prefix. */
  private async select(conn: RawConnection, batch: Pending[]): Promise<Map<string, Row>> {
    const logIds = new Map<string, Set<number>>();
    for (const { event: e } of batch) {
      const set = logIds.get(e.source) ?? new Set<number>();
      set.add(e.logId);
      logIds.set(e.source, set);
    }
    const out = new Map<string, Row>();
    for (const [source, ids] of logIds) {
      const list = [...ids];
      const rows = await run<Row[]>(
        conn,
        `SELECT id, log_id, state, faults FROM events WHERE source = ? AND log_id IN (${list.map(() => '?').join(', ')})`,
        [source, ...list],
      );
      for (const r of rows) out.set(keyOf(source, Number(r.log_id), Number(r.state)), r);
    }
    return out;
  }
}

/** Rows split so that no INSERT statement nears max_allowed_packet. */
function chunks(rows: RowValue[][]): RowValue[][][] {
  const out: RowValue[][][] = [];
  let current: RowValue[][] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.reduce<number>((n, v) => n + (typeof v === 'string' ? v.length * 3 : 8), 0);
    if (
      current.length > 0 &&
      (current.length >= MAX_ROWS_PER_INSERT || bytes + size > MAX_BYTES_PER_INSERT)
    ) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
