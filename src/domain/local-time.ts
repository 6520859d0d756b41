// Naive wall-clock datetimes ("YYYY-MM-DD HH:MM:SS") read in an IANA zone, to epoch seconds (Intl only).

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;
const DAY = 86_400;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `tz` is an IANA zone (or `UTC`) that this runtime's Intl knows. */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.trim() === '') return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

const HOUR = 3600;
/** Hours cached per zone before its cache starts again (about 11 years of hours). */
const MAX_CACHED_HOURS = 100_000;
/** zone → hour number → the offset all through that hour (hours holding a transition are not kept) */
const steadyHours = new Map<string, Map<number, number>>();

/**
 * Offset of `timeZone` from UTC at the instant `epochSeconds`, in seconds (east positive).
 * Intl's answer is cached per hour in which the offset does not change: a zone changes its
 * offset at most once within an hour, so equal offsets at an hour's first and last second mean
 * one offset all through it. (Reading 20,000 LibreNMS devices parses 80,000 datetimes.)
 */
export function zoneOffsetSeconds(epochSeconds: number, timeZone: string): number {
  const hour = Math.floor(epochSeconds / HOUR);
  let hours = steadyHours.get(timeZone);
  const cached = hours?.get(hour);
  if (cached !== undefined) return cached;
  const first = intlOffsetSeconds(hour * HOUR, timeZone);
  if (first !== intlOffsetSeconds(hour * HOUR + HOUR - 1, timeZone)) {
    return intlOffsetSeconds(epochSeconds, timeZone);
  }
  if (!hours) steadyHours.set(timeZone, (hours = new Map()));
  if (hours.size >= MAX_CACHED_HOURS) hours.clear();
  hours.set(hour, first);
  return first;
}

/** The offset as Intl formats the instant (uncached). */
export function intlOffsetSeconds(epochSeconds: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochSeconds * 1000));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round(wall / 1000) - Math.floor(epochSeconds);
}

/** Wall-clock fields as if they were UTC, in epoch seconds; null when a field is out of range. */
function naiveAsUtc(text: string): number | null {
  const m = NAIVE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return null; // e.g. 02-30, or years 0000-0099 that Date.UTC maps to 19xx
  }
  return ms / 1000;
}

/**
 * Epoch seconds of a naive `YYYY-MM-DD HH:MM:SS` read in `timeZone`, or null when the text
 * is not such a datetime. DST like Temporal's 'compatible': a wall time in a gap is read with
 * the offset before the jump (so it lands after the gap), an ambiguous one is the earlier
 * instant. Throws RangeError for an unknown zone.
 */
export function localDateTimeToEpoch(text: string, timeZone: string): number | null {
  const wall = naiveAsUtc(text);
  if (wall === null) return null;
  const before = zoneOffsetSeconds(wall - DAY, timeZone);
  const after = zoneOffsetSeconds(wall + DAY, timeZone);
  const candidates = [wall - before, wall - after].filter(
    (t) => t + zoneOffsetSeconds(t, timeZone) === wall,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before; // in a gap: as if the clock had not jumped yet
}
