// HTTP layer of the LibreNMS client: ofetch behind one limiter, timeouts, retries, counters, and
// credential-free JSON (credential keys are dropped while parsing, before anything sees them).
import { ofetch } from 'ofetch';
import { CREDENTIAL_KEY, isCredentialKey } from '../domain/redact.js';
import {
  LibreNmsAuthError,
  LibreNmsError,
  LibreNmsResponseError,
  LibreNmsRetryableError,
} from './api-errors.js';
import type { RequestLimiter } from './api-limiter.js';
import {
  backoffMs,
  isNetworkError,
  isRetryableStatus,
  networkCode,
  parseRetryAfter,
} from './api-retry.js';
import type { RetryPolicy } from './api-retry.js';
import type { ApiLogger, ClientCounters } from './api-types.js';

export type Query = Record<string, string | number | undefined>;

export interface TransportOptions {
  apiUrl: string;
  apiToken: string;
  timeoutMs: number;
  retry: RetryPolicy;
  limiter: RequestLimiter;
  fetch?: typeof globalThis.fetch;
  logger?: ApiLogger;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  /** Counted as well as this transport's own counters (the client's totals over all sessions). */
  alsoCount?: ClientCounters;
}

/** One answered attempt: the slot is still held until `release` (streams read after it). */
export interface Answer {
  status: number;
  body: ReadableStream<Uint8Array> | null;
  retryAfter: string | null;
  release: () => void;
  abort: AbortController;
}

/**
 * JSON.parse that drops every credential-looking key at any depth while parsing. Text in which
 * no credential-looking word and no `\u` escape appears cannot hold such a key: it takes plain
 * JSON.parse (the reviver makes parsing several times slower: 480,000 ports on a first import).
 */
export function parseWithoutCredentials(text: string): unknown {
  if (!CREDENTIAL_KEY.test(text) && !text.includes('\\u')) return JSON.parse(text);
  return JSON.parse(text, (key, value: unknown) => (isCredentialKey(key) ? undefined : value));
}

export function createTransport(o: TransportOptions) {
  const counters: ClientCounters = { requests: 0, retries: 0, errors: 0 };
  const count = (field: keyof ClientCounters) => {
    counters[field]++;
    if (o.alsoCount) o.alsoCount[field]++;
  };
  const $fetch = ofetch.create(
    {
      baseURL: o.apiUrl.replace(/\/+$/, ''),
      retry: false,
      ignoreResponseError: true,
      responseType: 'stream',
      headers: { 'X-Auth-Token': o.apiToken, Accept: 'application/json' },
    },
    o.fetch ? { fetch: o.fetch } : {},
  );

  /** Sends one attempt through the limiter; times out if headers take longer than timeoutMs. */
  async function send(path: string, query: Query, endpoint: string): Promise<Answer> {
    const release = await o.limiter.acquire();
    count('requests');
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error('timeout')), o.timeoutMs);
    try {
      const res = await $fetch.raw(path, {
        query: definedOnly(query),
        signal: abort.signal,
        responseType: 'stream',
      });
      const body = (res._data as ReadableStream<Uint8Array> | undefined) ?? null;
      return {
        status: res.status,
        body,
        retryAfter: res.headers.get('retry-after'),
        release,
        abort,
      };
    } catch (err) {
      release();
      throw attemptError(err, endpoint, abort.signal.aborted, o.timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs `attempt` until it succeeds, fails for good, or the retries are used up. */
  async function withRetries<T>(endpoint: string, attempt: () => Promise<T>): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        return await attempt();
      } catch (err) {
        const e = err instanceof LibreNmsError ? err : unexpected(err, endpoint);
        const wait = retryDelay(e, n + 1);
        if (wait === null) {
          count('errors');
          throw e;
        }
        count('retries');
        o.logger?.warn({ endpoint, attempt: n + 1, waitMs: wait, reason: e.message }, 'retrying');
        await o.sleep(wait);
      }
    }
  }

  function retryDelay(e: LibreNmsError, retry: number): number | null {
    if (!(e instanceof LibreNmsRetryableError) || retry > o.retry.retries) return null;
    if (e.retryAfterMs !== null && e.retryAfterMs > o.retry.maxRetryAfterMs) return null;
    return Math.max(e.retryAfterMs ?? 0, backoffMs(retry, o.retry, o.random));
  }

  /** One attempt whose answer is a 2xx or a 404; other statuses become typed errors. */
  async function openOnce(path: string, query: Query, endpoint: string): Promise<Answer> {
    const a = await send(path, query, endpoint);
    if (a.status < 300 || a.status === 404) return a;
    await discard(a);
    const msg = `LibreNMS answered ${endpoint} with HTTP ${a.status}`;
    if (a.status === 401 || a.status === 403) throw new LibreNmsAuthError(endpoint, a.status);
    if (isRetryableStatus(a.status)) {
      const after = parseRetryAfter(a.retryAfter, o.now());
      throw new LibreNmsRetryableError('http', endpoint, msg, a.status, after);
    }
    throw new LibreNmsError('http', endpoint, msg, a.status);
  }

  /** Opens a streamed answer (retried until the body starts); the caller releases it. */
  function open(path: string, query: Query): Promise<Answer> {
    const endpoint = `GET ${path}`;
    return withRetries(endpoint, () => openOnce(path, query, endpoint));
  }

  /** GET and parse a whole (small) JSON answer, retried as a unit (a stalled body included). */
  function getJson(path: string, query: Query = {}): Promise<JsonAnswer> {
    const endpoint = `GET ${path}`;
    return withRetries(endpoint, async () => {
      const a = await openOnce(path, query, endpoint);
      try {
        const text = await readText(a, o.timeoutMs, endpoint);
        return { status: a.status, body: parseOrThrow(text, endpoint, a.status) };
      } finally {
        a.release();
      }
    });
  }

  return { counters, count, open, getJson, timeoutMs: o.timeoutMs };
}

