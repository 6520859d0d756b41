// Sign-in throttling: per account and per address, sliding window, success clears the account.
import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/auth/login-throttle.js';
import {
  isExpired,
  newSession,
  renewedExpiry,
  SESSION_TTL_MS,
  sessionIdOf,
} from '../../src/auth/sessions.js';

const limits = { perAccount: 3, perAddress: 5, windowMs: 60_000 };

describe('LoginThrottle', () => {
  it('blocks an account after its limit, until the oldest failure leaves the window', () => {
    let now = 1_000_000;
    const t = new LoginThrottle(limits, () => now);
    for (let i = 0; i < 3; i++) {
      expect(t.check('a@x.example', '1.1.1.1')).toEqual({ allowed: true });
      t.recordFailure('A@x.example', '1.1.1.1');
      now += 1000;
    }
    // failures at 1,000,000 / 1,001,000 / 1,002,000; now 1,003,000 -> free at 1,060,000
    expect(t.check('a@x.example', '2.2.2.2')).toEqual({ allowed: false, retryAfterSeconds: 57 });
    now = 1_060_001;
    expect(t.check('a@x.example', '2.2.2.2')).toEqual({ allowed: true });
  });

  it('blocks an address that tries many accounts', () => {
    const now = 0;
    const t = new LoginThrottle(limits, () => now);
    for (let i = 0; i < 5; i++) t.recordFailure(`u${i}@x.example`, '9.9.9.9');
    expect(t.check('new@x.example', '9.9.9.9')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(t.check('new@x.example', '8.8.8.8')).toEqual({ allowed: true });
  });

  it('clears the account on success but keeps the address count', () => {
    const t = new LoginThrottle(limits, () => 0);
    for (let i = 0; i < 3; i++) t.recordFailure('a@x.example', '1.1.1.1');
    t.recordSuccess('a@x.example');
    expect(t.check('a@x.example', '3.3.3.3')).toEqual({ allowed: true });
  });
});

describe('sessions', () => {
  it('store only the SHA-256 of the cookie token', () => {
    const s = newSession(0);
    expect(s.id).toBe(sessionIdOf(s.token));
    expect(s.id).not.toContain(s.token);
    expect(s.expiresAt.getTime()).toBe(SESSION_TTL_MS);
  });

  it.each([
    ['fresh: no renewal', SESSION_TTL_MS, 0, null],
    ['just over half left: no renewal', SESSION_TTL_MS, SESSION_TTL_MS / 2 - 1, null],
    [
      'under half left: renewed from now',
      SESSION_TTL_MS,
      SESSION_TTL_MS / 2 + 1,
      SESSION_TTL_MS * 1.5 + 1,
    ],
  ])('%s', (_n, expires, now, expected) => {
    const r = renewedExpiry(new Date(expires), now);
    expect(r === null ? null : r.getTime()).toBe(expected);
  });

  it('expire at their expiry instant', () => {
    expect(isExpired(new Date(10), 9)).toBe(false);
    expect(isExpired(new Date(10), 10)).toBe(true);
  });
});
