/**
 * Page-number pagination as the Scaleway Instance API does it: `page` from 1, `per_page` up to 100,
 * and the total in the `X-Total-Count` header. Kept pure (the fetch is passed in) so the stop
 * conditions are unit-tested.
 */
import { InvalidArgumentsError } from "../core/errors";

/** One fetched page: its items and, when the server said so, the total across all pages. */
export interface NumberedPage<T> {
  items: T[];
  total?: number;
}

/** Largest page the API serves. */
export const MAX_PER_PAGE = 100;

/**
 * Fetches pages 1, 2, … until every item is collected: stops when the total is reached, or, when the
 * server gave no total, at the first short page. A page limit guards against a server that never
 * stops answering full pages.
 */
export async function collectNumberedPages<T>(
  fetchPage: (page: number, perPage: number) => Promise<NumberedPage<T>>,
  perPage = MAX_PER_PAGE,
  maxPages = 10_000,
): Promise<T[]> {
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE)
    throw new InvalidArgumentsError(
      [{ argument: "perPage", reason: `must be an integer from 1 to ${MAX_PER_PAGE}, got ${perPage}` }],
      { cloud: "scaleway" },
    );
  const all: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const { items, total } = await fetchPage(page, perPage);
    all.push(...items);
    if (items.length === 0) break;
    if (total !== undefined ? all.length >= total : items.length < perPage) break;
  }
  return all;
}
