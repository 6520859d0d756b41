// Random secrets and their stored form (SHA-256), after Lucia's session-token design.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret: 20 bytes (160 bits) as lower-case base32, with an optional prefix. */
export function generateSecret(prefix = ''): string {
  return prefix + encodeBase32LowerCaseNoPadding(new Uint8Array(randomBytes(20)));
}

/** What is stored instead of the secret. */
export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** node's one-shot SHA-256 (no Hash object per call: it is on the webhook's hot path) */
const digest = (s: string) => hash('sha256', s, 'buffer');

/** Constant-time comparison of two strings (hashing first equalises the lengths). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * A constant-time checker for one fixed secret (the webhook token): its digest is computed once,
 * so each request hashes only what it brought (node's native SHA-256).
 */
export function secretChecker(secret: string): (given: string) => boolean {
  const expected = digest(secret);
  return (given) => timingSafeEqual(digest(given), expected);
}
