// Zod field types for LibreNMS API values, which vary by endpoint and PHP version.
import { z } from 'zod';
import { localDateTimeToEpoch } from '../domain/local-time.js';

/** Integer from a JSON number or a numeric string ("161", "-1"). */
export const int = z
  .union([z.number().int(), z.string().regex(/^\s*-?\d+\s*$/, 'not an integer')])
  .transform(Number)
  .refine(Number.isSafeInteger, 'integer out of range');

/** Decimal from a number or numeric string ("52.37020000"). */
export const decimal = z
  .union([z.number(), z.string().regex(/^\s*-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\s*$/, 'not a number')])
  .transform(Number);

/** PHP booleans: true/false, 0/1, "0"/"1". */
export const bool = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.literal('0'), z.literal('1')])
  .transform((v) => v === true || v === 1 || v === '1');

/** Text; numbers (a hostname like 1234, ifName "1") become text too. */
export const text = z.union([z.string(), z.number()]).transform(String);

/** Makes a field optional and nullable, with null for absent. */
export const maybe = <T extends z.ZodTypeAny>(schema: T) =>
  schema
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? null : v) as z.output<T> | null);

/** Text where absent, null and "" all mean "none". */
export const maybeText = maybe(text).transform((v) => (v === '' ? null : v));

/** An id where 0 means "none" (LibreNMS writes 0 for unresolved references). */
export const idOrNone = maybe(int).transform((v) => (v === 0 ? null : v));

/** GROUP_CONCAT lists: "98,99", "12", 12 or null → [98, 99], [12], [12], []. */
export const idList = z
  .union([z.string(), z.number(), z.null(), z.undefined()])
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === '') return [];
    const parts = String(v)
      .split(',')
      .map((p) => p.trim());
    if (parts.some((p) => !/^\d+$/.test(p))) {
      ctx.addIssue({ code: 'custom', message: `not a list of ids: ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return parts.map(Number);
  });

/** Comma-separated text ("a.example,b.example") as a list; null or "" → []. */
export const textList = z.union([z.string(), z.null(), z.undefined()]).transform((v) =>
  v
    ? v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
    : [],
);

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]00:?00)$/;
const ZERO_DATE = /^0000-00-00/;

/**
 * Datetime to epoch seconds: UTC ISO (`2026-03-14T08:10:02.000000Z`, Eloquent endpoints) as is,
 * naive `Y-m-d H:i:s` (raw-SQL endpoints) read in `timeZone`. null, "" and MySQL's zero date
 * mean "never".
 */
export function dateTime(timeZone: string) {
  return z.union([z.string(), z.null(), z.undefined()]).transform((v, ctx) => {
    if (v === null || v === undefined || v.trim() === '' || ZERO_DATE.test(v)) return null;
    const epoch = ISO_UTC.test(v.trim())
      ? Math.floor(Date.parse(v.trim().replace(/[+-]00:?00$/, 'Z')) / 1000)
      : localDateTimeToEpoch(v, timeZone);
    if (epoch === null || Number.isNaN(epoch)) {
      ctx.addIssue({ code: 'custom', message: `not a LibreNMS datetime: ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return epoch;
  });
}

/** A JSON-encoded text column (`alerts.info`), decoded; "" or bad JSON → null. */
export const jsonText = z.unknown().transform((v) => {
  if (typeof v !== 'string') return v ?? null;
  if (v.trim() === '') return null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return null;
  }
});
