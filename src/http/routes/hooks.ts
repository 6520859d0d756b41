// POST /hooks/librenms: token first, then size, then the body; 202 only after a durable commit.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Config } from '../../config/config.js';
import { UnavailableError } from '../../domain/errors.js';
import { safeEqual } from '../../auth/secrets.js';
import type { WebhookIngest } from '../../services/webhook-ingest.js';
import { clientAddress } from '../client-address.js';
import type { AppEnv } from '../context.js';

export const WEBHOOK_MAX_BYTES = 1024 * 1024;

export function hookRoutes(deps: { config: Config; ingest: WebhookIngest }) {
  const { config, ingest } = deps;
  const app = new Hono<AppEnv>();

  app.post(
    '/librenms',
    async (c, next) => {
      if (!config.webhookToken) {
        throw new UnavailableError(
          'webhooks are disabled until WEBHOOK_TOKEN is set on the PathUptime server',
          'webhook_disabled',
        );
      }
      const given = c.req.header('x-webhook-token') ?? '';
      if (!safeEqual(given, config.webhookToken)) {
        await ingest.refused(clientAddress(c, config.trustProxy) ?? 'unknown');
        return c.json(
          { error: { code: 'unauthorized', message: 'missing or wrong X-Webhook-Token' } },
          401,
        );
      }
      await next();
    },
    bodyLimit({
      maxSize: WEBHOOK_MAX_BYTES,
      onError: async (c) => {
        const answer = await ingest.tooLarge(
          clientAddress(c, config.trustProxy),
          WEBHOOK_MAX_BYTES,
        );
        return c.json(answer.body, answer.status);
      },
    }),
    async (c) => {
      const raw = new TextDecoder('utf-8').decode(await c.req.arrayBuffer());
      const answer = await ingest.receive(raw, clientAddress(c, config.trustProxy));
      return c.json(answer.body, answer.status);
    },
  );

  return app;
}
