// Use cases for customers, users and API tokens: create, authenticate, load a Viewer.
import type { EntityManager } from '@mikro-orm/knex';
import { z } from 'zod';
import { generatePassword, hashPassword } from '../auth/password.js';
import { generateSecret, hashSecret } from '../auth/secrets.js';
import { ApiTokenSchema, type ApiToken } from '../db/entities/api-token.js';
import { CustomerSchema, type Customer } from '../db/entities/customer.js';
import { UserSchema, type User } from '../db/entities/user.js';
import { isValidTimeZone } from '../domain/local-time.js';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js';
import {
  TOKEN_SCOPES,
  USER_ROLES,
  type TokenScope,
  type UserRole,
  type Viewer,
} from '../domain/viewer.js';

export const API_TOKEN_PREFIX = 'pu_';
const LAST_USED_RESOLUTION_MS = 60_000;

const newUserSchema = z
  .object({
    email: z.string().trim().toLowerCase().email(),
    role: z.enum(USER_ROLES),
    customer: z.string().min(1).optional(),
    customers: z.array(z.string().min(1)).optional(),
    password: z.string().min(10, 'use at least 10 characters').optional(),
  })
  .superRefine((u, ctx) => {
    if (u.role === 'customer' && !u.customer)
      ctx.addIssue({
        code: 'custom',
        path: ['customer'],
        message: 'a customer user needs --customer',
      });
    if (u.role !== 'customer' && u.customer)
      ctx.addIssue({
        code: 'custom',
        path: ['customer'],
        message: 'only customer users have --customer',
      });
    if (u.role !== 'account_manager' && u.customers?.length)
      ctx.addIssue({
        code: 'custom',
        path: ['customers'],
        message: 'only account managers have --customers',
      });
  });

export type NewUser = z.input<typeof newUserSchema>;

const newTokenSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().min(1).max(100),
  scope: z.enum(TOKEN_SCOPES).default('api'),
});

function invalid(error: z.ZodError): ValidationError {
  return new ValidationError(
    error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
    error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}

const nowSeconds = () => new Date(Math.floor(Date.now() / 1000) * 1000);

const newCustomerSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, . _ -'),
  name: z.string().trim().min(1).max(255),
  timezone: z.string().refine(isValidTimeZone, 'not an IANA time zone'),
});

/** Creates a customer record (the inventory upserts them too). */
export async function createCustomer(
  em: EntityManager,
  input: z.input<typeof newCustomerSchema>,
): Promise<Customer> {
  const parsed = newCustomerSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  if (await em.findOne(CustomerSchema, { key: parsed.data.key })) {
    throw new ConflictError('customer_exists', `customer ${parsed.data.key} already exists`);
  }
  const customer = em.create(CustomerSchema, { ...parsed.data, createdAt: nowSeconds() });
  await em.flush();
  return customer;
}

export async function findCustomersByKey(em: EntityManager, keys: string[]): Promise<Customer[]> {
  const found = await em.find(CustomerSchema, { key: { $in: keys } });
  const missing = keys.filter((k) => !found.some((c) => c.key === k));
  if (missing.length > 0) throw new NotFoundError(`unknown customer: ${missing.join(', ')}`);
  return found;
}

/** Creates a user; generates a password when none is given and returns it once. */
export async function createUser(
  em: EntityManager,
  input: NewUser,
): Promise<{ user: User; generatedPassword: string | null }> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const u = parsed.data;
  if (await em.findOne(UserSchema, { email: u.email })) {
    throw new ConflictError('user_exists', `a user with e-mail ${u.email} already exists`);
  }
  const customer = u.customer ? (await findCustomersByKey(em, [u.customer]))[0]! : null;
  const portfolio = u.customers?.length ? await findCustomersByKey(em, u.customers) : [];
  const generatedPassword = u.password ? null : generatePassword();
  const user = em.create(UserSchema, {
    email: u.email,
    role: u.role,
    customer,
    passwordHash: await hashPassword(u.password ?? generatedPassword!),
    disabled: false,
    createdAt: nowSeconds(),
  });
  for (const c of portfolio) user.portfolio.add(c);
  await em.flush();
  return { user, generatedPassword };
}

/** Creates an API token for a user; the secret is returned once and only its hash is kept. */
export async function createToken(
  em: EntityManager,
  input: z.input<typeof newTokenSchema>,
): Promise<{ token: ApiToken; secret: string }> {
  const parsed = newTokenSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const user = await em.findOne(UserSchema, { email: parsed.data.email });
  if (!user) throw new NotFoundError(`no user with e-mail ${parsed.data.email}`);
  const secret = generateSecret(API_TOKEN_PREFIX);
  const token = em.create(ApiTokenSchema, {
    user,
    name: parsed.data.name,
    scope: parsed.data.scope as TokenScope,
    tokenHash: hashSecret(secret),
    createdAt: nowSeconds(),
    lastUsedAt: null,
    revokedAt: null,
  });
  await em.flush();
  return { token, secret };
}

export async function revokeToken(em: EntityManager, id: number): Promise<void> {
  const token = await em.findOne(ApiTokenSchema, { id });
  if (!token) throw new NotFoundError('no such token');
  token.revokedAt ??= nowSeconds();
  await em.flush();
}

export async function viewerOf(
  em: EntityManager,
  user: User,
  via: Viewer['via'],
  scope: TokenScope,
): Promise<Viewer> {
  const portfolio = user.role === 'account_manager' ? await portfolioIds(em, user.id) : [];
  return {
    userId: user.id,
    email: user.email,
    role: user.role as UserRole,
    customerId: user.customer ? user.customer.id : null,
    portfolio,
    via,
    scope,
  };
}

async function portfolioIds(em: EntityManager, userId: number): Promise<number[]> {
  const rows: Array<{ customer_id: number }> = await em
    .getKnex()('user_portfolio')
    .select('customer_id')
    .where({ user_id: userId });
  return rows.map((r) => Number(r.customer_id));
}

/** The viewer behind a bearer token, or null when the token is unknown, revoked or disabled. */
export async function authenticateToken(em: EntityManager, secret: string): Promise<Viewer | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const token = await em.findOne(
    ApiTokenSchema,
    { tokenHash: hashSecret(secret), revokedAt: null },
    { populate: ['user'] },
  );
  if (!token || token.user.disabled) return null;
  const now = Date.now();
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    token.lastUsedAt = nowSeconds();
    await em.flush();
  }
  return viewerOf(em, token.user, 'token', token.scope);
}
