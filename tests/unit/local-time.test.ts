// Naive LibreNMS datetimes read in a zone: hand-computed epochs, DST gaps and overlaps.

import { describe, expect, it } from 'vitest';
import {
  intlOffsetSeconds,
  isValidTimeZone,
  localDateTimeToEpoch,
  zoneOffsetSeconds,
} from '../../src/domain/local-time.js';

// 2026-01-01T00:00:00Z = 56 * 365 + 14 leap days = 20454 days = 1767225600 s.
// 2026-03-29 (last Sunday of March) 00:00Z = +87 days = 1774742400; EU clocks jump at 01:00Z.
// 2026-10-25 (last Sunday of October) 00:00Z = +297 days = 1792886400; back at 01:00Z.
// 2026-03-08 (US spring forward, 02:00 EST) 00:00Z = +66 days = 1772928000.
// 2026-11-01 (US fall back, 02:00 EDT) 00:00Z = +304 days = 1793491200.

describe('localDateTimeToEpoch', () => {
  it.each([
    // UTC
    ['2026-01-01 00:00:00', 'UTC', 1767225600],
    ['2026-03-14 09:12:04', 'UTC', 1773479524],
    ['2024-02-29 12:00:00', 'UTC', 1709208000], // 2024-01-01 = 1704067200, +59 d +12 h
    // Europe/Amsterdam, ordinary winter time (sample 01: 09:12:04+01:00)
    ['2026-03-14 09:12:04', 'Europe/Amsterdam', 1773475924],
    // gap: 02:00-02:59 does not exist on 2026-03-29; read as CET, i.e. 1 h later in CEST
    ['2026-03-29 01:59:59', 'Europe/Amsterdam', 1774745999], // 00:59:59Z, CET
    ['2026-03-29 02:00:00', 'Europe/Amsterdam', 1774746000], // = 03:00 CEST
    ['2026-03-29 02:30:00', 'Europe/Amsterdam', 1774747800], // 01:30Z = 03:30 CEST
    ['2026-03-29 03:00:00', 'Europe/Amsterdam', 1774746000], // 01:00Z, CEST
    ['2026-03-29 03:30:00', 'Europe/Amsterdam', 1774747800],
    // overlap: 02:00-02:59 happens twice on 2026-10-25; the earlier (CEST) instant wins
    ['2026-10-25 01:59:59', 'Europe/Amsterdam', 1792886399], // 23:59:59Z the day before
    ['2026-10-25 02:30:00', 'Europe/Amsterdam', 1792888200], // 00:30Z (not 01:30Z = 1792891800)
    ['2026-10-25 03:00:00', 'Europe/Amsterdam', 1792893600], // 02:00Z, CET
    // America/New_York
    ['2026-07-04 12:00:00', 'America/New_York', 1783180800], // EDT: 16:00Z
    ['2026-03-08 02:30:00', 'America/New_York', 1772955000], // gap: 07:30Z = 03:30 EDT
    ['2026-11-01 01:30:00', 'America/New_York', 1793511000], // overlap: EDT 05:30Z, not 06:30Z
    ['2026-11-01 02:30:00', 'America/New_York', 1793518200], // EST after: 07:30Z
  ])('%s in %s -> %i', (text, zone, expected) => {
    expect(localDateTimeToEpoch(text, zone)).toBe(expected);
  });

  it('accepts a T separator and truncates fractional seconds', () => {
    expect(localDateTimeToEpoch('2026-03-14T09:12:04', 'UTC')).toBe(1773479524);
    expect(localDateTimeToEpoch('2026-03-14 09:12:04.999999', 'UTC')).toBe(1773479524);
  });

  it.each([
    '',
    'yesterday',
    '2026-03-14',
    '2026-03-14 09:12',
    '2026-13-01 00:00:00',
    '2026-02-29 00:00:00',
    '2026-04-31 00:00:00',
    '2026-03-14 24:00:00',
    '2026-03-14 09:60:00',
    '0050-01-01 00:00:00',
    '2026-03-14 09:12:04+01:00',
  ])('returns null for %j', (text) => {
    expect(localDateTimeToEpoch(text, 'UTC')).toBeNull();
  });

  it('throws a RangeError for an unknown zone', () => {
    expect(() => localDateTimeToEpoch('2026-03-14 09:12:04', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('zoneOffsetSeconds', () => {
  it.each([
    [1774745999, 'Europe/Amsterdam', 3600],
    [1774746000, 'Europe/Amsterdam', 7200],
    [1783180800, 'America/New_York', -14400],
    [1767225600, 'UTC', 0],
  ])('at %i in %s is %i', (epoch, zone, offset) => {
    expect(zoneOffsetSeconds(epoch, zone)).toBe(offset);
  });

  // 2026-04-05 00:00Z = +94 days = 1775347200. Lord Howe: +11:00 -> +10:30 at 02:00 local =
  // 2026-04-04 15:00Z = 1775347200 - 9 h = 1775314800; Adelaide at 16:30Z = 1775320200.
  it.each([
    ['Europe/Amsterdam', 1774746000, 3600, 7200], // 2026-03-29 01:00Z, CET -> CEST
    ['Europe/Amsterdam', 1792890000, 7200, 3600], // 2026-10-25 01:00Z, CEST -> CET
    ['America/New_York', 1772953200, -18000, -14400], // 2026-03-08 07:00Z
    ['Australia/Lord_Howe', 1775314800, 39600, 37800], // a 30-minute change
    // Adelaide, +10:30 -> +9:30 at 03:00 local = 16:30Z: a change in the middle of a UTC hour
    ['Australia/Adelaide', 1775320200, 37800, 34200],
  ])('the cache keeps %s exact second by second around %i', (zone, at, before, after) => {
    for (let t = at - 3 * 3600; t < at + 3 * 3600; t++) {
      expect(zoneOffsetSeconds(t, zone)).toBe(t < at ? before : after);
    }
  });

  it('the cache answers what Intl answers, every 53 minutes over two years, twice', () => {
    const from = 1767225600 - 3600 * 24 * 365;
    for (const zone of ['Europe/Amsterdam', 'America/Santiago', 'Asia/Kolkata', 'UTC']) {
      for (let round = 0; round < 2; round++) {
        for (let t = from; t < from + 2 * 365 * 86400; t += 53 * 60) {
          const got = zoneOffsetSeconds(t, zone);
          if (got !== intlOffsetSeconds(t, zone)) expect([zone, t, got]).toBe('equal to Intl');
        }
      }
    }
  });
});

describe('isValidTimeZone', () => {
  it.each(['UTC', 'Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata'])('%s is valid', (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
  });
  it.each(['', ' ', 'Mars/Olympus', 'Europe/Amsterdamm', '+01:00x'])('%j is not', (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });
});
