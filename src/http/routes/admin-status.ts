// Admin page /admin/status: webhook intake, time-zone mismatches, reconciliation, engine, removed refs.
import { Hono } from 'hono';
import type { Config } from '../../config/config.js';
import type { ReconcileService } from '../../services/reconcile.js';
import { statusPage } from '../../services/status-page.js';
import type { AppEnv } from '../context.js';
import { requireRole } from '../middleware/auth.js';
import type { Readiness } from './health.js';
import { render } from '../render.js';

export function adminStatusRoutes(deps: {
  config: Config;
  readiness: Readiness;
  reconcile: ReconcileService;
}) {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('admin'));
  app.get('/status', async (c) => {
    const status = await statusPage(
      c.get('em'),
      {
        dialect: deps.config.database.dialect,
        librenmsTimezone: deps.config.librenmsTimezone,
        reconcileEnabled: deps.reconcile.enabled,
        readiness: deps.readiness,
      },
      new Date(),
    );
    return render(c, 'pages/admin/status', { title: 'Status', ...status });
  });
  return app;
}
