// Group commit for the event log: requests queue their event, one transaction stores a batch,
// and no caller hears back before that transaction has committed (durable before 202).
import type { Knex } from '@mikro-orm/knex';
import type { AlertEvent } from '../domain/events.js';
import { sqlInstant, type Dialect } from './sql-instant.js';

export interface StoreResult {
  id: number;
  duplicate: boolean;
  /** faults were attached to an event that had been stored without them */
  enriched: boolean;
}

interface Pending {
  event: AlertEvent;
  body: string;
  resolve(result: StoreResult): void;
  reject(err: unknown): void;
}

interface ExistingRow {
  id: number | string;
  source: string;
  log_id: number | string;
  state: number;
  faults: string | null;
}

const MAX_BATCH = 500;
const keyOf = (source: string, logId: number, state: number) => `${source}|${logId}|${state}`;

export class EventWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly knex: Knex,
    private readonly dialect: Dialect,
    private readonly onCommitted: (results: StoreResult[]) => void = () => undefined,
  ) {}

  /** Resolves once the event is committed (new, duplicate or enriched); rejects if not stored. */
  store(event: AlertEvent, body: string): Promise<StoreResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, body, resolve, reject });
      this.kick();
    });
  }

  /** Waits until everything queued so far is committed or failed. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
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
      try {
        const results = await this.knex.transaction((trx) => this.writeBatch(trx, batch));
        batch.forEach((p, i) => p.resolve(results[i]!));
        this.onCommitted(results);
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
  }

  private async writeBatch(trx: Knex.Transaction, batch: Pending[]): Promise<StoreResult[]> {
    const keys = batch.map((p) => keyOf(p.event.source, p.event.logId, p.event.state));
    const existing = await this.findExisting(trx, batch);
    const enriched = new Set<string>();
    const toInsert = new Map<string, Pending>();
    for (const [i, p] of batch.entries()) {
      const key = keys[i]!;
      const row = existing.get(key);
      if (row) {
        if (row.faults === null && p.event.faults !== null && !enriched.has(key)) {
          await this.enrich(trx, Number(row.id), p.event.faults);
          row.faults = p.event.faults.join(';');
          enriched.add(key);
        }
      } else if (!toInsert.has(key)) {
        toInsert.set(key, p);
      }
    }
    await this.insert(trx, [...toInsert.values()]);
    const ids = toInsert.size > 0 ? await this.findExisting(trx, [...toInsert.values()]) : existing;
    const firstFor = new Set<string>();
    return batch.map((p, i) => {
      const key = keys[i]!;
      const row = existing.get(key) ?? ids.get(key);
      if (!row) throw new Error(`event ${key} was not stored`);
      const isNew = toInsert.get(key) === p && !firstFor.has(key);
      if (isNew) firstFor.add(key);
      return {
        id: Number(row.id),
        duplicate: !isNew,
        enriched: enriched.has(key) && !isNew,
      };
    });
  }

  private async findExisting(
    trx: Knex.Transaction,
    batch: Pending[],
  ): Promise<Map<string, ExistingRow>> {
    const out = new Map<string, ExistingRow>();
    for (let i = 0; i < batch.length; i += 200) {
      const part = batch.slice(i, i + 200);
      const rows: ExistingRow[] = await trx('events')
        .select('id', 'source', 'log_id', 'state', 'faults')
        .whereIn(
          ['source', 'log_id', 'state'],
          part.map((p) => [p.event.source, p.event.logId, p.event.state]),
        );
      for (const r of rows) out.set(keyOf(r.source, Number(r.log_id), Number(r.state)), r);
    }
    return out;
  }

  private async enrich(trx: Knex.Transaction, id: number, faults: string[]): Promise<void> {
    await trx('events')
      .where({ id })
      .update({
        faults: faults.join(';'),
        enriched_at: sqlInstant(this.dialect, new Date(Math.floor(Date.now() / 1000) * 1000)),
      });
  }

  private async insert(trx: Knex.Transaction, rows: Pending[]): Promise<void> {
    if (rows.length === 0) return;
    const date = (s: number) => sqlInstant(this.dialect, new Date(s * 1000));
    const values = rows.map(({ event: e, body }) => ({
      source: e.source,
      log_id: e.logId,
      state: e.state,
      incident_log_id: e.incidentLogId,
      alert_id: e.alertId,
      rule_id: e.ruleId,
      rule_name: e.ruleName,
      device_id: e.deviceId,
      hostname: e.hostname,
      faults: e.faults === null ? null : e.faults.join(';'),
      status_reasons: e.statusReasons.join(','),
      event_at: date(e.at),
      received_at: date(e.receivedAt),
      body,
    }));
    for (let i = 0; i < values.length; i += 100) {
      const q = trx('events').insert(values.slice(i, i + 100));
      // never INSERT IGNORE: it would hide truncation on MariaDB
      if (this.dialect === 'sqlite') await q.onConflict(['source', 'log_id', 'state']).ignore();
      else await q.onConflict().merge(['source']);
    }
  }
}
