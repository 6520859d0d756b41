// Incremental JSON array scanner and retry helpers of the LibreNMS client.
import { describe, expect, it } from 'vitest';
import { JsonArrayScanner, JsonStreamError } from '../../src/librenms/api-json-stream.js';
import { startSpacingMs } from '../../src/librenms/api-limiter.js';
import {
  backoffMs,
  DEFAULT_RETRY,
  isNetworkError,
  parseRetryAfter,
} from '../../src/librenms/api-retry.js';

const doc = JSON.stringify(
  {
    status: 'ok',
    ports: [
      { port_id: 1, ifAlias: 'a "quoted" ], {brace}, \\ back' },
      { port_id: 2, nested: { x: [1, 2] } },
      3,
      'four',
      null,
    ],
    count: 5,
    message: 'Found, ] 5',
  },
  null,
  4,
);

function scanInPieces(text: string, size: number): { items: unknown[]; scanner: JsonArrayScanner } {
  const scanner = new JsonArrayScanner('ports');
  const items: unknown[] = [];
  for (let i = 0; i < text.length; i += size) items.push(...scanner.push(text.slice(i, i + size)));
  scanner.end();
  return { items, scanner };
}

describe('JsonArrayScanner', () => {
  it.each([1, 2, 3, 7, 64, 100_000])('yields the same items for chunks of %i chars', (size) => {
    const { items, scanner } = scanInPieces(doc, size);
    const whole = JSON.parse(doc) as { ports: unknown[]; count: number; message: string };
    expect(items).toEqual(whole.ports);
    expect(scanner.extras).toEqual({ status: 'ok', count: 5, message: 'Found, ] 5' });
    expect(scanner.seenArray).toBe(true);
  });

  it('holds only the current item, not what it already yielded', () => {
    const scanner = new JsonArrayScanner('ports');
    scanner.push('{"status":"ok","ports":[');
    let maxHeld = 0;
    for (let i = 0; i < 2000; i++) {
      scanner.push((i ? ',' : '') + JSON.stringify({ port_id: i, ifAlias: 'x'.repeat(100) }));
      maxHeld = Math.max(maxHeld, scanner.buffered);
    }
    scanner.push(']}');
    scanner.end();
    expect(maxHeld).toBeLessThan(300);
  });

  it('handles an empty array and a missing array', () => {
    expect(scanInPieces('{"status":"ok","ports":[]}', 5).items).toEqual([]);
    const { scanner } = scanInPieces('{"status":"error","message":"nope"}', 4);
    expect(scanner.seenArray).toBe(false);
    expect(scanner.extras.message).toBe('nope');
  });

  it.each([
    ['{"status":"ok","ports":[{"port_id":1}', JsonStreamError],
    ['["not an object"]', JsonStreamError],
    ['{"ports":[{"port_id":1,}]}', SyntaxError],
    ['{"ports":[]} trailing', JsonStreamError],
  ])('rejects %s', (text, type) => {
    expect(() => scanInPieces(text, 3)).toThrow(type);
  });
});

describe('retry helpers', () => {
  it('Retry-After as seconds or HTTP-date', () => {
    const now = Date.UTC(2026, 2, 14, 9, 0, 0);
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('soon-ish 12', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('backoff doubles, is capped, and jitters within 50-100 %', () => {
    const p = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, p, () => 0.999999))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(backoffMs(3, p, () => 0)).toBe(200);
  });

  it('recognises network failures behind fetch', () => {
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    expect(isNetworkError(reset)).toBe(true);
    expect(isNetworkError(new Error('nope'))).toBe(false);
  });

  it('spaces starts so that N+1 of them never fit in one second', () => {
    for (const rps of [1, 2, 5, 20, 100]) expect(rps * startSpacingMs(rps)).toBeGreaterThan(1000);
  });
});
