// GET /api/v1/impact?components=REF,REF (admin, account manager): what-if on the current state.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Reports } from '../../services/reports.js';
import type { AppEnv } from '../context.js';
import { requireRole } from '../middleware/auth.js';
import { validQuery } from '../validate.js';

const impactQuery = z.object({
  components: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r !== ''),
    )
    .refine((refs) => refs.length > 0, 'name at least one component ref'),
});

export function impactRoutes(deps: { reports: Reports }) {
  const app = new Hono<AppEnv>();
  app.get('/', requireRole('admin', 'account_manager'), validQuery(impactQuery), async (c) =>
    c.json(
      await deps.reports.impact(c.get('em'), c.get('viewer')!, c.req.valid('query').components),
    ),
  );
  return app;
}
