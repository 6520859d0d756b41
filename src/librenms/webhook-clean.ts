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

type Picker = (obj: Record<string, unknown>) => Record<string, Scalar>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A function that copies the listed keys of an object that hold scalars, each through `scalar`,
 * in list order: straight-line code compiled once per list (as zod compiles its object parsers),
 * so that every read and write names its key. A loop over the list with computed keys, all
 * megamorphic, made cleaning and serialising a body cost a third more (callgrind).
 */
function compilePicker(keys: readonly string[]): Picker {
  for (const key of keys) {
    // a plain name that no object inherits, so that `obj.key` only ever reads the body's own key
    if (!IDENTIFIER.test(key) || key in Object.prototype) throw new Error(`bad key ${key}`);
  }
  const copies = keys.map((k) => `v = scalar(obj.${k}); if (v !== undefined) out.${k} = v;`);
  const source = `return (obj) => {\nconst out = {};\nlet v;\n${copies.join('\n')}\nreturn out;\n};`;
  const make = new Function('scalar', source) as (s: typeof scalar) => Picker;
  return make(scalar);
}

/** The listed keys of `obj` that hold scalars; undefined when `obj` is not an object. */
function picker(keys: readonly string[]) {
  const pick = compilePicker(keys);
  return (obj: unknown) => (isPlainObject(obj) ? pick(obj) : undefined);
}

const pickEvent = picker(V1_EVENT_KEYS);
const pickAlert = picker(V1_ALERT_KEYS);
/** The device's scalar keys (its `groups` are an object of their own). */
const pickDevice = picker(V1_DEVICE_KEYS.filter((k) => k !== 'groups'));
const pickRow = picker(FAULT_ROW_KEYS);
const pickLite = picker(LITE_KEYS);

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
    const kept = pickRow(row);
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

/**
 * The stored form of a `librenms.alert.v1` body: `schema`, `event`, `alert`, `device` (each
 * only if it was an object), `faults` (rows, or null when the body had no list) and `diff`.
 */
export function cleanV1(body: Record<string, unknown>): CleanObject {
  const out: CleanObject = { schema: body.schema };
  const event = pickEvent(body.event);
  const alert = pickAlert(body.alert);
  const device: CleanObject | undefined = pickDevice(body.device);
  if (event) out.event = event;
  if (alert) out.alert = alert;
  if (device) {
    const g = isPlainObject(body.device) ? groups(body.device.groups) : undefined;
    // `device` is this function's own copy: adding `groups` in place keeps the key order of a
    // spread (`groups` last) without the slow property definition on a spread's clone (profile)
    if (g) device.groups = g;
    out.device = device;
  }
  out.faults = rows(body.faults);
  out.diff = diff(body.diff);
  return out;
}

/** The stored form of a `librenms.alert.v1-lite` body: its known flat keys only. */
export function cleanLite(body: Record<string, unknown>): CleanObject {
  return pickLite(body) ?? {};
}
