// createApp(deps): middleware order, route mounts and the one error handler; no side effects.
import { Hono } from 'hono';
import type { Config } from './config/config.js';
import type { Logger } from './config/logger.js';
import type { Orm } from './db/orm.js';
import { NotFoundError } from './domain/errors.js';
import type { AppEnv } from './http/context.js';
import { errorHandler } from './http/error-handler.js';
import { bearerAuth } from './http/middleware/auth.js';
import { requestContext, requestId } from './http/middleware/request-context.js';
import { sessionAuth } from './http/middleware/session.js';
import { assetRoutes } from './http/routes/assets.js';
import { authRoutes } from './http/routes/auth.js';
import { adminUserRoutes } from './http/routes/admin-users.js';
import { adminReconcileRoutes } from './http/routes/admin-reconcile.js';
import { adminStatusRoutes } from './http/routes/admin-status.js';
import { adminSettingsRoutes } from './http/routes/admin-settings.js';
import { homeRoutes } from './http/routes/home.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { csrf } from 'hono/csrf';
import type { MiddlewareHandler } from 'hono';
import { meRoutes } from './http/routes/api-me.js';
import { healthRoutes, type Readiness } from './http/routes/health.js';
import { hookRoutes } from './http/routes/hooks.js';
import { EventWriter } from './db/event-writer.js';
import { WebhookLogRepo } from './db/webhook-log-repo.js';
import { EventBus } from './services/event-bus.js';
import { EngineHost } from './services/engine-host.js';
import { WebhookIngest } from './services/webhook-ingest.js';
import { ReconcileService } from './services/reconcile.js';
import { libreNmsClientFor } from './services/reconcile-client.js';
import type { LibreNmsClientOptions } from './librenms/api-types.js';
import { reconcileRoutes } from './http/routes/api-reconcile.js';
import { InventoryService } from './services/inventory.js';
import { Reports } from './services/reports.js';
import { SettingsService } from './services/settings.js';
import { inventoryRoutes } from './http/routes/api-inventory.js';
import { serviceRoutes } from './http/routes/api-services.js';
import { exportRoutes } from './http/routes/api-export.js';
import { impactRoutes } from './http/routes/api-impact.js';
import type { EntityManager } from '@mikro-orm/knex';

export interface AppDeps {
  config: Config;
  orm: Orm;
  logger: Logger;
  ingest: WebhookIngest;
  inventory: InventoryService;
  reports: Reports;
  throttle: LoginThrottle;
  readiness: Readiness;
  reconcile: ReconcileService;
  settings: SettingsService;
}

export interface Services {
  bus: EventBus;
  /** the running availability engine (main.ts starts it; otherwise it builds on first use) */
  engine: EngineHost;
  writer: EventWriter;
  webhookLog: WebhookLogRepo;
  ingest: WebhookIngest;
  inventory: InventoryService;
  reports: Reports;
  throttle: LoginThrottle;
  reconcile: ReconcileService;
  settings: SettingsService;
}

export interface ServiceOptions {
  /** the clock, epoch seconds (default: the system clock) */
  now?: () => number;
  /** awaited before the engine's start-up build (tests hold readiness in "catching up") */
  engineGate?: Promise<void>;
  /** the engine computes but never writes (the CLI, which may run beside a server) */
  engineReadOnly?: boolean;
  /** LibreNMS client options over those from the configuration (retry timing in tests) */
  librenms?: Partial<LibreNmsClientOptions>;
  /** rows per page when reconciliation reads LibreNMS logs (default 500) */
  reconcilePageSize?: number;
}

const systemClock = () => Math.floor(Date.now() / 1000);

/** Wires the services over one database; shared by main.ts, the CLI and the tests. */
export function createServices(
  config: Config,
  orm: Orm,
  logger: Logger,
  opts: ServiceOptions = {},
): Services {
  const now = opts.now ?? systemClock;
  const em = orm.em as EntityManager;
  const knex = em.getKnex();
  const bus = new EventBus();
  const writer = new EventWriter(
    knex,
    config.database.dialect,
    (results, events) => {
      const stored = results.flatMap((r, i) =>
        r.duplicate ? [] : [{ id: r.id, event: events[i]! }],
      );
      const enrichedIds = results.filter((r) => r.enriched).map((r) => r.id);
      if (stored.length > 0 || enrichedIds.length > 0) {
        bus.publish('events.stored', { ids: stored.map((s) => s.id), enrichedIds, stored });
      }
    },
    { logger: logger.child({ module: 'event-log' }) },
  );
  const webhookLog = new WebhookLogRepo(knex, config.database.dialect);
  const reconcile = new ReconcileService({
    orm,
    writer,
    bus,
    client: libreNmsClientFor(config, logger, opts.librenms),
    timezone: config.librenmsTimezone,
    backfillMs: config.reconcileBackfillMs,
    now,
    logger,
    ...(opts.reconcilePageSize ? { pageSize: opts.reconcilePageSize } : {}),
  });
  const ingest = new WebhookIngest({
    writer,
    webhookLog,
    timezone: config.librenmsTimezone,
    logger: logger.child({ module: 'webhook' }),
    now,
    ...(reconcile.enabled ? { onNotJson: () => void reconcile.start('gap').catch(() => {}) } : {}),
  });
  const inventory = new InventoryService({ now, defaultTimezone: config.defaultTimezone, bus });
  const engine = new EngineHost({
    fork: () => orm.em.fork() as EntityManager,
    bus,
    logger: logger.child({ module: 'engine' }),
    now,
    ...(opts.engineGate ? { gate: opts.engineGate } : {}),
    readOnly: opts.engineReadOnly === true,
  });
  const reports = new Reports({ now, defaultTimezone: config.defaultTimezone, engine });
  const throttle = new LoginThrottle();
  const settings = new SettingsService({ now, bus });
  return {
    ...{ bus, engine, writer, webhookLog, ingest, inventory, reports, throttle, reconcile },
    settings,
  };
}

