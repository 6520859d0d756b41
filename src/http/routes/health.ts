// /healthz: the process is alive. /readyz: database reachable, migrations applied, engine caught up.
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

export interface Readiness {
  /** empty when ready; otherwise what is missing, in words */
  check(): Promise<string[]>;
}

export function healthRoutes(deps: { readiness: Readiness }) {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const problems = await deps.readiness.check();
    if (problems.length > 0) return c.json({ status: 'not ready', problems }, 503);
    return c.json({ status: 'ready' });
  });
  return app;
}
