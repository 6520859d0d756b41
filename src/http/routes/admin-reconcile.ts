// Admin page /admin/reconcile: LibreNMS status, recent runs, missing links, "Reconcile now" (htmx).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.js';
import { RECONCILE_KINDS, type ReconcileService } from '../../services/reconcile.js';
import { reconcileOverview } from '../../services/reconcile-overview.js';
import { runView } from '../../services/reconcile-view.js';
import type { AppEnv } from '../context.js';
import { requireRole } from '../middleware/auth.js';
import { attempt, render } from '../render.js';

const runId = z.coerce.number().int().positive();
const kindField = z.enum(RECONCILE_KINDS).catch('gap');

const isHtmx = (c: Context<AppEnv>) => c.req.header('hx-request') === 'true';

export function adminReconcileRoutes(deps: { reconcile: ReconcileService }) {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('admin'));

  const page = async (c: Context<AppEnv>, extra: Record<string, unknown> = {}, status = 200) => {
    const overview = await reconcileOverview(c.get('em'), deps.reconcile.enabled);
    return render(
      c,
      'pages/admin/reconcile',
      { title: 'Reconcile', ...overview, ...extra },
      status,
    );
  };

  app.get('/reconcile', async (c) => {
    const id = runId.safeParse(c.req.query('run'));
    if (!id.success) return page(c);
    const found = await attempt(() => deps.reconcile.get(c.get('em'), id.data));
    return page(c, found.ok ? { started: runView(found.value) } : {});
  });

  app.post('/reconcile', async (c) => {
    const body = await c.req.parseBody();
    const started = await attempt(() => deps.reconcile.start(kindField.parse(body.kind)));
    if (!started.ok) {
      // htmx swaps only 2xx answers: the message goes in the progress slot, the status says 200
      if (isHtmx(c))
        return render(c, 'pages/admin/reconcile-run', {
          title: 'Reconcile',
          error: started.error.message,
        });
      return page(c, { error: started.error.message }, started.error.status);
    }
    if (!isHtmx(c)) return c.redirect(`/admin/reconcile?run=${started.value}`, 303);
    const run = runView(await deps.reconcile.get(c.get('em'), started.value));
    return render(c, 'pages/admin/reconcile-run', { title: `Run ${run.id}`, run });
  });

  app.get('/reconcile/runs/:id', async (c) => {
    const id = runId.safeParse(c.req.param('id'));
    if (!id.success) throw new NotFoundError('no such reconciliation run');
    const run = runView(await deps.reconcile.get(c.get('em'), id.data));
    return render(c, 'pages/admin/reconcile-run', { title: `Run ${run.id}`, run });
  });

  return app;
}
