// LibreNMS webhook bodies -> a test ping, an AlertEvent with its whitelisted body, or a rejection.

import type { AlertEvent } from '../domain/events.js';
import { maskCredentials } from '../domain/redact.js';
import { cleanLite, cleanV1, isPlainObject } from './webhook-clean.js';
import { eventTime, toAlertEvent } from './webhook-event.js';
import { SCHEMA_LITE, SCHEMA_V1 } from './webhook-fields.js';
import { formatIssues, liteBody, v1Body } from './webhook-schema.js';

export type WebhookResult =
  | { kind: 'test' }
  | { kind: 'event'; event: AlertEvent; body: unknown }
  | {
      kind: 'rejected';
      status: 400 | 422;
      code: string;
      message: string;
      /** The parsed JSON with credentials masked, or null when it was not JSON. */
      body: unknown | null;
    };

export interface ParseWebhookOptions {
  /** IANA zone of the LibreNMS server, for naive `timestamp_raw` values. */
  timezone: string;
  /** When the body arrived, epoch seconds. */
  receivedAt: number;
}

const TEST_TEXT = 'This is a test alert';
const FALLBACK_MARK = 'Fallback template used';

function rejected(code: string, message: string, body: unknown | null): WebhookResult {
  return { kind: 'rejected', status: 422, code, message, body };
}

function notJson(raw: string): WebhookResult {
  const hint = raw.includes(FALLBACK_MARK)
    ? ': LibreNMS sent its plain-text fallback template (its alert template failed to render)'
    : '';
  return rejected('not_json', `body is not JSON${hint}`, null);
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
}

/** LibreNMS's Test button: ids `'000'` (or `0` after a template's `(int)` cast). */
const isTestId = (v: unknown): boolean =>
  v === 0 || (typeof v === 'string' && /^\s*0+\s*$/.test(v));

function isTestPing(ids: unknown): boolean {
  return isPlainObject(ids) && isTestId(ids.log_id) && isTestId(ids.rule_id);
}

/**
 * Parses a LibreNMS webhook body, whatever its Content-Type. Accepts `librenms.alert.v1` (the
 * Blade template) and `librenms.alert.v1-lite` (the one-line fallback); the Test button's
 * `This is a test alert` text or `000` ids give `{kind: 'test'}`.
 */
export function parseWebhook(raw: string, opts: ParseWebhookOptions): WebhookResult {
  const text = raw.replace(/^\uFEFF/, '');
  if (text.trim() === TEST_TEXT) return { kind: 'test' };
  const parsed = parseJson(text);
  if (!parsed.ok) return notJson(text);
  const json = parsed.value;
  if (!isPlainObject(json)) {
    const what = json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json;
    return rejected(
      'invalid_body',
      `body must be a JSON object, got ${what}`,
      maskCredentials(json),
    );
  }
  const schema = json.schema;
  if (schema !== SCHEMA_V1 && schema !== SCHEMA_LITE) {
    const got = schema === undefined ? 'no "schema"' : `schema ${JSON.stringify(schema)}`;
    const message = `${got}; expected "${SCHEMA_V1}" or "${SCHEMA_LITE}"`;
    return rejected('unknown_schema', message, maskCredentials(json));
  }
  const v1 = schema === SCHEMA_V1;
  if (isTestPing(v1 ? json.alert : json)) return { kind: 'test' };

  const body = v1 ? cleanV1(json) : cleanLite(json);
  const result = (v1 ? v1Body : liteBody).safeParse(body);
  if (!result.success) {
    return rejected('invalid_body', formatIssues(result.error.issues), maskCredentials(json));
  }
  const at = eventTime(result.data.times, opts.timezone);
  if (at === null) {
    const fields = v1
      ? 'event.timestamp_epoch, event.timestamp or event.timestamp_raw'
      : 'timestamp_epoch or timestamp_raw';
    return rejected('invalid_body', `no usable event time: ${fields}`, maskCredentials(json));
  }
  return { kind: 'event', event: toAlertEvent(result.data, at, opts.receivedAt), body };
}
