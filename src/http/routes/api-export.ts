// GET /api/v1/export/services.csv and incidents.csv: the contract's CSV for the caller's services.
import { Hono } from 'hono';
import type { Reports } from '../../services/reports.js';
import type { AppEnv } from '../context.js';
import { requireRole } from '../middleware/auth.js';
import { validQuery } from '../validate.js';
import { periodQuery } from './period-query.js';

export function exportRoutes(deps: { reports: Reports }) {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole());

  for (const kind of ['services', 'incidents'] as const) {
    app.get(`/${kind}.csv`, validQuery(periodQuery), async (c) => {
      const csv = await deps.reports.csv(c.get('em'), c.get('viewer')!, c.req.valid('query'), kind);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${kind}.csv"`);
      return c.body(csv);
    });
  }

  return app;
}
