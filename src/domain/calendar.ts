// Calendar periods and day buckets in a customer's IANA time zone (DST-aware: days of 23 or 25 hours).
import type { Interval } from './intervals.js';
import { zoneOffsetSeconds } from './local-time.js';

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Offset of `zone` from UTC at instant `t`, in seconds (east positive). */
export function zoneOffset(zone: string, t: number): number {
  return zoneOffsetSeconds(t, zone);
}

/** The local calendar date of instant `t` in `zone`. */
export function localDate(zone: string, t: number): LocalDate {
  const d = new Date((t + zoneOffset(zone, t)) * 1000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The instant of local midnight starting a date in `zone` (month/day may overflow, as Date.UTC). */
export function startOfLocalDay(zone: string, date: LocalDate): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) / 1000;
  let t = wall - zoneOffset(zone, wall);
  t = wall - zoneOffset(zone, t);
  return t;
}

/** Local days overlapping [from, to), each as its UTC span (23, 24 or 25 hours). */
export function dayBuckets(zone: string, from: number, to: number): Interval[] {
  const out: Interval[] = [];
  let date = localDate(zone, from);
  let start = startOfLocalDay(zone, date);
  while (start < to) {
    const next = { ...date, day: date.day + 1 };
    const end = startOfLocalDay(zone, next);
    out.push({ start, end });
    date = localDate(zone, end);
    start = end;
  }
  return out;
}

/** The local calendar month containing `t`, as a UTC span. */
export function monthOf(zone: string, t: number): Interval {
  const { year, month } = localDate(zone, t);
  return {
    start: startOfLocalDay(zone, { year, month, day: 1 }),
    end: startOfLocalDay(zone, { year, month: month + 1, day: 1 }),
  };
}
