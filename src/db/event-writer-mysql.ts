// MySQL/MariaDB batches on a raw pooled connection: one multi-row INSERT ... ON DUPLICATE KEY
// UPDATE per chunk, which on MariaDB >= 10.5 also answers each row's id and faults (RETURNING);
// elsewhere a SELECT by key follows. UPDATEs only for enrichment.
//
// Each statement commits on its own (autocommit), which saves two round trips per batch: callers
// hear back only after every statement holding their row has returned, so a 202 still means
// stored. A batch that fails part-way may leave rows stored whose callers were refused (503);
// LibreNMS's resend then finds them as duplicates, and nothing answered 202 is missing.
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

interface Row {
  id: number | bigint;
  source: string;
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
const RETURNING = ' RETURNING id, source, log_id, state, faults';
const keyOf = (source: string, logId: number, state: number) => `${source}|${logId}|${state}`;

function run<T>(conn: RawConnection, sql: string, values: unknown[] = [], prepared = false) {
  return new Promise<T>((resolve, reject) => {
    const done: Callback = (err, result) => (err ? reject(err) : resolve(result as T));
    if (prepared) conn.execute(sql, values, done);
    else conn.query(sql, values, done);
  });
}

/** MariaDB answers `INSERT ... RETURNING` from 10.5 on; MySQL does not at all. */
async function supportsReturning(conn: RawConnection): Promise<boolean> {
  const rows = await run<Array<{ v: string }>>(conn, 'SELECT VERSION() AS v');
  const version = String(rows[0]?.v ?? '');
  const m = /^(\d+)\.(\d+)/.exec(version);
  return /mariadb/i.test(version) && m !== null && Number(m[1]) * 100 + Number(m[2]) >= 1005;
}

export interface MysqlEventStoreOptions {
  /** use INSERT ... RETURNING (default: when the server is MariaDB 10.5 or later) */
  returning?: boolean;
}

export class MysqlEventStore implements BatchStore {
  private returning: boolean | undefined;
  /**
   * The highest `events.id` this writer knows of (null: ask the table). We are the only writer
   * of `events` (one server per database holds the server lock, and every insert goes through
   * this one serial writer), so a row whose id is above it was inserted by the statement that
   * answered it; a duplicate answers its older id.
   */
  private maxId: number | null = null;

  constructor(
    private readonly knex: Knex,
    opts: MysqlEventStoreOptions = {},
  ) {
    this.returning = opts.returning;
  }

  async write(batch: Pending[]): Promise<StoreResult[]> {
    const client = this.knex.client as {
      acquireConnection(): Promise<RawConnection>;
      releaseConnection(conn: RawConnection): Promise<unknown>;
    };
    const conn = await client.acquireConnection();
    try {
      return await this.writeBatch(conn, batch);
    } catch (err) {
      this.maxId = null;
      throw err;
    } finally {
      await client.releaseConnection(conn);
    }
  }

  async close(): Promise<void> {}

  private async writeBatch(conn: RawConnection, batch: Pending[]): Promise<StoreResult[]> {
    this.returning ??= await supportsReturning(conn);
    if (this.maxId === null) {
      const rows = await run<Array<{ m: number | bigint | null }>>(
        conn,
        'SELECT MAX(id) AS m FROM events',
      );
      this.maxId = Number(rows[0]?.m ?? 0);
    }
    const before = this.maxId;
    const keys = batch.map((p) => keyOf(p.event.source, p.event.logId, p.event.state));
    const first = new Map<string, RowValue[]>();
    batch.forEach((p, i) => {
      if (!first.has(keys[i]!)) first.set(keys[i]!, rowValues('mysql', p.event, p.body));
    });
    const stored = new Map<string, Row>();
    const keep = (rows: Row[]) => {
      for (const r of rows) {
        this.maxId = Math.max(this.maxId!, Number(r.id));
        stored.set(keyOf(r.source, Number(r.log_id), Number(r.state)), r);
      }
    };
    for (const chunk of chunks([...first.values()])) {
      const sql = INSERT_HEAD + chunk.map(() => PLACEHOLDERS).join(', ') + INSERT_TAIL;
      if (this.returning) keep(await run<Row[]>(conn, sql + RETURNING, chunk.flat(), true));
      else await run(conn, sql, chunk.flat(), true);
    }
    if (!this.returning) keep(await this.select(conn, batch));

    const enrichedAt = enrichedAtNow('mysql');
    const seenNew = new Set<string>();
    const results: StoreResult[] = [];
    for (const [i, p] of batch.entries()) {
      const key = keys[i]!;
      const row = stored.get(key);
      if (!row) throw new Error(`event ${key} was not stored`);
      const id = Number(row.id);
      if (id > before && !seenNew.has(key)) {
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

  /** The stored rows of every batch key; per source, by (source, log_id), the index prefix. */
  private async select(conn: RawConnection, batch: Pending[]): Promise<Row[]> {
    const logIds = new Map<string, Set<number>>();
    for (const { event: e } of batch) {
      const set = logIds.get(e.source) ?? new Set<number>();
      set.add(e.logId);
      logIds.set(e.source, set);
    }
    const out: Row[] = [];
    for (const [source, ids] of logIds) {
      const list = [...ids];
      const rows = await run<Row[]>(
        conn,
        `SELECT id, source, log_id, state, faults FROM events WHERE source = ? AND log_id IN (${list.map(() => '?').join(', ')})`,
        [source, ...list],
      );
      out.push(...rows);
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
