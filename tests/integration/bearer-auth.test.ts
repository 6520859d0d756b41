// Bearer tokens through app.request(): known, unknown, revoked, disabled, wrong scope.
import type { EntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserSchema } from '../../src/db/entities/user.js';
import {
  createCustomer,
  createToken,
  createUser,
  revokeToken,
} from '../../src/services/accounts.js';
import { createTestApp, json, type TestApp } from '../helpers/app.js';

let t: TestApp;
const em = () => t.orm.em.fork() as EntityManager;
const me = (token?: string) =>
  t.app.request('/api/v1/me', { headers: token ? { Authorization: `Bearer ${token}` } : {} });

beforeAll(async () => {
  t = await createTestApp();
  const acme = await createCustomer(em(), { key: 'acme', name: 'ACME', timezone: 'UTC' });
  await createUser(em(), { email: 'ops@acme.example', role: 'customer', customer: 'acme' });
  await createUser(em(), { email: 'noc@isp.example', role: 'admin' });
  expect(acme.id).toBeGreaterThan(0);
});
afterAll(async () => t.close());

describe('Authorization: Bearer', () => {
  it('answers 401 without a token', async () => {
    const res = await me();
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual({
      error: { code: 'unauthorized', message: 'authentication required' },
    });
  });

  it('answers 401 to an unknown token', async () => {
    expect((await me('pu_unknown')).status).toBe(401);
    expect((await me('garbage')).status).toBe(401);
  });

  it('puts the user on the context, scoped to its customer', async () => {
    const { secret } = await createToken(em(), { email: 'ops@acme.example', name: 'script' });
    const res = await me(secret);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ email: 'ops@acme.example', role: 'customer', via: 'token' });
    expect(body.customers).toHaveLength(1);
  });

  it('ends a revoked token', async () => {
    const { secret, token } = await createToken(em(), { email: 'noc@isp.example', name: 'old' });
    expect((await me(secret)).status).toBe(200);
    await revokeToken(em(), token.id);
    expect((await me(secret)).status).toBe(401);
  });

  it('ends the tokens of a disabled user', async () => {
    const { secret } = await createToken(em(), { email: 'noc@isp.example', name: 'laptop' });
    const e = em();
    const user = await e.findOneOrFail(UserSchema, { email: 'noc@isp.example' });
    user.disabled = true;
    await e.flush();
    expect((await me(secret)).status).toBe(401);
    user.disabled = false;
    await e.flush();
  });

  it('keeps an events-scope token out of the API with 403', async () => {
    const { secret } = await createToken(em(), {
      email: 'noc@isp.example',
      name: 'collector',
      scope: 'events',
    });
    const res = await me(secret);
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('forbidden');
  });

  it('echoes a request id on every answer', async () => {
    const res = await t.app.request('/api/v1/me', { headers: { 'X-Request-Id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    const other = await me();
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
