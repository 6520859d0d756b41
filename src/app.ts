// createApp(deps): middleware order, route mounts and the one error handler; no side effects.
import { Hono } from 'hono';
import type { Config } from './config/config.js';
import type { Logger } from './config/logger.js';
import type { Orm } from './db/orm.js';
import { NotFoundError } from './domain/errors.js';
import type { AppEnv } from './http/context.js';
import { errorHandler } from './http/error-handler.js';
import { bearerAuth } from './http/middleware/auth.js';
import { requestContext } from './http/middleware/request-context.js';
import { meRoutes } from './http/routes/api-me.js';
import { healthRoutes, type Readiness } from './http/routes/health.js';
import { hookRoutes } from './http/routes/hooks.js';
import { EventWriter } from './db/event-writer.js';
import { WebhookLogRepo } from './db/webhook-log-repo.js';
import { EventBus } from './services/event-bus.js';
import { WebhookIngest } from './services/webhook-ingest.js';
import type { EntityManager } from '@mikro-orm/knex';

export interface AppDeps {
  config: Config;
  orm: Orm;
  logger: Logger;
  ingest: WebhookIngest;
  readiness: Readiness;
}

export interface Services {
  bus: EventBus;
  writer: EventWriter;
  webhookLog: WebhookLogRepo;
  ingest: WebhookIngest;
}

/** Wires the services over one database; shared by main.ts, the CLI and the tests. */
export function createServices(config: Config, orm: Orm, logger: Logger): Services {
  const em = orm.em as EntityManager;
  const knex = em.getKnex();
  const bus = new EventBus();
  const writer = new EventWriter(knex, config.database.dialect, (results) => {
    const ids = results.filter((r) => !r.duplicate).map((r) => r.id);
    const enrichedIds = results.filter((r) => r.enriched).map((r) => r.id);
    if (ids.length > 0 || enrichedIds.length > 0)
      bus.publish('events.stored', { ids, enrichedIds });
  });
  const webhookLog = new WebhookLogRepo(knex, config.database.dialect);
  const ingest = new WebhookIngest({
    writer,
    webhookLog,
    timezone: config.librenmsTimezone,
    logger: logger.child({ module: 'webhook' }),
  });
  return { bus, writer, webhookLog, ingest };
}

/** Readiness: the database answers and every migration is applied. */
export function databaseReadiness(orm: Orm): Readiness {
  return {
    async check() {
      try {
        await (orm.em as EntityManager).getKnex().raw('select 1');
        const pending = await orm.getMigrator().getPendingMigrations();
        return pending.length > 0 ? [`${pending.length} migrations pending`] : [];
      } catch (err) {
        return [`database unreachable: ${(err as Error).message}`];
      }
    },
  };
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(errorHandler(deps.logger));
  app.notFound((c) => {
    throw new NotFoundError(`no route for ${c.req.method} ${c.req.path}`);
  });

  app.route('/', healthRoutes({ readiness: deps.readiness }));
  app.use('*', requestContext({ orm: deps.orm, logger: deps.logger }));
  app.route('/hooks', hookRoutes({ config: deps.config, ingest: deps.ingest }));

  const api = new Hono<AppEnv>();
  api.use('*', bearerAuth());
  api.route('/', meRoutes());
  app.route('/api/v1', api);

  return app;
}
