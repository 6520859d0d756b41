// Redaction for stored foreign data: mask credential-looking keys, cut text at a UTF-8 boundary.

/** Keys whose values are never kept: SNMP communities, v3 auth/crypto passwords, secrets, tokens. */
export const CREDENTIAL_KEY = /community|auth|crypto|pass|secret|token/i;

export const MASK = '***';

/** True when a key's name looks like it holds a credential. */
export function isCredentialKey(key: string): boolean {
  return CREDENTIAL_KEY.test(key);
}

/** Stands in for an object or array nested deeper than `maskCredentials` copies. */
export const TOO_DEEP = '[too deep]';

/**
 * Deep copy of a JSON-like value in which every value under a credential-looking key (at any
 * depth, objects inside arrays included) is replaced by `***`. Other values are copied as-is,
 * except objects and arrays nested more than `maxDepth` levels down, which become `[too deep]`
 * (so hostile bodies can neither overflow the stack here nor in a later JSON.stringify).
 */
export function maskCredentials(value: unknown, maxDepth = 32): unknown {
  return maskAt(value, maxDepth);
}

function maskAt(value: unknown, depthLeft: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depthLeft <= 0) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((v) => maskAt(v, depthLeft - 1));
  // fromEntries defines own properties, so a "__proto__" key stays a plain key
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      isCredentialKey(k) ? MASK : maskAt(v, depthLeft - 1),
    ]),
  );
}

/**
 * The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`, never splitting a
 * character (a surrogate pair counts as one). Lone surrogates count as the 3 bytes of U+FFFD.
 */
export function cutText(text: string, maxBytes = 65_536): string {
  if (!Number.isInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError(`maxBytes must be a non-negative integer, got ${maxBytes}`);
  }
  if (text.length * 3 <= maxBytes) return text; // every UTF-16 unit is at most 3 UTF-8 bytes
  const { read } = new TextEncoder().encodeInto(text, new Uint8Array(maxBytes));
  return text.slice(0, read);
}
