// GET /: the signed-in user's services for the current month, worst first.
import { Hono } from 'hono';
import type { Reports } from '../../services/reports.js';
import type { AppEnv } from '../context.js';
import { render } from '../render.js';

const order = (s: { state: string; at_risk: boolean }) =>
  s.state === 'down' ? 0 : s.at_risk ? 1 : 2;

export function homeRoutes(deps: { reports: Reports }) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect('/login', 303);
    const { period, services } = await deps.reports.list(c.get('em'), viewer, {});
    const sorted = [...services].sort((a, b) => order(a) - order(b));
    return render(c, 'pages/home', { title: 'Services', period, services: sorted });
  });
  return app;
}
