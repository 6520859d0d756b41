// Secrets: random, prefixed, stored as SHA-256; comparison in constant time.
import { describe, expect, it } from 'vitest';
import { generateSecret, hashSecret, secretChecker } from '../../src/auth/secrets.js';
import { generatePassword } from '../../src/auth/password.js';

describe('secrets', () => {
  it('are 160 random bits in base32 with the prefix', () => {
    const a = generateSecret('pu_');
    expect(a).toMatch(/^pu_[a-z2-7]{32}$/);
    expect(generateSecret()).not.toBe(generateSecret());
  });

  it('hash to the SHA-256 hex digest', () => {
    // sha256("abc"), FIPS 180-2 test vector
    expect(hashSecret('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('generates 18-character passwords from an unambiguous alphabet', () => {
    for (let i = 0; i < 50; i++) expect(generatePassword()).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{18}$/);
  });
});

describe('secretChecker', () => {
  it('accepts exactly the secret', () => {
    const check = secretChecker('the-webhook-token');
    expect(check('the-webhook-token')).toBe(true);
    expect(check('the-webhook-tokem')).toBe(false);
    expect(check('')).toBe(false);
    expect(check('the-webhook-token-and-more')).toBe(false);
    expect(check('the-webhook')).toBe(false);
    expect(check('\u0000he-webhook-token')).toBe(false);
    expect(check('the-webhook-toke\u{1F600}')).toBe(false);
  });
});
