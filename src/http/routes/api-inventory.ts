// /api/v1/inventory (admin): PUT upserts a document, GET returns the declared one, DELETE removes an entry.
//
// PUT answers 200 with
//   {"created": {SECTION: n, ...}, "updated": {...}, "unchanged": {...}}
// where SECTION is each of customers, services, devices, ports, links, maintenance, ruleEffects,
// roleRules, alertSources (every section always present, 0 when not given). "created" counts
// entries that were not in the declared inventory before (a removed service put back is created);
// roleRules and alertSources are ordered lists replaced as a whole, each counting as one entry.
// An invalid document answers 422 {"error": {"code": "invalid_inventory", "message",
// "details": [{"path", "message"}, ...]}} with every error, and nothing is written.
//
// DELETE /api/v1/inventory/{section}/{key}: key is the customer/service/maintenance key, the
// device/port id, `REF,REF` for a link, a rule id or rule name for ruleEffects, and the 0-based
// position for roleRules and alertSources. A service is hidden (its history kept). 204 when done.
import { Hono } from 'hono';
import { z } from 'zod';
import { BadRequestError } from '../../domain/errors.js';
import { SECTIONS } from '../../domain/inventory-entries.js';
import type { InventoryService } from '../../services/inventory.js';
import type { AppEnv } from '../context.js';
import { requireRole } from '../middleware/auth.js';
import { validQuery } from '../validate.js';

const getQuery = z.object({ include: z.enum(['librenms']).optional() });

export function inventoryRoutes(deps: { inventory: InventoryService }) {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('admin'));

  app.put('/', async (c) => {
    const text = await c.req.text();
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw new BadRequestError('the body is not JSON', 'not_json');
    }
    const summary = await deps.inventory.put(c.get('em'), document, c.get('viewer')!.userId);
    return c.json(summary);
  });

  app.get('/', validQuery(getQuery), async (c) => {
    const { include } = c.req.valid('query');
    return c.json(
      await deps.inventory.get(c.get('em'), { includeLibrenms: include === 'librenms' }),
    );
  });

  app.delete('/:section/:key', async (c) => {
    const section = z.enum(SECTIONS).safeParse(c.req.param('section'));
    if (!section.success) {
      throw new BadRequestError(
        `unknown section; use one of ${SECTIONS.join(', ')}`,
        'bad_request',
      );
    }
    const key = decodeURIComponent(c.req.param('key'));
    await deps.inventory.remove(c.get('em'), section.data, key, c.get('viewer')!.userId);
    return c.body(null, 204);
  });

  return app;
}
