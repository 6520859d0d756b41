// Environment -> validated, frozen configuration; a bad value stops start-up naming the variable.
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import ms from 'ms';
import { z } from 'zod';
import { isValidTimeZone } from '../domain/local-time.js';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

const timeZone = z.string().refine(isValidTimeZone, 'not an IANA time zone');

/** `ms`-style duration (`5m`, `6h`, `30d`) or plain milliseconds; `0` allowed. */
const duration = z.string().transform((value, ctx) => {
  const parsed = /^\d+$/.test(value) ? Number(value) : ms(value as ms.StringValue);
  if (typeof parsed !== 'number' || !Number.isFinite(parsed) || parsed < 0) {
    ctx.addIssue({ code: 'custom', message: `not a duration: ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return parsed;
});

const positiveInt = z
  .string()
  .regex(/^\d+$/, 'not a whole number')
  .transform(Number)
  .refine((n) => n > 0, 'must be at least 1');

const databaseUrl = z
  .string()
  .regex(
    /^(sqlite:.+|mysql:\/\/.+|mariadb:\/\/.+)$/,
    'use sqlite:PATH, mysql://... or mariadb://...',
  );

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:/.test(u), 'must be http(s)');

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const envSchema = z.object({
  PORT: positiveInt.refine((n) => n < 65536, 'not a port').default(3000),
  DATABASE_URL: databaseUrl.default('sqlite:./data/pathuptime.sqlite'),
  PUBLIC_URL: optional(httpUrl),
  TRUST_PROXY: optional(z.string().regex(/^(\d+|[0-9a-fA-F:./, ]+)$/, 'a hop count or CIDR list')),
  DEFAULT_TIMEZONE: timeZone.default('UTC'),
  WEBHOOK_TOKEN: optional(z.string().min(16, 'use at least 16 characters')),
  LIBRENMS_API_URL: optional(httpUrl),
  LIBRENMS_API_TOKEN: optional(z.string().min(1)),
  LIBRENMS_TIMEZONE: timeZone.default('UTC'),
  RECONCILE_INTERVAL: duration.default(ms('5m')),
  TOPOLOGY_INTERVAL: duration.default(ms('6h')),
  RECONCILE_BACKFILL: duration.default(ms('30d')),
  LIBRENMS_MAX_RPS: positiveInt.default(5),
  LIBRENMS_MAX_CONCURRENCY: positiveInt.default(2),
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\/.+/, 'use smtp://... or smtps://...')),
  MAIL_FROM: optional(z.string().email()),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export type Database =
  { dialect: 'sqlite'; path: string } | { dialect: 'mysql'; url: string; dbName: string };

export interface Config {
  port: number;
  database: Database;
  publicUrl: string;
  secureCookies: boolean;
  trustProxy: { hops: number } | { cidrs: string[] } | null;
  defaultTimezone: string;
  webhookToken: string | null;
  librenms: { apiUrl: string; apiToken: string; maxRps: number; maxConcurrency: number } | null;
  librenmsTimezone: string;
  reconcileIntervalMs: number;
  topologyIntervalMs: number;
  reconcileBackfillMs: number;
  smtp: { url: string; from: string } | null;
  logLevel: LogLevel;
}

export class ConfigError extends Error {}

function parseDatabase(url: string): Database {
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', path: url.slice('sqlite:'.length) };
  const normalised = url.replace(/^mariadb:/, 'mysql:');
  const dbName = decodeURIComponent(new URL(normalised).pathname.replace(/^\//, ''));
  if (!dbName) throw new ConfigError('DATABASE_URL: the URL names no database');
  return { dialect: 'mysql', url: normalised, dbName };
}

function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  if (!value) return null;
  if (/^\d+$/.test(value)) return { hops: Number(value) };
  return {
    cidrs: value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

/** Parses the environment; throws ConfigError whose message names every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = result.data;
  if (e.LIBRENMS_API_URL && !e.LIBRENMS_API_TOKEN) {
    throw new ConfigError('LIBRENMS_API_TOKEN: required when LIBRENMS_API_URL is set');
  }
  if (e.SMTP_URL && !e.MAIL_FROM) throw new ConfigError('MAIL_FROM: required when SMTP_URL is set');
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: e.PORT,
    database: parseDatabase(e.DATABASE_URL),
    publicUrl,
    secureCookies: publicUrl.startsWith('https:'),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    defaultTimezone: e.DEFAULT_TIMEZONE,
    webhookToken: e.WEBHOOK_TOKEN ?? null,
    librenms:
      e.LIBRENMS_API_URL && e.LIBRENMS_API_TOKEN
        ? {
            apiUrl: e.LIBRENMS_API_URL.replace(/\/+$/, ''),
            apiToken: e.LIBRENMS_API_TOKEN,
            maxRps: e.LIBRENMS_MAX_RPS,
            maxConcurrency: e.LIBRENMS_MAX_CONCURRENCY,
          }
        : null,
    librenmsTimezone: e.LIBRENMS_TIMEZONE,
    reconcileIntervalMs: e.RECONCILE_INTERVAL,
    topologyIntervalMs: e.TOPOLOGY_INTERVAL,
    reconcileBackfillMs: e.RECONCILE_BACKFILL,
    smtp: e.SMTP_URL && e.MAIL_FROM ? { url: e.SMTP_URL, from: e.MAIL_FROM } : null,
    logLevel: e.LOG_LEVEL,
  });
}

/** Reads `.env` from the working directory (if present); the real environment wins. */
export function readEnvironment(cwd = process.cwd()): Record<string, string | undefined> {
  const file = `${cwd}/.env`;
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}
