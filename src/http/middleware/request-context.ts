// Per request: an id (echoed as X-Request-Id); for routes that need them, a tagged logger, a
// forked EntityManager and an access log line. The webhook takes only the id (requestIdOf in its
// handler, which writes the header itself): it touches no EntityManager, and the fork and child
// logger were a measurable part of its CPU per request.
import type { Context, MiddlewareHandler } from 'hono';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import type { Orm } from '../../db/orm.js';
import type { Logger } from '../../config/logger.js';
import type { AppEnv } from '../context.js';

const INCOMING_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The caller's X-Request-Id when it is a sane one, else a new id; kept on the context. */
export function requestIdOf(c: Context<AppEnv>): string {
  const incoming = c.req.header('x-request-id');
  const id = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  c.set('requestId', id);
  return id;
}

/** The request id on the context and on the answer (X-Request-Id). */
export function assignRequestId(c: Context<AppEnv>): void {
  c.header('X-Request-Id', requestIdOf(c));
}

export function requestId(): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    assignRequestId(c);
    return next();
  };
}

export function requestContext(opts: { orm: Orm; logger: Logger }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const log = opts.logger.child({ module: 'http', requestId: c.get('requestId') });
    c.set('log', log);
    c.set('em', opts.orm.em.fork() as EntityManager);
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
