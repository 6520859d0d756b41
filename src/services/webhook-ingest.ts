// Use case: a LibreNMS webhook body in, a durable event (or a recorded rejection) out.
import { UnavailableError } from '../domain/errors.js';
import { cutText, maskCredentials } from '../domain/redact.js';
import type { EventWriter } from '../db/event-writer.js';
import type { WebhookLogRepo } from '../db/webhook-log-repo.js';
import { parseWebhook, type WebhookResult } from '../librenms/webhook.js';
import type { Logger } from '../config/logger.js';

export const REJECTED_BODY_MAX_BYTES = 64 * 1024;

export type IngestAnswer =
  | { status: 202; body: { id: number; duplicate: boolean } | { test: true } }
  | { status: 400 | 413 | 422; body: { error: { code: string; message: string } } };

export interface WebhookIngestDeps {
  writer: EventWriter;
  webhookLog: WebhookLogRepo;
  timezone: string;
  logger: Logger;
  /** asked for a reconciliation when a body was not JSON (LibreNMS fell back to plain text) */
  onNotJson?: () => void;
  now?: () => number;
}

function rejectedBody(body: unknown | null, raw: string): string {
  const text = body === null ? raw : JSON.stringify(maskCredentials(body));
  return cutText(text, REJECTED_BODY_MAX_BYTES);
}

export class WebhookIngest {
  private readonly now: () => number;

  constructor(private readonly deps: WebhookIngestDeps) {
    this.now = deps.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /**
   * Not async itself: an event (nearly every call) returns the store's promise with its answer
   * chained on, one promise fewer than an async function's own (each one tracked by the
   * async-context hooks that MikroORM switches on).
   */
  receive(raw: string, address: () => string | null): Promise<IngestAnswer> {
    const result = parseWebhook(raw, { timezone: this.deps.timezone, receivedAt: this.now() });
    if (result.kind === 'event') {
      return this.unavailableOnError(() =>
        this.deps.writer.store(result.event, JSON.stringify(result.body)),
      ).then((stored) => ({ status: 202, body: { id: stored.id, duplicate: stored.duplicate } }));
    }
    // the sender's address is looked up only for what the status page records
    return this.answerOther(result, raw, address());
  }

  /** A test ping or a rejected body: recorded for the status page, then answered. */
  private async answerOther(
    result: Exclude<WebhookResult, { kind: 'event' }>,
    raw: string,
    address: string | null,
  ): Promise<IngestAnswer> {
    if (result.kind === 'test') {
      await this.unavailableOnError(() => this.deps.webhookLog.addTestPing(address));
      return { status: 202, body: { test: true } };
    }
    this.deps.logger.warn({ code: result.code, address }, 'webhook rejected: %s', result.message);
    await this.unavailableOnError(() =>
      this.deps.webhookLog.addRejected({
        address,
        status: result.status,
        code: result.code,
        message: result.message,
        body: rejectedBody(result.body, raw),
      }),
    );
    if (result.code === 'not_json') this.deps.onNotJson?.();
    return {
      status: result.status,
      body: { error: { code: result.code, message: result.message } },
    };
  }

  /** A body over the size limit: recorded without its content. */
  async tooLarge(address: string | null, maxBytes: number): Promise<IngestAnswer> {
    const message = `body larger than ${maxBytes} bytes`;
    await this.unavailableOnError(() =>
      this.deps.webhookLog.addRejected({
        address,
        status: 413,
        code: 'too_large',
        message,
        body: null,
      }),
    );
    return { status: 413, body: { error: { code: 'too_large', message } } };
  }

  /** A missing or wrong token: counted per hour and address, the body is never read. */
  async refused(address: string): Promise<void> {
    await this.deps.webhookLog.countAuthFailure(address).catch((err: unknown) => {
      this.deps.logger.error({ err }, 'could not count a refused webhook');
    });
  }

  /**
   * `fn`'s promise (every `fn` here is an async storage call), a failure logged and answered 503.
   * A plain `.catch`, not an async wrapper: on the webhook's hot path every promise counts, since
   * the async-context hooks (on once MikroORM has flushed) track each one.
   */
  private unavailableOnError<T>(fn: () => Promise<T>): Promise<T> {
    return fn().catch((err: unknown) => {
      this.deps.logger.error({ err }, 'webhook storage failed');
      throw new UnavailableError('database unavailable: the webhook was not stored, retry later');
    });
  }
}
