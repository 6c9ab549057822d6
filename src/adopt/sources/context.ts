/** What every source gets: where to report progress and remarks, and the zones to list. */
import type { Progress } from "../progress";
import type { FoundObject, Skip } from "../model";

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

/** Drops the keys whose value is undefined, so arguments list only what the object has. */
export function defined(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined));
}

/** A list or map argument, left out when empty. */
export function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  if (value === undefined) return undefined;
  return Object.keys(value).length > 0 ? value : undefined;
}
