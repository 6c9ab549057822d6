/**
 * During `preview`, values computed by other resources are unknown and @pulumi/policy throws an
 * `UnknownValueError` when a policy reads one. Stack policies look at many resources, so one unknown
 * must not hide the verdict on the others.
 */
import { UnknownValueError } from "@pulumi/policy";

/** Whether `error` is @pulumi/policy's "value can't be known during preview" error (from any copy of the package). */
export function isUnknownValueError(error: unknown): boolean {
  return (
    error instanceof UnknownValueError ||
    (error as { constructor?: { name?: string } } | undefined)?.constructor?.name === "UnknownValueError"
  );
}

/** Runs `read` and returns `fallback` when it touched a value that is unknown during preview. */
export function whenKnown<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch (error) {
    if (isUnknownValueError(error)) return fallback;
    throw error;
  }
}
