// POST /hooks/librenms: token first, then size, then the body; 202 only after a durable commit.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Config } from '../../config/config.js';
import { UnavailableError } from '../../domain/errors.js';
import { secretChecker } from '../../auth/secrets.js';
import type { WebhookIngest } from '../../services/webhook-ingest.js';
import { clientAddress } from '../client-address.js';
import type { AppEnv } from '../context.js';
import { requestIdOf } from '../middleware/request-context.js';

export const WEBHOOK_MAX_BYTES = 1024 * 1024;

/**
 * A JSON answer with its headers as a plain object: @hono/node-server writes those straight to
 * the socket, where Hono's `c.header()` and `c.json()` build a web `Headers` (more than one
 * header) that it then has to copy out, a cost on every webhook.
 */
function answer(c: Context<AppEnv>, body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': c.get('requestId') },
  });
}

export function hookRoutes(deps: { config: Config; ingest: WebhookIngest }) {
  const { config, ingest } = deps;
  const app = new Hono<AppEnv>();
  const tokenMatches = config.webhookToken ? secretChecker(config.webhookToken) : () => false;
  const tooLarge = async (c: Context<AppEnv>) => {
    const result = await ingest.tooLarge(clientAddress(c, config.trustProxy), WEBHOOK_MAX_BYTES);
    return answer(c, result.body, result.status);
  };
  const limit = bodyLimit({ maxSize: WEBHOOK_MAX_BYTES, onError: tooLarge });

  // a chain, not an async function with two awaits: each await costs a promise of its own while
  // the async-context hooks are on (MikroORM switches them on)
  const receive = (c: Context<AppEnv>) =>
    // UTF-8 with U+FFFD for invalid bytes; @hono/node-server decodes its buffer without a copy
    c.req
      .text()
      .then((raw) => ingest.receive(raw, () => clientAddress(c, config.trustProxy)))
      .then((result) => answer(c, result.body, result.status));

  const refuse = async (c: Context<AppEnv>) => {
    await ingest.refused(clientAddress(c, config.trustProxy) ?? 'unknown');
    return answer(
      c,
      { error: { code: 'unauthorized', message: 'missing or wrong X-Webhook-Token' } },
      401,
    );
  };
  // chunked: Hono's bodyLimit counts the bytes as they arrive, then hands over to `receive`
  const receiveLimited = async (c: Context<AppEnv>) =>
    (await limit(c, async () => {
      c.res = await receive(c);
    })) ?? c.res;

  // One handler, alone on its app (see createApp): Hono calls it without composing middleware.
  // Not async itself: it returns the promise of the step it ends in (each promise on this path
  // is tracked by the async-context hooks). A throw is answered by the one error handler.
  app.post('/librenms', (c) => {
    requestIdOf(c);
    if (!config.webhookToken) {
      throw new UnavailableError(
        'webhooks are disabled until WEBHOOK_TOKEN is set on the PathUptime server',
        'webhook_disabled',
      );
    }
    if (!tokenMatches(c.req.header('x-webhook-token') ?? '')) return refuse(c);
    // bodyLimit's own Content-Length shortcut, taken before it reads `c.req.raw.body`: that read
    // makes @hono/node-server build a full web Request and stream for every webhook, which cost
    // more CPU than the rest of the route; chunked bodies still go through it
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) {
      return receiveLimited(c);
    }
    if (parseInt(length, 10) > WEBHOOK_MAX_BYTES) return tooLarge(c);
    return receive(c);
  });

  return app;
}
