// Types of the LibreNMS API client: options, counters, and the normalised rows it returns.
import type { z } from 'zod';
import type { RetryPolicy } from './api-retry.js';
import type { ApiSchemas } from './api-schemas.js';

type Row<K extends keyof ApiSchemas> = z.output<ApiSchemas[K]>;

export type ApiDevice = Row<'device'>;
export type ApiPort = Row<'port'>;
export type ApiLink = Row<'link'>;
export type ApiOutage = Row<'outage'>;
export type ApiAlert = Row<'alert'>;
export type ApiAlertLogRow = Row<'alertLog'>;
export type ApiEvent = Row<'event'>;
export type ApiRule = Row<'rule'>;
export type ApiDeviceGroup = Row<'group'>;
export type ApiLocation = Row<'location'>;
export type ApiService = Row<'service'>;
export type ApiSystem = Row<'system'>;

/** Per-client tallies for the reconciliation run record. */
export interface ClientCounters {
  /** HTTP attempts sent (retries included). */
  requests: number;
  /** Attempts repeated after a transient failure. */
  retries: number;
  /** Calls that ended in an error (after any retries). */
  errors: number;
}

/** The pino subset the client uses (structured object first, message second). */
export interface ApiLogger {
  warn(obj: object, msg: string): void;
}

export interface LibreNmsClientOptions {
  /** Base URL including `/api/v0`. */
  apiUrl: string;
  apiToken: string;
  /** At most this many request starts in any 1-second window (retries included). */
  maxRps: number;
  /** At most this many requests in flight. */
  maxConcurrency: number;
  /** IANA zone of the LibreNMS server, for its naive datetimes. */
  timezone: string;
  /** Per attempt: for the answer's headers, then again for its body (idle time when streamed). */
  timeoutMs?: number;
  /** Extra attempts after the first; shorthand for `retry.retries`. */
  retries?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof globalThis.fetch;
  logger?: ApiLogger;
  sleep?: (ms: number) => Promise<void>;
  /** Clock in ms, for Retry-After dates. */
  now?: () => number;
  /** For backoff jitter; [0, 1). */
  random?: () => number;
}

/** Query of the log endpoints: `from`/`to` are ids when numbers, LibreNMS-local datetimes when text. */
export interface LogQuery {
  from?: number | string;
  to?: number | string;
  /** Rows per page (LibreNMS default 50). */
  limit?: number;
  sortorder?: 'ASC' | 'DESC';
  /** Only this device (id or hostname). */
  device?: number | string;
}

export interface LogPage<T> {
  rows: T[];
  /** Row offset of this page. */
  start: number;
  /** Rows matching the query, as LibreNMS counted them for this page. */
  total: number | null;
}
