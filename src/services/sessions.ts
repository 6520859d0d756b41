// Use cases for browser sessions: sign in (throttled), validate with sliding expiry, sign out,
// end every session of a user (password change, disable).
import type { EntityManager } from '@mikro-orm/knex';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { isExpired, newSession, renewedExpiry, sessionIdOf } from '../auth/sessions.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { OneTimeLinkSchema } from '../db/entities/one-time-link.js';
import { SessionSchema } from '../db/entities/session.js';
import { UserSchema, type User } from '../db/entities/user.js';
import { AppError, ValidationError } from '../domain/errors.js';
import type { Viewer } from '../domain/viewer.js';
import { viewerOf } from './accounts.js';

/** Compared against when the e-mail is unknown, so that timing does not tell. */
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword('pathuptime-dummy-password'));

export class SignInError extends AppError {
  constructor(message: string, status = 401, code = 'sign_in_failed') {
    super(status, code, message);
  }
}

export const WRONG_CREDENTIALS = 'Wrong e-mail address or password.';

export async function signIn(
  em: EntityManager,
  throttle: LoginThrottle,
  input: { email: string; password: string; address: string },
  now = Date.now(),
): Promise<{ token: string; expiresAt: Date }> {
  const email = input.email.trim().toLowerCase();
  const verdict = throttle.check(email, input.address);
  if (!verdict.allowed) {
    const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
    throw new SignInError(
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      429,
      'throttled',
    );
  }
  const user = await em.findOne(UserSchema, { email });
  const usable = user && user.passwordHash && !user.disabled ? user : null;
  const ok = await verifyPassword(usable?.passwordHash ?? (await dummy()), input.password);
  if (!ok || !usable) {
    throttle.recordFailure(email, input.address);
    throw new SignInError(WRONG_CREDENTIALS);
  }
  throttle.recordSuccess(email);
  return createSession(em, usable, now);
}

export async function createSession(em: EntityManager, user: User, now = Date.now()) {
  const s = newSession(now);
  em.create(SessionSchema, { id: s.id, user, expiresAt: s.expiresAt, createdAt: new Date(now) });
  await em.flush();
  return { token: s.token, expiresAt: s.expiresAt };
}

/** The viewer behind a session cookie (renewing its expiry when due), or null. */
export async function validateSession(
  em: EntityManager,
  token: string,
  now = Date.now(),
): Promise<{ viewer: Viewer; expiresAt: Date; renewed: boolean } | null> {
  const session = await em.findOne(
    SessionSchema,
    { id: sessionIdOf(token) },
    { populate: ['user'] },
  );
  if (!session) return null;
  if (isExpired(session.expiresAt, now) || session.user.disabled) {
    em.remove(session);
    await em.flush();
    return null;
  }
  const renewed = renewedExpiry(session.expiresAt, now);
  if (renewed) {
    session.expiresAt = renewed;
    await em.flush();
  }
  const viewer = await viewerOf(em, session.user, 'session', 'api');
  return { viewer, expiresAt: session.expiresAt, renewed: renewed !== null };
}

export async function endSession(em: EntityManager, token: string): Promise<void> {
  await em.nativeDelete(SessionSchema, { id: sessionIdOf(token) });
}

export async function endAllSessions(em: EntityManager, userId: number): Promise<void> {
  await em.nativeDelete(SessionSchema, { user: userId });
}

/** Changes a user's password and ends every session they had; returns a fresh one. */
export async function changePassword(
  em: EntityManager,
  userId: number,
  input: { current: string | null; password: string; confirm: string },
): Promise<{ token: string; expiresAt: Date }> {
  if (input.password.length < 10)
    throw new ValidationError('The new password needs at least 10 characters.');
  if (input.password !== input.confirm) throw new ValidationError('The two new passwords differ.');
  const user = await em.findOneOrFail(UserSchema, { id: userId });
  if (input.current !== null) {
    const ok = user.passwordHash ? await verifyPassword(user.passwordHash, input.current) : false;
    if (!ok) throw new ValidationError('The current password is wrong.');
  }
  user.passwordHash = await hashPassword(input.password);
  await em.flush();
  await endAllSessions(em, user.id);
  return createSession(em, user);
}

/** Deletes expired sessions and used or expired one-time links; returns how many. */
export async function purgeExpired(em: EntityManager, now = Date.now()): Promise<number> {
  const cutoff = new Date(now);
  const sessions = await em.nativeDelete(SessionSchema, { expiresAt: { $lte: cutoff } });
  const links = await em.nativeDelete(OneTimeLinkSchema, {
    $or: [{ expiresAt: { $lte: cutoff } }, { usedAt: { $ne: null } }],
  });
  return sessions + links;
}
