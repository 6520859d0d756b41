// Storage for what came in but was not an event: rejected bodies, test pings, refused tokens.
import type { Knex } from '@mikro-orm/knex';
import { fromSqlInstant, sqlInstant, type Dialect } from './sql-instant.js';

export const REJECTED_KEEP = 1000;

export interface RejectedInput {
  address: string | null;
  status: number;
  code: string;
  message: string;
  body: string | null;
}

export interface WebhookLogRow {
  id: number;
  receivedAt: Date;
  address: string | null;
  status: number;
  code: string;
  message: string;
  body: string | null;
}

export class WebhookLogRepo {
  constructor(
    private readonly knex: Knex,
    private readonly dialect: Dialect,
  ) {}

  private now(): unknown {
    return sqlInstant(this.dialect, new Date(Math.floor(Date.now() / 1000) * 1000));
  }

  /** Stores a rejected request and keeps only the newest REJECTED_KEEP. */
  async addRejected(input: RejectedInput): Promise<void> {
    await this.knex.transaction(async (trx) => {
      const [id] = await trx('rejected_requests').insert({
        received_at: this.now(),
        address: input.address,
        status: input.status,
        code: input.code,
        message: input.message.slice(0, 1000),
        body: input.body,
      });
      if (typeof id === 'number') {
        await trx('rejected_requests')
          .where('id', '<=', id - REJECTED_KEEP)
          .delete();
      }
    });
  }

  async addTestPing(address: string | null): Promise<void> {
    await this.knex('test_pings').insert({ received_at: this.now(), address });
  }

  /** Counts a refused token per hour and client address; the body is never stored. */
  async countAuthFailure(address: string): Promise<void> {
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    await this.knex('auth_failures')
      .insert({ hour: sqlInstant(this.dialect, hour), address, count: 1 })
      .onConflict(['hour', 'address'])
      .merge({ count: this.knex.raw('?? + 1', ['auth_failures.count']) });
  }

  async latestRejected(limit = 50): Promise<WebhookLogRow[]> {
    const rows = await this.knex('rejected_requests').orderBy('id', 'desc').limit(limit);
    return rows.map((r: Record<string, unknown>) => ({
      id: Number(r.id),
      receivedAt: fromSqlInstant(r.received_at),
      address: (r.address as string | null) ?? null,
      status: Number(r.status),
      code: String(r.code),
      message: String(r.message),
      body: (r.body as string | null) ?? null,
    }));
  }
}
