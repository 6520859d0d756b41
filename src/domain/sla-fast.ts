// The SLA figures of `slaFigures` in exact safe-integer arithmetic (no bigint) when every value fits.
import { parseDecimal, type Decimal } from './exact.js';
import { slaFigures, type SlaFigures } from './uptime.js';

const targets = new Map<string, { units: number; scale: number } | null>();

function target(text: string): { units: number; scale: number } | null {
  let known = targets.get(text);
  if (known === undefined) {
    const d: Decimal = parseDecimal(text);
    const units = Number(d.units);
    const scale = Number(d.scale);
    known = Number.isSafeInteger(units) && Number.isSafeInteger(scale) ? { units, scale } : null;
    if (targets.size < 10_000) targets.set(text, known);
  }
  return known;
}

/** floor(n / d) for safe integers n >= 0, d > 0, exactly. */
function floorDiv(n: number, d: number): number {
  let q = Math.floor(n / d);
  while (q * d > n) q--;
  while ((q + 1) * d <= n) q++;
  return q;
}

/** n / d rounded half away from zero (d > 0), as `roundDiv` does. */
function roundDiv(n: number, d: number): number {
  const q = floorDiv(2 * Math.abs(n) + d, 2 * d);
  return n < 0 ? -q : q;
}

const safe = (...values: number[]) => values.every((v) => Number.isSafeInteger(v));

/** Same answers as `slaFigures` (integer seconds); falls back to it when a value could overflow. */
export function fastSlaFigures(
  eligible: number,
  downtime: number,
  slaTarget: string | null,
): SlaFigures {
  const t = slaTarget === null ? null : target(slaTarget);
  const span = 100 * (t?.scale ?? 1);
  const allowed = eligible * (span - (t?.units ?? 0));
  if (!safe(eligible, downtime, 2_000_000 * eligible + eligible, allowed, 2 * downtime * span)) {
    return slaFigures(eligible, downtime, slaTarget);
  }
  if (slaTarget !== null && t === null) return slaFigures(eligible, downtime, slaTarget);
  const percent = eligible === 0 ? null : roundDiv(1_000_000 * (eligible - downtime), eligible);
  const uptimePercent = percent === null ? null : fixed4(percent);
  if (t === null) return { uptimePercent, slaMet: null, errorBudgetSeconds: null };
  const slaMet = uptimePercent === null ? null : downtime * span <= allowed;
  const errorBudgetSeconds = roundDiv(allowed - downtime * span, span);
  return {
    uptimePercent,
    slaMet,
    errorBudgetSeconds: errorBudgetSeconds === 0 ? 0 : errorBudgetSeconds,
  };
}

/** A non-negative integer scaled by 10^4 as fixed-point text (`996181` -> `99.6181`). */
function fixed4(value: number): string {
  const text = String(value).padStart(5, '0');
  return `${text.slice(0, -4)}.${text.slice(-4)}`;
}
