// Credential masking for rejected bodies and UTF-8-safe cutting of stored text.

import { describe, expect, it } from 'vitest';
import { cutText, isCredentialKey, maskCredentials } from '../../src/domain/redact.js';

describe('maskCredentials', () => {
  it('masks credential-looking keys at any depth, arrays included, any case', () => {
    const input = {
      community: 'public',
      device: { hostname: 'sw1', authpass: 'a1', CryptoPass: 'c1', snmp_community: 'x' },
      faults: [{ port_id: 3, password: 'p', AUTHNAME: 'u' }, 'text', 7],
      api_token: { nested: 'deep' },
      webhook_secret: null,
      note: 'community strings are not keys',
    };
    expect(maskCredentials(input)).toEqual({
      community: '***',
      device: { hostname: 'sw1', authpass: '***', CryptoPass: '***', snmp_community: '***' },
      faults: [{ port_id: 3, password: '***', AUTHNAME: '***' }, 'text', 7],
      api_token: '***',
      webhook_secret: '***',
      note: 'community strings are not keys',
    });
  });

  it('returns a copy and leaves the input untouched', () => {
    const input = { device: { authpass: 'a1' } };
    const out = maskCredentials(input) as { device: object };
    expect(input.device.authpass).toBe('a1');
    expect(out.device).not.toBe(input.device);
  });

  it.each([null, 42, 'text', true, []])('passes %j through', (v) => {
    expect(maskCredentials(v)).toEqual(v);
  });

  it('keeps a "__proto__" key as data without touching the prototype', () => {
    const input = JSON.parse('{"__proto__": {"authpass": "x", "ok": 1}}') as unknown;
    const out = maskCredentials(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({
      authpass: '***',
      ok: 1,
    });
  });

  it('replaces containers nested deeper than the limit, without overflowing the stack', () => {
    expect(maskCredentials({ a: { b: { c: 1 } }, x: [[2]] }, 2)).toEqual({
      a: { b: '[too deep]' },
      x: ['[too deep]'],
    });
    expect(maskCredentials({ a: { b: 'scalar' }, pass: { deep: { er: 1 } } }, 1)).toEqual({
      a: '[too deep]',
      pass: '***',
    });
    const hostile = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    const masked = maskCredentials(hostile);
    expect(JSON.stringify(masked)).toBe('['.repeat(32) + '"[too deep]"' + ']'.repeat(32));
  });

  it.each([
    ['community', true],
    ['authalgo', true],
    ['cryptoalgo', true],
    ['Passphrase', true],
    ['client_secret', true],
    ['X-Auth-Token', true],
    ['hostname', false],
    ['ifAlias', false],
    ['status_reason', false],
  ])('isCredentialKey(%s) = %s', (key, expected) => {
    expect(isCredentialKey(key)).toBe(expected);
  });
});

describe('cutText', () => {
  const encodedLength = (s: string) => Buffer.byteLength(s, 'utf8');

  it('leaves text that fits alone', () => {
    expect(cutText('hello', 5)).toBe('hello');
    expect(cutText('', 0)).toBe('');
  });

  it('cuts ASCII at the byte limit', () => {
    expect(cutText('abcdef', 4)).toBe('abcd');
  });

  it.each([
    // 'é' is 2 bytes, '€' 3, '😀' 4 (a surrogate pair)
    ['aé', 2, 'a'],
    ['aé', 3, 'aé'],
    ['ab€', 4, 'ab'],
    ['ab€', 5, 'ab€'],
    ['a😀b', 4, 'a'],
    ['a😀b', 5, 'a😀'],
    ['\uFFFD\uFFFD', 5, '\uFFFD'],
  ])('cutText(%j, %i) = %j', (text, max, expected) => {
    expect(cutText(text, max)).toBe(expected);
  });

  it('defaults to 64 KiB and never returns a broken character', () => {
    const text = '€'.repeat(30_000); // 90,000 bytes
    const cut = cutText(text);
    expect(encodedLength(cut)).toBe(65_535); // 21,845 whole euro signs
    expect(cut).toBe('€'.repeat(21_845));
  });

  it('rejects a negative or fractional limit', () => {
    expect(() => cutText('x', -1)).toThrow(RangeError);
    expect(() => cutText('x', 1.5)).toThrow(RangeError);
  });
});
