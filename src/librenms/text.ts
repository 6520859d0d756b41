// Text repair for LibreNMS strings: undo Blade's HTML escaping and make strings well-formed.

const NAMED: Record<string, string> = {
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|quot|apos|lt|gt));/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function fromCodePoint(cp: number, original: string): string {
  const valid = cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
  return valid ? String.fromCodePoint(cp) : original;
}

/**
 * Decodes the entities Blade's `{{ }}` (htmlspecialchars, ENT_QUOTES) produces: `&amp;`,
 * `&quot;`, `&#039;`, `&lt;`, `&gt;`, plus `&apos;` and any numeric entity. One pass, so
 * `&amp;quot;` becomes `&quot;`. Anything else, U+FFFD included, is left alone.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (all, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED[name] ?? all;
    return fromCodePoint(dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16), all);
  });
}

/** Replaces lone UTF-16 surrogates (from `\udXXX` JSON escapes) by U+FFFD. */
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

export function toWellFormed(text: string): string {
  // the plain character-class test is much cheaper than the look-around replace
  return ANY_SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
}

/** Both repairs, for every text value taken from a webhook body. */
export function cleanText(text: string): string {
  return toWellFormed(decodeHtmlEntities(text));
}
