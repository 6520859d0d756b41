// Repairs applied to LibreNMS text: Blade's HTML entities decoded, lone surrogates replaced.

import { describe, expect, it } from 'vitest';
import { cleanText, decodeHtmlEntities, toWellFormed } from '../../src/librenms/text.js';

describe('decodeHtmlEntities', () => {
  it.each([
    ['CUST:GLOBEX &quot;primary&quot;', 'CUST:GLOBEX "primary"'],
    ['AT&amp;T &lt;core&gt;', 'AT&T <core>'],
    ['O&#039;Brien &apos;x&apos;', "O'Brien 'x'"],
    ['&#8364; &#x20AC; &#X1F600;', '€ € 😀'],
    ['&amp;quot;', '&quot;'], // one pass only
    ['&nbsp; &copy; &unknown; & &amp', '&nbsp; &copy; &unknown; & &amp'],
    ['&#0; &#xD800; &#1114112;', '&#0; &#xD800; &#1114112;'], // not characters
    ['bad \uFFFD byte', 'bad \uFFFD byte'],
    ['no entities', 'no entities'],
  ])('%j -> %j', (input, expected) => {
    expect(decodeHtmlEntities(input)).toBe(expected);
  });
});

describe('toWellFormed', () => {
  it('replaces lone surrogates and keeps pairs', () => {
    expect(toWellFormed('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    expect(toWellFormed('😀')).toBe('😀');
    expect(toWellFormed('x\uD83D')).toBe('x\uFFFD');
  });
});

describe('cleanText', () => {
  it('does both', () => {
    expect(cleanText('&quot;\uDC00&quot;')).toBe('"\uFFFD"');
  });
});
