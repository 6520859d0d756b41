// Random secrets and their stored form (SHA-256), after Lucia's session-token design.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

/** A random secret: 20 bytes (160 bits) as lower-case base32, with an optional prefix. */
export function generateSecret(prefix = ''): string {
  return prefix + encodeBase32LowerCaseNoPadding(new Uint8Array(randomBytes(20)));
}

/** What is stored instead of the secret. */
export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/**
 * A constant-time checker for one fixed secret (the webhook token, on every webhook's path): it
 * reads every character of the secret whatever was given, so the time depends on the secret's
 * length only, never on how much of it matched. Plain JavaScript: a native digest per request
 * cost 2 % of a webhook's CPU.
 */
export function secretChecker(secret: string): (given: string) => boolean {
  return (given) => {
    let diff = given.length ^ secret.length;
    for (let i = 0; i < secret.length; i++) {
      // past the end of `given`, charCodeAt is NaN and `| 0` makes it 0 (the lengths differ anyway)
      diff |= secret.charCodeAt(i) ^ (given.charCodeAt(i) | 0);
    }
    return diff === 0;
  };
}
