// GET /api/v1/me: who the bearer token (or session) belongs to, and what it may see.
import { Hono } from 'hono';
import { visibleCustomerIds } from '../../domain/viewer.js';
import { requireRole } from '../middleware/auth.js';
import type { AppEnv } from '../context.js';

export function meRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/me', requireRole(), (c) => {
    const v = c.get('viewer')!;
    return c.json({
      email: v.email,
      role: v.role,
      via: v.via,
      scope: v.scope,
      customers: visibleCustomerIds(v),
    });
  });
  return app;
}
