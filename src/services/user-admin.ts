// Admin use cases for users: list, create, edit (role, customer, portfolio, disabled), reset
// links, tokens; every change audited with who did it.
import type { EntityManager } from '@mikro-orm/knex';
import { z } from 'zod';
import { recordAudit } from '../db/audit-repo.js';
import { ApiTokenSchema, type ApiToken } from '../db/entities/api-token.js';
import { AuditEntrySchema, type AuditEntry } from '../db/entities/audit-log.js';
import { CustomerSchema, type Customer } from '../db/entities/customer.js';
import { UserSchema, type User } from '../db/entities/user.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { USER_ROLES, type Viewer } from '../domain/viewer.js';
import { createUser, findCustomersByKey, revokeToken, type NewUser } from './accounts.js';
import { createLink, RESET_LINK_TTL_MS } from './one-time-links.js';
import { endAllSessions } from './sessions.js';

const now = () => new Date(Math.floor(Date.now() / 1000) * 1000);

export const userEditSchema = z
  .object({
    role: z.enum(USER_ROLES),
    customer: z.string().default(''),
    customers: z.array(z.string()).default([]),
    disabled: z.boolean().default(false),
  })
  .superRefine((u, ctx) => {
    if (u.role === 'customer' && !u.customer)
      ctx.addIssue({
        code: 'custom',
        path: ['customer'],
        message: 'a customer user needs a customer',
      });
  });

export type UserEdit = z.input<typeof userEditSchema>;

export async function listUsers(em: EntityManager): Promise<User[]> {
  return em.find(
    UserSchema,
    {},
    { populate: ['customer', 'portfolio'], orderBy: { email: 'asc' } },
  );
}

export async function listCustomers(em: EntityManager): Promise<Customer[]> {
  return em.find(CustomerSchema, {}, { orderBy: { key: 'asc' } });
}

export async function getUser(em: EntityManager, id: number): Promise<User> {
  const user = await em.findOne(UserSchema, { id }, { populate: ['customer', 'portfolio'] });
  if (!user) throw new NotFoundError('no such user');
  return user;
}

export async function tokensOf(em: EntityManager, userId: number): Promise<ApiToken[]> {
  return em.find(ApiTokenSchema, { user: userId }, { orderBy: { createdAt: 'desc' } });
}

export async function adminCreateUser(em: EntityManager, actor: Viewer, input: NewUser) {
  const result = await createUser(em, input);
  recordAudit(em, {
    at: now(),
    userId: actor.userId,
    action: 'user.create',
    subject: `user:${result.user.email}`,
    detail: {
      role: result.user.role,
      customer: input.customer ?? null,
      customers: input.customers ?? [],
    },
  });
  await em.flush();
  return result;
}

export async function adminUpdateUser(
  em: EntityManager,
  actor: Viewer,
  id: number,
  input: UserEdit,
) {
  const parsed = userEditSchema.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(parsed.error.issues.map((i) => i.message).join('; '));
  const e = parsed.data;
  if (id === actor.userId && (e.disabled || e.role !== 'admin')) {
    throw new ValidationError('You cannot disable yourself or take away your own admin role.');
  }
  const user = await getUser(em, id);
  const before = { role: user.role, disabled: user.disabled };
  user.role = e.role;
  user.customer = e.role === 'customer' ? (await findCustomersByKey(em, [e.customer]))[0]! : null;
  const portfolio =
    e.role === 'account_manager' && e.customers.length
      ? await findCustomersByKey(em, e.customers)
      : [];
  user.portfolio.set(portfolio);
  user.disabled = e.disabled;
  recordAudit(em, {
    at: now(),
    userId: actor.userId,
    action: 'user.update',
    subject: `user:${user.email}`,
    detail: { before, after: { ...e } },
  });
  await em.flush();
  if (e.disabled || before.role !== e.role) await endAllSessions(em, user.id);
  return user;
}

/** A one-time link for the user to set a new password (nothing is mailed). */
export async function adminResetLink(
  em: EntityManager,
  actor: Viewer,
  id: number,
  publicUrl: string,
) {
  const user = await getUser(em, id);
  const token = await createLink(em, 'reset', user, RESET_LINK_TTL_MS);
  recordAudit(em, {
    at: now(),
    userId: actor.userId,
    action: 'user.reset_link',
    subject: `user:${user.email}`,
    detail: null,
  });
  await em.flush();
  return `${publicUrl}/reset/${token}`;
}

export async function adminRevokeToken(em: EntityManager, actor: Viewer, tokenId: number) {
  const token = await em.findOne(ApiTokenSchema, { id: tokenId }, { populate: ['user'] });
  if (!token) throw new NotFoundError('no such token');
  await revokeToken(em, tokenId);
  recordAudit(em, {
    at: now(),
    userId: actor.userId,
    action: 'token.revoke',
    subject: `user:${token.user.email}`,
    detail: { token: token.name },
  });
  await em.flush();
  return token;
}

export async function auditPage(em: EntityManager, page: number, size = 50) {
  const [rows, total] = await em.findAndCount(
    AuditEntrySchema,
    {},
    {
      orderBy: { id: 'desc' },
      limit: size,
      offset: (page - 1) * size,
    },
  );
  const ids = [...new Set(rows.map((r) => r.userId).filter((v): v is number => v !== null))];
  const users = ids.length ? await em.find(UserSchema, { id: { $in: ids } }) : [];
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  return {
    total,
    rows: rows.map((r: AuditEntry) => ({
      ...r,
      who: r.userId === null ? 'CLI' : (emailOf.get(r.userId) ?? `user ${r.userId}`),
    })),
  };
}
