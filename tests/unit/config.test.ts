// Environment -> config: defaults, every variable parsed, bad values named.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('loadConfig', () => {
  it('has the contract defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      database: { dialect: 'sqlite', path: './data/pathuptime.sqlite' },
      publicUrl: 'http://localhost:3000',
      secureCookies: false,
      trustProxy: null,
      defaultTimezone: 'UTC',
      webhookToken: null,
      librenms: null,
      librenmsTimezone: 'UTC',
      reconcileIntervalMs: 300_000,
      topologyIntervalMs: 21_600_000,
      reconcileBackfillMs: 2_592_000_000,
      smtp: null,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'mariadb://pu:secret@db.example:3306/pathuptime',
      PUBLIC_URL: 'https://uptime.example.net/',
      TRUST_PROXY: '10.0.0.0/8, 192.168.1.1',
      DEFAULT_TIMEZONE: 'Europe/Amsterdam',
      WEBHOOK_TOKEN: '0123456789abcdef',
      LIBRENMS_API_URL: 'https://librenms.example.net/api/v0/',
      LIBRENMS_API_TOKEN: 'abc',
      LIBRENMS_TIMEZONE: 'America/New_York',
      RECONCILE_INTERVAL: '0',
      TOPOLOGY_INTERVAL: '1h',
      RECONCILE_BACKFILL: '7d',
      LIBRENMS_MAX_RPS: '10',
      LIBRENMS_MAX_CONCURRENCY: '3',
      SMTP_URL: 'smtp://u:p@mail.example.net:587',
      MAIL_FROM: 'uptime@example.net',
      LOG_LEVEL: 'debug',
    });
    expect(c).toMatchObject({
      port: 8080,
      database: {
        dialect: 'mysql',
        url: 'mysql://pu:secret@db.example:3306/pathuptime',
        dbName: 'pathuptime',
      },
      publicUrl: 'https://uptime.example.net',
      secureCookies: true,
      trustProxy: { cidrs: ['10.0.0.0/8', '192.168.1.1'] },
      defaultTimezone: 'Europe/Amsterdam',
      webhookToken: '0123456789abcdef',
      librenms: {
        apiUrl: 'https://librenms.example.net/api/v0',
        apiToken: 'abc',
        maxRps: 10,
        maxConcurrency: 3,
      },
      librenmsTimezone: 'America/New_York',
      reconcileIntervalMs: 0,
      topologyIntervalMs: 3_600_000,
      reconcileBackfillMs: 604_800_000,
      smtp: { url: 'smtp://u:p@mail.example.net:587', from: 'uptime@example.net' },
      logLevel: 'debug',
    });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ hops: 2 });
    expect(loadConfig({ PORT: '4000' }).publicUrl).toBe('http://localhost:4000');
  });

  it('freezes the result', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x/y' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://host:3306/' }, 'DATABASE_URL'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
    [{ TRUST_PROXY: 'all of them' }, 'TRUST_PROXY'],
    [{ DEFAULT_TIMEZONE: 'Europe/Atlantis' }, 'DEFAULT_TIMEZONE'],
    [{ WEBHOOK_TOKEN: 'short' }, 'WEBHOOK_TOKEN'],
    [{ LIBRENMS_API_URL: 'not a url' }, 'LIBRENMS_API_URL'],
    [{ LIBRENMS_API_URL: 'https://l.example/api/v0' }, 'LIBRENMS_API_TOKEN'],
    [{ LIBRENMS_TIMEZONE: 'CEST' }, 'LIBRENMS_TIMEZONE'],
    [{ RECONCILE_INTERVAL: 'soon' }, 'RECONCILE_INTERVAL'],
    [{ TOPOLOGY_INTERVAL: '-5m' }, 'TOPOLOGY_INTERVAL'],
    [{ RECONCILE_BACKFILL: 'a month' }, 'RECONCILE_BACKFILL'],
    [{ LIBRENMS_MAX_RPS: '0' }, 'LIBRENMS_MAX_RPS'],
    [{ LIBRENMS_MAX_CONCURRENCY: '1.5' }, 'LIBRENMS_MAX_CONCURRENCY'],
    [{ SMTP_URL: 'mail.example.net' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://mail.example.net' }, 'MAIL_FROM'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
  ])('refuses %o naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}: `));
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(/PORT: [\s\S]*LOG_LEVEL: /);
  });
});