/** Readiness: the database answers, every migration is applied (and the engine has caught up). */
export function databaseReadiness(orm: Orm, engine?: Readiness): Readiness {
  return {
    async check() {
      try {
        await (orm.em as EntityManager).getKnex().raw('select 1');
        const pending = await orm.getMigrator().getPendingMigrations();
        if (pending.length > 0) return [`${pending.length} migrations pending`];
        return engine ? engine.check() : [];
      } catch (err) {
        return [`database unreachable: ${(err as Error).message}`];
      }
    },
  };
}

/** Middleware for the browser pages only (the JSON API has its own authentication). */
function pagesOnly(mw: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return (c, next) => (c.req.path.startsWith('/api/') ? next() : mw(c, next));
}

/**
 * The app: the LibreNMS webhook in front of the site. The webhook sits alone on this Hono app so
 * that it matches exactly one handler, which Hono then calls directly; matched among the site's
 * middleware it went through Hono's composition (an async step per middleware, each a promise
 * that the async-context hooks, on for MikroORM, have to track): 7 to 8 % of a webhook's
 * instructions under callgrind. Every other request falls through to the site.
 */
export function createApp(deps: AppDeps, site: Hono<AppEnv> = createSite(deps)): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(errorHandler(deps.logger));
  // the webhook authenticates with its own token and needs neither an EntityManager nor a session
  app.route('/hooks', hookRoutes({ config: deps.config, ingest: deps.ingest }));
  app.notFound((c) => site.fetch(c.req.raw, c.env));
  return app;
}

/** Pages, the JSON API, health and static files, behind their middleware. */
export function createSite(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(errorHandler(deps.logger));
  app.notFound((c) => {
    throw new NotFoundError(`no route for ${c.req.method} ${c.req.path}`);
  });

  const { config } = deps;
  const secure = config.secureCookies;
  app.use('*', requestId());
  app.route('/', healthRoutes({ readiness: deps.readiness }));
  app.route('/static', assetRoutes());
  app.use('*', requestContext({ orm: deps.orm, logger: deps.logger }));

  // JSON API: bearer tokens; the session cookie only for GET (no CSRF surface)
  const api = new Hono<AppEnv>();
  api.use('*', bearerAuth());
  api.use('*', sessionAuth({ secure, onlySafeMethods: true }));
  api.route('/', meRoutes());
  api.route('/inventory', inventoryRoutes({ inventory: deps.inventory }));
  api.route('/services', serviceRoutes({ reports: deps.reports }));
  api.route('/export', exportRoutes({ reports: deps.reports }));
  api.route('/impact', impactRoutes({ reports: deps.reports }));
  api.route('/reconcile', reconcileRoutes({ reconcile: deps.reconcile }));
  app.route('/api/v1', api);

  // browser pages: Origin-checked state changes (plus SameSite cookies), session sign-in
  const publicOrigin = new URL(config.publicUrl).origin;
  const sameSite = (origin: string, c: { req: { url: string } }) =>
    origin === publicOrigin || origin === new URL(c.req.url).origin;
  app.use('*', pagesOnly(csrf({ origin: sameSite })));
  app.use('*', pagesOnly(sessionAuth({ secure })));
  app.route('/', authRoutes({ config, throttle: deps.throttle }));
  app.route('/admin', adminUserRoutes({ config }));
  app.route('/admin', adminReconcileRoutes({ reconcile: deps.reconcile }));
  app.route('/admin', adminSettingsRoutes({ settings: deps.settings }));
  app.route(
    '/admin',
    adminStatusRoutes({ config, readiness: deps.readiness, reconcile: deps.reconcile }),
  );
  app.route('/', homeRoutes({ reports: deps.reports }));

  return app;
}
