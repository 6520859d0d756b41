// Reading LibreNMS answer bodies: error envelopes, 404-as-empty, and schema checks with paths.
import type { z } from 'zod';
import { LibreNmsError, LibreNmsResponseError } from './api-errors.js';

/** 404s that mean "not there" rather than "nothing to list". */
const REAL_NOT_FOUND =
  /route doesn't exist|^device .*(does not exist|not found)|^device group not found/i;

function messageOf(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null;
  const m = (body as { message?: unknown }).message;
  return typeof m === 'string' ? m : m === undefined ? null : JSON.stringify(m);
}

/**
 * True for the 404 several list handlers answer when the list is empty ("Links do not exist",
 * "No ports found", "No device groups found"...): a LibreNMS error envelope whose message is not
 * an unknown route, device or group.
 */
export function isEmptyNotFound(body: unknown): boolean {
  const status = (body as { status?: unknown } | null)?.status;
  const message = messageOf(body);
  return status === 'error' && message !== null && !REAL_NOT_FOUND.test(message);
}

/** Turns a 404 or an `{"status":"error"}` body into a typed error; returns the body otherwise. */
export function checkedBody(body: unknown, status: number, endpoint: string): unknown {
  const message = messageOf(body) ?? 'no message';
  if (status === 404) {
    throw new LibreNmsError(
      'http',
      endpoint,
      `LibreNMS answered ${endpoint} with 404: ${message}`,
      404,
    );
  }
  if ((body as { status?: unknown } | null)?.status === 'error') {
    throw new LibreNmsError(
      'api',
      endpoint,
      `LibreNMS answered ${endpoint} with an error: ${message}`,
      status,
    );
  }
  return body;
}

/** First few issues as "path: message" text. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.')}: ${i.message}`)
    .join('; ');
}

/** Validates an envelope and returns its `key` rows and the log endpoints' `total`. */
export function parseList<T>(
  schema: z.ZodTypeAny,
  body: unknown,
  key: string,
  endpoint: string,
): { rows: T[]; total: number | null } {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new LibreNmsResponseError('schema', endpoint, describeIssues(result.error));
  }
  const data = result.data as Record<string, unknown> & { total?: number | null };
  return { rows: data[key] as T[], total: data.total ?? null };
}

/** Validates one row (a streamed item); `where` names it in the error. */
export function parseRow<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  endpoint: string,
  where: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new LibreNmsResponseError('schema', endpoint, describeIssues(result.error, where));
  }
  return result.data as z.output<S>;
}
