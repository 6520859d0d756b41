// Whitelisting of webhook bodies: only known keys with scalar values survive, text repaired.

import { isCredentialKey } from '../domain/redact.js';
import { cleanText } from './text.js';
import {
  FAULT_ROW_KEYS,
  LITE_KEYS,
  V1_ALERT_KEYS,
  V1_DEVICE_KEYS,
  V1_EVENT_KEYS,
} from './webhook-fields.js';

export type Scalar = string | number | boolean | null;
export type CleanObject = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A scalar with its text repaired; undefined for objects and arrays (they are dropped). */
function scalar(v: unknown): Scalar | undefined {
  if (typeof v === 'string') return cleanText(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  return undefined;
}

/** The listed keys of `obj` that hold scalars; undefined when `obj` is not an object. */
function pick(obj: unknown, keys: readonly string[]): Record<string, Scalar> | undefined {
  if (!isPlainObject(obj)) return undefined;
  const out: Record<string, Scalar> = {};
  for (const key of keys) {
    if (!Object.hasOwn(obj, key)) continue;
    const value = scalar(obj[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Device groups (id -> name): any id, scalar names, never a credential-looking key. */
function groups(v: unknown): Record<string, Scalar> | undefined {
  if (!isPlainObject(v)) return undefined;
  const kept = Object.entries(v)
    .filter(([k]) => !isCredentialKey(k))
    .map(([k, name]) => [cleanText(k), scalar(name)] as const)
    .filter(([, name]) => name !== undefined);
  return Object.fromEntries(kept) as Record<string, Scalar>;
}

/** Fault or diff rows: a list, or PHP's 1-based array serialised as an object; null otherwise. */
function rows(v: unknown): Record<string, Scalar>[] | null {
  const list = Array.isArray(v) ? v : isPlainObject(v) ? Object.values(v) : null;
  if (list === null) return null;
  const out: Record<string, Scalar>[] = [];
  for (const row of list) {
    const kept = pick(row, FAULT_ROW_KEYS);
    if (kept) out.push(kept);
  }
  return out;
}

function diff(
  v: unknown,
): { added: Record<string, Scalar>[]; resolved: Record<string, Scalar>[] } | null {
  if (!isPlainObject(v)) return null;
  return { added: rows(v.added) ?? [], resolved: rows(v.resolved) ?? [] };
}

/** The device's scalar keys (its `groups` are an object of their own). */
const DEVICE_SCALAR_KEYS = V1_DEVICE_KEYS.filter((k) => k !== 'groups');

/**
 * The stored form of a `librenms.alert.v1` body: `schema`, `event`, `alert`, `device` (each
 * only if it was an object), `faults` (rows, or null when the body had no list) and `diff`.
 */
export function cleanV1(body: Record<string, unknown>): CleanObject {
  const out: CleanObject = { schema: body.schema };
  const event = pick(body.event, V1_EVENT_KEYS);
  const alert = pick(body.alert, V1_ALERT_KEYS);
  const device = pick(body.device, DEVICE_SCALAR_KEYS);
  if (event) out.event = event;
  if (alert) out.alert = alert;
  if (device) {
    const g = isPlainObject(body.device) ? groups(body.device.groups) : undefined;
    out.device = g ? { ...device, groups: g } : device;
  }
  out.faults = rows(body.faults);
  out.diff = diff(body.diff);
  return out;
}

/** The stored form of a `librenms.alert.v1-lite` body: its known flat keys only. */
export function cleanLite(body: Record<string, unknown>): CleanObject {
  return pick(body, LITE_KEYS) ?? {};
}
