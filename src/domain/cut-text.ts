// Cuts long stored text (a failed run's error can hold a whole batched INSERT) to a bounded length.

/** Longest stored reconciliation error, marker included. */
export const STORED_ERROR_MAX = 2000;

const marker = (more: number) => ` … [cut: ${more} more characters]`;

/**
 * `text` when it has at most `max` characters (UTF-16 code units, as the database columns count),
 * else its start followed by a marker that says how much was cut, `max` characters in all. A
 * surrogate pair is never split.
 */
export function cutText(text: string, max: number = STORED_ERROR_MAX): string {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer`);
  if (text.length <= max) return text;
  // the marker's own length depends on the number it shows: fix the point where they agree
  let keep = Math.max(0, max - marker(text.length).length);
  const code = text.charCodeAt(keep - 1);
  if (keep > 0 && code >= 0xd800 && code <= 0xdbff) keep--;
  const cut = text.slice(0, keep) + marker(text.length - keep);
  return cut.length <= max ? cut : cut.slice(0, max);
}
