/** Query checks of the Koyeb list routes: the `limit`/`offset`/`order` window, and the order it sets. */

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

interface Window {
  limit: number;
  offset: number;
  order: "asc" | "desc";
}

/** Parses limit/offset/order; returns the problems instead when they are invalid. */
export function windowOf(query: URLSearchParams): Window | Array<{ field: string; description: string }> {
  const problems: Array<{ field: string; description: string }> = [];
  const limit = query.has("limit") ? Number(query.get("limit")) : DEFAULT_LIMIT;
  const offset = query.has("offset") ? Number(query.get("offset")) : 0;
  const order = (query.get("order") ?? "desc").toLowerCase();
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    problems.push({ field: "limit", description: `must be an integer between 1 and ${MAX_LIMIT}` });
  if (!Number.isInteger(offset) || offset < 0)
    problems.push({ field: "offset", description: "must be a non-negative integer" });
  if (order !== "asc" && order !== "desc") problems.push({ field: "order", description: 'must be "asc" or "desc"' });
  return problems.length > 0 ? problems : { limit, offset, order: order as "asc" | "desc" };
}

/** `items` ordered by `key`, oldest first for "asc". */
export function sortBy<T>(items: T[], key: (item: T) => string, order: "asc" | "desc"): T[] {
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return order === "desc" ? sorted.reverse() : sorted;
}
