// Customers, users and API tokens on each dialect: creation rules, token auth, revocation.
import { beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { ApiTokenSchema } from '../../src/db/entities/api-token.js';
import { UserSchema } from '../../src/db/entities/user.js';
import { verifyPassword } from '../../src/auth/password.js';
import {
  authenticateToken,
  createCustomer,
  createToken,
  createUser,
  revokeToken,
} from '../../src/services/accounts.js';
import { visibleCustomerIds } from '../../src/domain/viewer.js';
import { targetDialect } from '../helpers/databases.js';
import { useTestOrm } from '../helpers/test-orm.js';

const t = useTestOrm();
const em = () => t.orm.em.fork() as EntityManager;

beforeAll(async () => {
  await createCustomer(em(), { key: 'acme', name: 'ACME B.V.', timezone: 'Europe/Amsterdam' });
  await createCustomer(em(), { key: 'globex', name: 'Globex', timezone: 'UTC' });
});

describe(`accounts on ${targetDialect()}`, () => {
  it('creates a customer user linked to its customer, with a generated argon2id password', async () => {
    const { user, generatedPassword } = await createUser(em(), {
      email: 'Ops@ACME.example',
      role: 'customer',
      customer: 'acme',
    });
    expect(user.email).toBe('ops@acme.example');
    expect(generatedPassword).toMatch(/^[A-Za-z2-9]{18}$/);
    const stored = await em().findOneOrFail(UserSchema, { id: user.id });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored.passwordHash!, generatedPassword!)).toBe(true);
    expect(await verifyPassword(stored.passwordHash!, 'wrong')).toBe(false);
  });

  it('gives an account manager a portfolio and scopes what they see to it', async () => {
    await createUser(em(), {
      email: 'am@isp.example',
      role: 'account_manager',
      customers: ['acme', 'globex'],
      password: 'correct horse battery',
    });
    const { secret } = await createToken(em(), { email: 'am@isp.example', name: 'laptop' });
    const viewer = await authenticateToken(em(), secret);
    expect(viewer?.role).toBe('account_manager');
    expect((visibleCustomerIds(viewer!) as number[]).length).toBe(2);
  });

  it.each([
    [{ email: 'x@y.example', role: 'customer' }, /customer/],
    [{ email: 'x@y.example', role: 'admin', customer: 'acme' }, /only customer users/],
    [{ email: 'x@y.example', role: 'customer', customer: 'nope' }, /unknown customer: nope/],
    [{ email: 'not-an-email', role: 'admin' }, /email/],
    [{ email: 'ops@acme.example', role: 'admin' }, /already exists/],
  ])('refuses %o', async (input, message) => {
    await expect(createUser(em(), input as never)).rejects.toThrow(message);
  });

  it('stores only the hash of a token, and revocation and disabling end it', async () => {
    await createUser(em(), {
      email: 'admin@isp.example',
      role: 'admin',
      password: 'long enough pw',
    });
    const { secret, token } = await createToken(em(), {
      email: 'admin@isp.example',
      name: 'ci',
      scope: 'events',
    });
    expect(secret).toMatch(/^pu_[a-z2-7]{32}$/);
    const row = await em().findOneOrFail(ApiTokenSchema, { id: token.id });
    expect(row.tokenHash).not.toContain(secret);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const viewer = await authenticateToken(em(), secret);
    expect(viewer).toMatchObject({ role: 'admin', scope: 'events', via: 'token' });
    expect((await em().findOneOrFail(ApiTokenSchema, { id: token.id })).lastUsedAt).toBeInstanceOf(
      Date,
    );
    expect(await authenticateToken(em(), `${secret}x`)).toBeNull();

    await revokeToken(em(), token.id);
    expect(await authenticateToken(em(), secret)).toBeNull();

    const other = await createToken(em(), { email: 'admin@isp.example', name: 'other' });
    const e = em();
    const user = await e.findOneOrFail(UserSchema, { email: 'admin@isp.example' });
    user.disabled = true;
    await e.flush();
    expect(await authenticateToken(em(), other.secret)).toBeNull();
  });
});
