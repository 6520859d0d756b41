// A real app over a throw-away database, for app.request() tests (no server, no port).
import {
  createApp,
  createServices,
  createSite,
  databaseReadiness,
  type ServiceOptions,
  type Services,
} from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { initOrm, type Orm } from '../../src/db/orm.js';
import { createToken, createUser } from '../../src/services/accounts.js';
import { pino } from 'pino';
import type { EntityManager } from '@mikro-orm/knex';
import { createTestDatabase, type Dialect, type TestDatabase } from './databases.js';

export const WEBHOOK_TOKEN = 'test-webhook-token-0123456789';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  /** everything but the webhook (createApp puts the webhook in front of it) */
  site: ReturnType<typeof createSite>;
  orm: Orm;
  config: Config;
  services: Services;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function createTestApp(
  env: Record<string, string> = {},
  dialect: Dialect = 'sqlite',
  opts: ServiceOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const config = loadConfig({
    DATABASE_URL: database.url,
    WEBHOOK_TOKEN,
    LIBRENMS_TIMEZONE: 'Europe/Amsterdam',
    ...env,
  });
  return openApp(config, database, opts, true);
}

/**
 * A second app on a test app's database, opened as a restarted server would open it (its own
 * ORM, services and engine start); its close() leaves the database to the first app.
 */
export function reopenTestApp(t: TestApp, opts: ServiceOptions = {}): Promise<TestApp> {
  return openApp(t.config, t.database, opts, false);
}

async function openApp(
  config: Config,
  database: TestDatabase,
  opts: ServiceOptions,
  dropOnClose: boolean,
): Promise<TestApp> {
  const logger = createLogger('error', pino.destination({ fd: 2, sync: true }));
  const orm = await initOrm(config.database);
  const services = createServices(config, orm, logger, opts);
  const deps = {
    config,
    orm,
    logger,
    ingest: services.ingest,
    inventory: services.inventory,
    reports: services.reports,
    throttle: services.throttle,
    reconcile: services.reconcile,
    settings: services.settings,
    readiness: databaseReadiness(orm),
  };
  const site = createSite(deps);
  return {
    app: createApp(deps, site),
    site,
    orm,
    config,
    services,
    database,
    async close() {
      await services.writer.close();
      await services.engine.close();
      await orm.close();
      if (dropOnClose) await database.drop();
    },
  };
}

/** POSTs a webhook body (object or raw text) through app.request(). */
export function postHook(
  t: TestApp,
  body: unknown,
  headers: Record<string, string> = { 'X-Webhook-Token': WEBHOOK_TOKEN },
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return t.app.request('/hooks/librenms', {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain', ...headers },
    body: raw,
  });
}

/** A response's JSON body, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const json = async (res: Response): Promise<any> => res.json();

/** Creates a user with `role` (and customer links) and returns a bearer token's headers. */
export async function bearerFor(
  t: TestApp,
  user: {
    email: string;
    role: 'admin' | 'account_manager' | 'customer';
    customer?: string;
    customers?: string[];
  },
): Promise<Record<string, string>> {
  const em = t.orm.em.fork() as EntityManager;
  await createUser(em, { ...user, password: 'a long enough password' });
  const { secret } = await createToken(em, { email: user.email, name: 'test' });
  return { Authorization: `Bearer ${secret}` };
}