export interface JsonAnswer {
  status: number;
  body: unknown;
}

export type Transport = ReturnType<typeof createTransport>;

function definedOnly(query: Query): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) out[k] = v;
  return out;
}

function parseOrThrow(text: string, endpoint: string, status: number): unknown {
  try {
    return parseWithoutCredentials(text);
  } catch (err) {
    const detail = text.trim() === '' ? 'empty body' : (err as Error).message;
    throw new LibreNmsResponseError('malformed', endpoint, detail, status, err);
  }
}

/** Reads a whole body as text; the timeout covers the read (a stalled body is a timeout). */
export async function readText(a: Answer, timeoutMs: number, endpoint: string): Promise<string> {
  if (!a.body) return '';
  const timer = setTimeout(() => a.abort.abort(new Error('timeout')), timeoutMs);
  try {
    return await new Response(a.body).text();
  } catch (err) {
    throw attemptError(err, endpoint, a.abort.signal.aborted, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

async function discard(a: Answer): Promise<void> {
  a.release();
  await a.body?.cancel().catch(() => undefined);
}

/** Classifies a failed attempt: our timeout, a network failure, or something unexpected. */
export function attemptError(
  err: unknown,
  endpoint: string,
  timedOut: boolean,
  timeoutMs: number,
): LibreNmsError {
  if (err instanceof LibreNmsError) return err;
  if (timedOut) {
    const msg = `LibreNMS did not answer ${endpoint} within ${timeoutMs} ms`;
    return new LibreNmsRetryableError('timeout', endpoint, msg, null, null, err);
  }
  if (isNetworkError(err)) {
    const code = networkCode(err) ?? (err as Error).message;
    const msg = `LibreNMS request ${endpoint} failed (${code})`;
    return new LibreNmsRetryableError('network', endpoint, msg, null, null, err);
  }
  return unexpected(err, endpoint);
}

function unexpected(err: unknown, endpoint: string): LibreNmsError {
  const msg = err instanceof Error ? err.message : String(err);
  return new LibreNmsError(
    'api',
    endpoint,
    `LibreNMS request ${endpoint} failed: ${msg}`,
    null,
    err,
  );
}
