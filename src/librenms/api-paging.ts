// Paging of the LibreNMS log endpoints: `start` is a row offset, pages end short or at `total`.
import type { Query } from './api-transport.js';
import type { LogPage, LogQuery } from './api-types.js';

export type FetchPage<T> = (
  query: Query,
  device: number | string | undefined,
) => Promise<{ rows: T[]; total: number | null }>;

export const DEFAULT_LOG_LIMIT = 500;

/**
 * Yields the pages of a log query in order, asking for the next `start` only after the consumer
 * took the previous page. Stops on a short or empty page, or when `total` rows were read.
 */
export async function* pagesOf<T>(
  query: LogQuery,
  fetchPage: FetchPage<T>,
): AsyncGenerator<LogPage<T>, void, undefined> {
  const limit = query.limit ?? DEFAULT_LOG_LIMIT;
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError('limit must be a positive integer');
  for (let start = 0; ;) {
    const { rows, total } = await fetchPage(
      { from: query.from, to: query.to, sortorder: query.sortorder ?? 'ASC', limit, start },
      query.device,
    );
    yield { rows, start, total };
    start += rows.length;
    if (rows.length < limit || (total !== null && start >= total)) return;
  }
}
