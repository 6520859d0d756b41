// The ceiling for the ingest benchmark: a bare Hono POST route that reads the body and answers 202.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Server } from 'node:http';

const app = new Hono();
app.get('/readyz', (c) => c.json({ status: 'ready' }));
app.post('/hooks/librenms', async (c) => {
  await c.req.text();
  return c.json({}, 202);
});

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
process.on('SIGTERM', () => {
  (server as Server).close(() => process.exit(0));
  (server as Server).closeIdleConnections();
});
