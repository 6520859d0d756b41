// POST /hooks/librenms through app.request(): every row of the contract's table.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { sqlInstant } from '../../src/db/sql-instant.js';
import type { BusEvents } from '../../src/services/event-bus.js';
import { createTestApp, json, postHook, WEBHOOK_TOKEN, type TestApp } from '../helpers/app.js';

const sample = (n: string) =>
  JSON.parse(readFileSync(`tests/fixtures/librenms/${n}.json`, 'utf8')) as Record<string, unknown>;

let t: TestApp;
const knex = () => (t.orm.em as EntityManager).getKnex();
const count = async (table: string) => Number((await knex()(table).count({ n: '*' }))[0]!.n);

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('POST /hooks/librenms', () => {
  it('stores a new event and answers 202 with its id', async () => {
    const res = await postHook(t, sample('webhook-01-device-down'));
    expect(res.status).toBe(202);
    const body = await json(res);
    expect(body).toEqual({ id: expect.any(Number), duplicate: false });
    const row = await knex()('events').where({ id: body.id }).first();
    expect(row).toMatchObject({ log_id: 98230, state: 1, device_id: 43, faults: 'device:43' });
  });

  it('answers a duplicate (same log id and state) with the same id and adds nothing', async () => {
    const first = await json(await postHook(t, sample('webhook-02-port-down-two-faults')));
    const again = await postHook(t, sample('webhook-02-port-down-two-faults'));
    expect(again.status).toBe(202);
    expect(await json(again)).toEqual({ id: first.id, duplicate: true });
    expect(await count('events')).toBe(1);
  });

  it('keeps the acknowledgement (same log id, other state) as its own event', async () => {
    await postHook(t, sample('webhook-02-port-down-two-faults'));
    const ack = await json(await postHook(t, sample('webhook-03-port-down-acknowledged')));
    expect(ack.duplicate).toBe(false);
    expect(await count('events')).toBe(2);
  });

  it('stores state 6 as 0, so that it duplicates the recovery', async () => {
    const recovery = sample('webhook-04-device-down-recovery');
    const first = await json(await postHook(t, recovery));
    const six = structuredClone(recovery);
    (six.event as Record<string, unknown>).state = 6;
    expect(await json(await postHook(t, six))).toEqual({ id: first.id, duplicate: true });
  });

  it.each([
    ['the plain text', 'This is a test alert'],
    [
      'ids 000',
      '{"schema":"librenms.alert.v1-lite","state":"1","log_id":"000","rule_id":"000","alert_id":"000","device_id":"1"}',
    ],
  ])(
    'answers the Test button (%s) with {test: true}, records it, stores no event',
    async (_n, raw) => {
      const res = await postHook(t, raw);
      expect(res.status).toBe(202);
      expect(await json(res)).toEqual({ test: true });
      expect(await count('events')).toBe(0);
      expect(await count('test_pings')).toBe(1);
    },
  );

  it.each([
    ['missing', {} as Record<string, string>],
    ['wrong', { 'X-Webhook-Token': 'not-the-token' }],
  ])('answers 401 to a %s token, counts it per hour and stores no body', async (_n, headers) => {
    const res = await postHook(t, sample('webhook-01-device-down'), headers);
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('unauthorized');
    expect(await count('events')).toBe(0);
    expect(await count('rejected_requests')).toBe(0);
    await postHook(t, 'second', headers);
    const rows = await knex()('auth_failures').select('count', 'address');
    expect(rows).toEqual([{ count: 2, address: 'unknown' }]);
  });

  it('refuses webhooks with 503 and a clear message while WEBHOOK_TOKEN is unset', async () => {
    await t.close();
    t = await createTestApp({ WEBHOOK_TOKEN: '' });
    const res = await postHook(t, sample('webhook-01-device-down'));
    expect(res.status).toBe(503);
    expect((await json(res)).error.message).toMatch(/WEBHOOK_TOKEN/);
  });

  it('answers 422 not_json to a body that is not JSON and keeps it for the status page', async () => {
    const text = 'Alert for device x\nWarning! Fallback template used due to error in template';
    const res = await postHook(t, text);
    expect(res.status).toBe(422);
    expect((await json(res)).error.code).toBe('not_json');
    const row = await knex()('rejected_requests').first();
    expect(row).toMatchObject({ status: 422, code: 'not_json', body: text });
  });

  it('answers 422 with the reason to a wrong schema, masking credentials in the kept body', async () => {
    const res = await postHook(t, {
      schema: 'other',
      community: 'public',
      device: { authpass: 'x' },
    });
    expect(res.status).toBe(422);
    expect((await json(res)).error.code).toBe('unknown_schema');
    const kept = JSON.parse((await knex()('rejected_requests').first()).body);
    expect(kept).toEqual({ schema: 'other', community: '***', device: { authpass: '***' } });
  });

  it('answers 422 naming the missing field', async () => {
    const body = sample('webhook-01-device-down');
    delete (body.alert as Record<string, unknown>).log_id;
    const res = await postHook(t, body);
    expect(res.status).toBe(422);
    expect((await json(res)).error.message).toMatch(/log_id/);
  });

  it('answers 413 to a body over 1 MiB', async () => {
    const res = await postHook(t, 'x'.repeat(1024 * 1024 + 1));
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('too_large');
    expect(await count('events')).toBe(0);
  });

  it('answers 503 and acknowledges nothing when the database is unavailable', async () => {
    await t.orm.close(true);
    const res = await postHook(t, sample('webhook-01-device-down'));
    expect(res.status).toBe(503);
    expect((await json(res)).error.message).toMatch(/not stored/);
    t.orm = await (await import('../../src/db/orm.js')).initOrm(t.config.database);
    expect(await count('events')).toBe(0);
  });

  it('keeps only the newest 1,000 rejected bodies', async () => {
    // 995 older rejections stored directly (each one through HTTP would cost a commit), then 10
    // through the route: the store keeps the newest 1,000 whoever wrote the older ones
    const older = Array.from({ length: 995 }, (_, i) => ({
      ...{ received_at: sqlInstant('sqlite', new Date(0)), address: null, status: 422 },
      ...{ code: 'not_json', message: 'body is not JSON', body: `older ${i}` },
    }));
    await knex().batchInsert('rejected_requests', older, 200);
    for (let i = 0; i < 10; i++) await postHook(t, `not json ${i}`);
    expect(await count('rejected_requests')).toBe(1000);
    const oldest = await knex()('rejected_requests').orderBy('id').first();
    expect(oldest.body).toBe('older 5');
    const newest = await knex()('rejected_requests').orderBy('id', 'desc').first();
    expect(newest.body).toBe('not json 9');
  });

  it('attaches faults to an event first stored without them (lite body), as an enrichment', async () => {
    const lite = {
      schema: 'librenms.alert.v1-lite',
      state: '1',
      severity: 'warning',
      device_id: '27',
      hostname: 'agg-sw-07.example.net',
      sysName: 'agg-sw-07',
      rule_id: '4',
      rule_name: 'Port status up/down',
      alert_id: '774',
      log_id: '98236',
      incident_log_id: '98236',
      timestamp_raw: '2026-03-14 09:15:09',
      timestamp_epoch: '1773476109',
      elapsed: '',
      title: 'Alert for device agg-sw-07.example.net - Port status up/down',
    };
    const first = await json(await postHook(t, lite));
    expect((await knex()('events').first()).faults).toBeNull();
    const full = await json(await postHook(t, sample('webhook-02-port-down-two-faults')));
    expect(full).toEqual({ id: first.id, duplicate: true });
    const row = await knex()('events').first();
    expect(row.faults).toBe('port:3107;port:3108');
    expect(row.enriched_at).not.toBeNull();
  });

  it('answers many concurrent posts with duplicates exactly once each', async () => {
    const base = sample('webhook-01-device-down');
    const bodies = Array.from({ length: 60 }, (_, i) => {
      const b = structuredClone(base);
      (b.alert as Record<string, unknown>).log_id = 1000 + (i % 20);
      return b;
    });
    const answers = await Promise.all(bodies.map(async (b) => json(await postHook(t, b))));
    expect(answers.filter((a) => !a.duplicate)).toHaveLength(20);
    expect(new Set(answers.map((a) => a.id)).size).toBe(20);
    expect(await count('events')).toBe(20);
  });

  it('publishes stored and enriched event ids in-process after the commit', async () => {
    const seen: BusEvents['events.stored'][] = [];
    t.services.bus.subscribe('events.stored', (p) => seen.push(p));
    const a = await json(await postHook(t, sample('webhook-01-device-down')));
    await postHook(t, sample('webhook-01-device-down'));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ ids: [a.id], enrichedIds: [] });
    expect(seen[0]!.stored?.map((s) => [s.id, s.event.logId])).toEqual([[a.id, 98230]]);
    const row = await knex()('events').where({ id: a.id }).first();
    expect(row).toBeTruthy(); // committed before it was published
  });

  it("answers with an X-Request-Id on every path: the caller's when sane, else a new one", async () => {
    const ok = await postHook(t, sample('webhook-01-device-down'), {
      'X-Webhook-Token': WEBHOOK_TOKEN,
      'X-Request-Id': 'lnms-42',
    });
    expect(ok.status).toBe(202);
    expect(ok.headers.get('x-request-id')).toBe('lnms-42');
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
    const refused = await postHook(t, '{}', { 'X-Webhook-Token': 'wrong' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    const tooLarge = await postHook(t, 'x'.repeat(1024 * 1024 + 1));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await t.close();
    t = await createTestApp({ WEBHOOK_TOKEN: '' });
    const disabled = await postHook(t, '{}', { 'X-Request-Id': 'bad id with spaces' });
    expect(disabled.status).toBe(503); // thrown, so answered by the error handler
    expect(disabled.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('leaves every other method and path to the rest of the app', async () => {
    const res = await t.app.request('/hooks/librenms');
    expect(res.status).toBe(404);
    expect((await json(res)).error.message).toBe('no route for GET /hooks/librenms');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.app.request('/healthz')).status).toBe(200);
  });

  it('reads the body as UTF-8, invalid bytes becoming U+FFFD', async () => {
    const body = sample('webhook-01-device-down');
    (body.device as Record<string, unknown>).hostname = 'cpe-@@.example.net';
    const [head, tail] = JSON.stringify(body).split('@@') as [string, string];
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xc3]), Buffer.from(tail)]);
    const res = await t.app.request('/hooks/librenms', {
      method: 'POST',
      headers: { 'X-Webhook-Token': WEBHOOK_TOKEN, 'Content-Type': 'application/json' },
      body: bytes,
    });
    expect(res.status).toBe(202);
    const row = await knex()('events')
      .where({ id: (await json(res)).id })
      .first();
    expect(row.hostname).toBe('cpe-\uFFFD\uFFFD.example.net');
  });

  it('accepts the token header case-insensitively but compares its value exactly', async () => {
    const res = await postHook(t, sample('webhook-01-device-down'), {
      'x-webhook-token': WEBHOOK_TOKEN,
    });
    expect(res.status).toBe(202);
  });
});
