/**
 * Turning zod schema failures into Pulumi CheckFailures that name the property and say what is
 * allowed, at `check` time (preview), before any API call.
 */
import type { z } from "zod";

/** Pulumi's representation of a value not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What `check` returns for one invalid property. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** Renders a zod issue path the way users write it: `labels.env`, `devices.root.size`, `tags[1]`. */
export function toPropertyPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** True when the value at `path` in `value` (or any parent of it) is unknown during preview. */
function touchesUnknown(value: unknown, path: ReadonlyArray<PropertyKey>): boolean {
  let current: unknown = value;
  for (const segment of path) {
    if (current === UNKNOWN) return true;
    if (current === null || typeof current !== "object") return false;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current === UNKNOWN;
}

/** True when any value inside `value` is unknown. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (value === null || typeof value !== "object") return false;
  return Object.values(value as Record<string, unknown>).some(containsUnknown);
}

/** The result of validating resource inputs. */
export interface Checked<T> {
  /** Parsed inputs with defaults applied, or the raw inputs when some are still unknown. */
  inputs: T | Record<string, unknown>;
  failures: CheckFailure[];
}

/**
 * Validates `news` against `schema`. Issues on values that are unknown during preview are skipped
 * (they are checked again when known); every other issue becomes a CheckFailure.
 */
export function checkInputs<T>(schema: z.ZodType<T>, news: Record<string, unknown>): Checked<T> {
  const { __provider: _ignored, ...raw } = news;
  const result = schema.safeParse(raw);
  if (result.success) return { inputs: result.data, failures: [] };
  const failures: CheckFailure[] = [];
  for (const issue of result.error.issues) {
    if (touchesUnknown(raw, issue.path)) continue;
    if (issue.code === "unrecognized_keys") {
      // A typo in a property name would otherwise be silently ignored.
      for (const key of issue.keys) {
        failures.push({ property: toPropertyPath([...issue.path, key]), reason: `unknown property "${key}"` });
      }
      continue;
    }
    // A map key that fails its own schema: say why (the key schema's message), not "Invalid key in record".
    const reason = issue.code === "invalid_key" && issue.issues[0] ? issue.issues[0].message : issue.message;
    failures.push({ property: toPropertyPath(issue.path) || "(inputs)", reason });
  }
  // Unknown values cannot be parsed yet: hand the raw inputs back unchanged.
  return { inputs: raw, failures };
}

/** Edits (insert, delete, replace one character) between `a` and `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The name among `candidates` that `name` is most likely a misspelling of (case or up to two edits), if any. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= Math.min(2, Math.floor(candidate.length / 3)) && (!best || distance < best.distance))
      best = { name: candidate, distance };
  }
  return best?.name;
}
