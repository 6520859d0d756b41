// Stored error text is bounded: short text unchanged, long text cut with a marker saying how much.
import { describe, expect, it } from 'vitest';
import { cutText, STORED_ERROR_MAX } from '../../src/domain/cut-text.js';

describe('cutText', () => {
  it('leaves text of at most max characters alone', () => {
    expect(STORED_ERROR_MAX).toBe(2000);
    expect(cutText('insert failed', 20)).toBe('insert failed');
    expect(cutText('x'.repeat(2000))).toBe('x'.repeat(2000));
  });

  // the marker " … [cut: N more characters]" is 26 characters plus the digits of N
  it.each<[string, string, number, string]>([
    [
      '2,001 characters at the default 2,000: 1,970 kept, 31 cut',
      'a'.repeat(2001),
      2000,
      `${'a'.repeat(1970)} … [cut: 31 more characters]`,
    ],
    [
      '100 characters at 40: 11 kept, 89 cut',
      'b'.repeat(100),
      40,
      `${'b'.repeat(11)} … [cut: 89 more characters]`,
    ],
    [
      'an emoji across the cut is not split',
      `${'b'.repeat(10)}😀${'b'.repeat(89)}`,
      40,
      `${'b'.repeat(10)} … [cut: 91 more characters]`,
    ],
  ])('%s', (_name, text, max, expected) => {
    const cut = cutText(text, max);
    expect(cut).toBe(expected);
    expect(cut.length).toBeLessThanOrEqual(max);
  });

  it('a batched INSERT of 500 rows is stored as its start and the marker', () => {
    const values = Array.from({ length: 500 }, (_, i) => `(${i}, 'host-${i}.example.net')`);
    const sql = `insert into devices (id, hostname) values ${values.join(', ')} - UNIQUE constraint failed`;
    const cut = cutText(sql);
    expect(sql.length).toBeGreaterThan(10_000);
    expect(cut.length).toBeLessThanOrEqual(2000);
    expect(cut.startsWith('insert into devices (id, hostname) values (0, ')).toBe(true);
    expect(cut).toMatch(/ … \[cut: \d+ more characters\]$/);
    const kept = cut.length - / … \[cut: \d+ more characters\]$/.exec(cut)![0].length;
    expect(Number(/cut: (\d+)/.exec(cut)![1])).toBe(sql.length - kept);
  });

  it('rejects a max that is not a positive integer', () => {
    expect(() => cutText('x', 0)).toThrow(RangeError);
    expect(() => cutText('x', 1.5)).toThrow('max must be a positive integer');
  });
});
