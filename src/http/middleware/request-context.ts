// Per request: an id (echoed as X-Request-Id), a tagged logger, a forked EntityManager, an access log.
import type { MiddlewareHandler } from 'hono';
import { randomUUID } from 'node:crypto';
import type { Orm } from '../../db/orm.js';
import type { Logger } from '../../config/logger.js';
import type { AppEnv } from '../context.js';
import type { EntityManager } from '@mikro-orm/knex';

const INCOMING_ID = /^[A-Za-z0-9._-]{1,100}$/;

export function requestContext(opts: { orm: Orm; logger: Logger }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    const log = opts.logger.child({ module: 'http', requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    c.set('em', opts.orm.em.fork() as EntityManager);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    log.debug(
      { method: c.req.method, path: c.req.path, status: c.res.status },
      'request %s %s %d in %d ms',
      c.req.method,
      c.req.path,
      c.res.status,
      Math.round(performance.now() - started),
    );
  };
}
