// Instants: epoch seconds (UTC, whole seconds), parsed from and formatted as ISO 8601.

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch seconds of an ISO 8601 instant with `Z` or an offset; `null` when it is not one. */
export function parseInstant(text: string): number | null {
  const m = ISO_INSTANT.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h, mi] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(m[6] ?? '0') > 59) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const roundTrip = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (roundTrip.getUTCDate() !== Number(d)) return null;
  return Math.floor(ms / 1000);
}

/** `YYYY-MM-DDTHH:MM:SSZ` of an epoch-seconds instant. */
export function formatInstant(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19) + 'Z';
}
