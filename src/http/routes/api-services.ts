// GET /api/v1/services and /services/{key}: figures for the period, scoped to what the caller may see.
import { Hono } from 'hono';
import type { Reports } from '../../services/reports.js';
import type { AppEnv } from '../context.js';
import { requireRole } from '../middleware/auth.js';
import { validQuery } from '../validate.js';
import { periodQuery } from './period-query.js';

export function serviceRoutes(deps: { reports: Reports }) {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole());

  app.get('/', validQuery(periodQuery), async (c) =>
    c.json(await deps.reports.list(c.get('em'), c.get('viewer')!, c.req.valid('query'))),
  );

  app.get('/:key', validQuery(periodQuery), async (c) =>
    c.json(
      await deps.reports.detail(
        c.get('em'),
        c.get('viewer')!,
        c.req.param('key'),
        c.req.valid('query'),
      ),
    ),
  );

  return app;
}
