// Exact decimal arithmetic for SLA figures: decimals as scaled bigints, division rounded half away from zero.

export interface Decimal {
  /** The value times `scale`. */
  units: bigint;
  scale: bigint;
}

/** Parses a plain decimal (`99.95`, `-3`, `100.0`); throws on anything else. */
export function parseDecimal(text: string): Decimal {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (m === null) throw new RangeError(`not a decimal: ${text}`);
  const fraction = m[3] ?? '';
  const units = BigInt(`${m[2] ?? '0'}${fraction}`) * (m[1] === '-' ? -1n : 1n);
  return { units, scale: 10n ** BigInt(fraction.length) };
}

/** n / d rounded half away from zero (d ≠ 0). */
export function roundDiv(n: bigint, d: bigint): bigint {
  if (d < 0n) return roundDiv(-n, -d);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (2n * abs + d) / (2n * d);
  return negative ? -q : q;
}

/** A bigint scaled by 10^digits as fixed-point text (`996181`, 4 -> `99.6181`). */
export function fixed(value: bigint, digits: number): string {
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const cut = text.length - digits;
  const body = digits > 0 ? `${text.slice(0, cut)}.${text.slice(cut)}` : text;
  return negative ? `-${body}` : body;
}
