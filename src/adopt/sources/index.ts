/**
 * What every source shares: the context it gets (where to report progress and remarks, the zones
 * to list), how it marks what it cannot declare, and the helpers that shape arguments and read
 * objects in parallel.
 */
import type { z } from "zod";
import { checkInputs } from "../../core/validation";
import type { FoundObject, Skip } from "../model";
import type { Progress } from "../progress";

export interface SourceContext {
  progress: Progress;
  /** Zones to list; undefined: every zone of the cloud. */
  zones?: string[];
  /** Remarks about the listing as a whole, printed with the summary. */
  note(text: string): void;
}

/** Marks `object` as not declared. */
export function skipped(object: FoundObject, reason: string, managed = false): FoundObject {
  const skip: Skip = { reason, managed };
  return { ...object, skip };
}

/**
 * Whether a resource can express an object: its would-be inputs are checked with the resource's
 * own input schema, exactly as `pulumi preview` would check them, so anything the module declares
 * passes `check`, and anything it cannot declare is reported with the property and the rule.
 * "labels.Team Name: label keys are …; userData: …", or undefined when the inputs are valid.
 */
export function schemaProblem(schema: z.ZodType, inputs: Record<string, unknown>): string | undefined {
  const { failures } = checkInputs(schema, inputs);
  if (failures.length === 0) return undefined;
  // Reasons only: a value may be secret (user data), and the property says where.
  return failures.map((failure) => `${failure.property}: ${failure.reason}`).join("; ");
}

/** Drops the keys whose value is undefined, so arguments list only what the object has. */
export function defined(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined));
}

/** A list or map argument, left out when empty. */
export function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  if (value === undefined) return undefined;
  return Object.keys(value).length > 0 ? value : undefined;
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the results in the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
