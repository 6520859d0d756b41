// Report periods: explicit instants (Z or offset, from < to) or the calendar month in a zone.
import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant } from '../../src/domain/instants.js';
import { resolvePeriod } from '../../src/domain/period.js';

const at = (iso: string) => parseInstant(iso)!;
const shown = (p: { from: number; to: number }) => [formatInstant(p.from), formatInstant(p.to)];

describe('resolvePeriod', () => {
  it.each([
    ['UTC', '2026-03-20T00:00:00Z', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'],
    ['Europe/Amsterdam', '2026-03-20T00:00:00Z', '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z'],
    ['Europe/Amsterdam', '2026-10-31T23:30:00Z', '2026-10-31T23:00:00Z', '2026-11-30T23:00:00Z'],
    ['America/New_York', '2026-11-01T03:00:00Z', '2026-10-01T04:00:00Z', '2026-11-01T04:00:00Z'],
  ])('defaults to the month of now in %s (now %s)', (zone, now, from, to) => {
    expect(shown(resolvePeriod({}, zone, at(now)))).toEqual([from, to]);
  });

  it('takes instants with Z or an offset', () => {
    const p = resolvePeriod(
      { from: '2026-09-01T02:00:00+02:00', to: '2026-09-15T00:00:00Z' },
      'UTC',
      0,
    );
    expect(shown(p)).toEqual(['2026-09-01T00:00:00Z', '2026-09-15T00:00:00Z']);
  });

  it.each([
    [{ from: '2026-09-01T00:00:00', to: '2026-09-02T00:00:00Z' }, /from must be an ISO 8601/],
    [{ from: '2026-09-01T00:00:00Z', to: '2026-02-30T00:00:00Z' }, /to must be an ISO 8601/],
    [{ from: '2026-09-02T00:00:00Z', to: '2026-09-01T00:00:00Z' }, /before/],
    [{ from: '2026-09-01T00:00:00Z', to: '2026-09-01T00:00:00Z' }, /before/],
    [{ to: '2026-09-01T00:00:00Z' }, /both/],
  ])('refuses %o with a 400', (query, message) => {
    expect(() => resolvePeriod(query, 'UTC', 0)).toThrow(message);
    expect(() => resolvePeriod(query, 'UTC', 0)).toThrow(expect.objectContaining({ status: 400 }));
  });
});
