// Report periods: `from`/`to` as ISO 8601 instants, or by default the current calendar month in a zone.
import { monthOf } from './calendar.js';
import { BadRequestError } from './errors.js';
import { parseInstant } from './instants.js';

export interface Period {
  from: number;
  to: number;
}

function instant(name: string, text: string): number {
  const t = parseInstant(text);
  if (t === null) {
    throw new BadRequestError(
      `${name} must be an ISO 8601 instant with Z or an offset, e.g. 2026-09-01T00:00:00Z`,
      'invalid_period',
    );
  }
  return t;
}

/** The period asked for, or the calendar month of `now` in `zone`; a 400 when it is not valid. */
export function resolvePeriod(
  query: { from?: string | undefined; to?: string | undefined },
  zone: string,
  now: number,
): Period {
  if (query.from === undefined && query.to === undefined) {
    const month = monthOf(zone, now);
    return { from: month.start, to: month.end };
  }
  if (query.from === undefined || query.to === undefined) {
    throw new BadRequestError('give both from and to, or neither', 'invalid_period');
  }
  const from = instant('from', query.from);
  const to = instant('to', query.to);
  if (from >= to) throw new BadRequestError('from must be before to', 'invalid_period');
  return { from, to };
}
