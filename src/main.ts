// Entry point: config -> lock -> database -> services -> app -> serve; graceful shutdown on SIGTERM.
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { createApp, createServices, databaseReadiness } from './app.js';
import { ConfigError, loadConfig, readEnvironment } from './config/config.js';
import { createLogger } from './config/logger.js';
import { initOrm } from './db/orm.js';
import { acquireServerLock, LockHeldError } from './db/server-lock.js';
import { startSessionCleanup } from './jobs/session-cleanup.js';
import { startReconcileTimers } from './jobs/reconcile-timers.js';
import { setupLinkIfNoAdmin } from './services/one-time-links.js';
import type { EntityManager } from '@mikro-orm/knex';

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const logger = createLogger(config.logLevel);
  const log = logger.child({ module: 'main' });
  const lock = await acquireServerLock(config.database);
  const orm = await initOrm(config.database, { logger });
  const services = createServices(config, orm, logger);
  const app = createApp({
    config,
    orm,
    logger,
    ingest: services.ingest,
    inventory: services.inventory,
    reports: services.reports,
    throttle: services.throttle,
    readiness: databaseReadiness(orm, services.engine),
    reconcile: services.reconcile,
    settings: services.settings,
  });
  const server = serve({ fetch: app.fetch, port: config.port }) as Server;
  // /readyz answers 503 until the engine has applied every stored event (failures are logged)
  void services.engine.start();
  log.info(
    { port: config.port, database: config.database.dialect, publicUrl: config.publicUrl },
    'PathUptime listening on %s',
    config.publicUrl,
  );
  if (!config.webhookToken) log.warn('WEBHOOK_TOKEN is not set: webhooks are refused with 503');
  const fork = () => orm.em.fork() as EntityManager;
  const setupLink = await setupLinkIfNoAdmin(fork(), config.publicUrl);
  if (setupLink) {
    log.warn(
      { setupLink },
      'no admin yet: open %s within 1 hour to create the first admin (or: npm run cli -- user:create)',
      setupLink,
    );
  }
  const stopCleanup = startSessionCleanup(fork, logger);
  const stopReconcile = startReconcileTimers(
    services.reconcile,
    { gapMs: config.reconcileIntervalMs, topologyMs: config.topologyIntervalMs },
    logger,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    stopCleanup();
    stopReconcile();
    await services.reconcile.close();
    await services.writer.close();
    await services.engine.close();
    await orm.close();
    await lock.release();
    log.info('stopped');
    logger.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof LockHeldError) {
    console.error(`pathuptime: ${err.message}`);
  } else {
    console.error('pathuptime: failed to start:', err);
  }
  process.exit(1);
});
