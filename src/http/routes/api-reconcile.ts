// /api/v1/reconcile (admin): start a run (202 with its id), read a run's status and counts.
import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.js';
import { RECONCILE_KINDS, type ReconcileService } from '../../services/reconcile.js';
import { runView } from '../../services/reconcile-view.js';
import type { AppEnv } from '../context.js';
import { requireRole } from '../middleware/auth.js';
import { validQuery } from '../validate.js';

const startQuery = z.object({ kind: z.enum(RECONCILE_KINDS).default('gap') });

export function reconcileRoutes(deps: { reconcile: ReconcileService }) {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('admin'));

  app.post('/', validQuery(startQuery), async (c) => {
    const id = await deps.reconcile.start(c.req.valid('query').kind);
    return c.json({ id }, 202);
  });

  app.get('/:id', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id) || id < 1) throw new NotFoundError('no such reconciliation run');
    return c.json(runView(await deps.reconcile.get(c.get('em'), id)));
  });

  return app;
}
