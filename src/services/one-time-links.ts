// One-time links: the first admin's setup link and admin-issued password resets.
import type { EntityManager } from '@mikro-orm/knex';
import { generateSecret, hashSecret } from '../auth/secrets.js';
import {
  OneTimeLinkSchema,
  type LinkPurpose,
  type OneTimeLink,
} from '../db/entities/one-time-link.js';
import { UserSchema, type User } from '../db/entities/user.js';
import { AppError } from '../domain/errors.js';

export const SETUP_LINK_TTL_MS = 60 * 60 * 1000;
export const RESET_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export class LinkError extends AppError {
  constructor() {
    super(
      410,
      'link_invalid',
      'This link is unknown, used or expired. Ask an admin for a new one.',
    );
  }
}

/** Creates a link and returns its secret token (shown once). */
export async function createLink(
  em: EntityManager,
  purpose: LinkPurpose,
  user: User | null,
  ttlMs: number,
  now = Date.now(),
): Promise<string> {
  const token = generateSecret();
  em.create(OneTimeLinkSchema, {
    id: hashSecret(token),
    purpose,
    user,
    expiresAt: new Date(now + ttlMs),
    usedAt: null,
    createdAt: new Date(now),
  });
  await em.flush();
  return token;
}

/** The live link for a token, or LinkError. */
export async function findLink(
  em: EntityManager,
  token: string,
  purpose: LinkPurpose,
  now = Date.now(),
): Promise<OneTimeLink> {
  const link = await em.findOne(
    OneTimeLinkSchema,
    { id: hashSecret(token), purpose },
    { populate: ['user'] },
  );
  if (!link || link.usedAt || link.expiresAt.getTime() <= now) throw new LinkError();
  return link;
}

export async function markUsed(em: EntityManager, link: OneTimeLink): Promise<void> {
  link.usedAt = new Date();
  await em.flush();
}

export async function hasAdmin(em: EntityManager): Promise<boolean> {
  return (await em.count(UserSchema, { role: 'admin', disabled: false })) > 0;
}

/** At start-up with no admin: a setup link for the first one; null when an admin exists. */
export async function setupLinkIfNoAdmin(
  em: EntityManager,
  publicUrl: string,
): Promise<string | null> {
  if (await hasAdmin(em)) return null;
  const token = await createLink(em, 'setup', null, SETUP_LINK_TTL_MS);
  return `${publicUrl}/setup/${token}`;
}
