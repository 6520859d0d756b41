// Browser sessions after Lucia's design: a random token in the cookie, only its SHA-256 stored,
// a sliding expiry renewed when less than half of it is left.
import { generateSecret, hashSecret } from './secrets.js';

export const SESSION_COOKIE = 'pu_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export interface NewSession {
  /** goes into the cookie, never stored */
  token: string;
  /** stored: SHA-256 of the token */
  id: string;
  expiresAt: Date;
}

export function newSession(now: number): NewSession {
  const token = generateSecret();
  return { token, id: hashSecret(token), expiresAt: new Date(now + SESSION_TTL_MS) };
}

/** The stored id for a cookie's token. */
export const sessionIdOf = (token: string): string => hashSecret(token);

/** The renewed expiry when less than half the lifetime is left; null when none is due. */
export function renewedExpiry(expiresAt: Date, now: number): Date | null {
  return expiresAt.getTime() - now < SESSION_TTL_MS / 2 ? new Date(now + SESSION_TTL_MS) : null;
}

export const isExpired = (expiresAt: Date, now: number): boolean => expiresAt.getTime() <= now;
