/**
 * Offset pagination as the Koyeb API does it: `limit` and `offset`, with either the total (`count`,
 * instances) or a `has_next` flag (events) in each reply. Pure, so the stop conditions are unit-tested.
 */
import { InvalidArgumentsError } from "../core/errors";

/** One fetched page. */
export interface OffsetPage<T> {
  items: T[];
  /** Total number of items across pages, when the API reports it. */
  count?: number;
  /** Whether more items follow, when the API reports it. */
  hasNext?: boolean;
}

/** Largest page the API serves. */
export const MAX_LIMIT = 100;

/**
 * Fetches offset 0, limit, 2·limit, … until every item is collected: stops on `hasNext === false`,
 * when `count` is reached, at an empty page, or (with neither signal) at the first short page.
 */
export async function collectOffsetPages<T>(
  fetchPage: (offset: number, limit: number) => Promise<OffsetPage<T>>,
  limit = MAX_LIMIT,
  maxPages = 10_000,
): Promise<T[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new InvalidArgumentsError(
      [{ argument: "pageSize", reason: `must be an integer from 1 to ${MAX_LIMIT}, got ${limit}` }],
      { cloud: "koyeb" },
    );
  const all: T[] = [];
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await fetchPage(all.length, limit);
    all.push(...page.items);
    if (page.items.length === 0 || page.hasNext === false) break;
    if (page.hasNext === undefined && (page.count !== undefined ? all.length >= page.count : page.items.length < limit))
      break;
  }
  return all;
}
