/**
 * Wait limits. Dynamic providers do not receive Pulumi's `customTimeouts` (pulumi/pulumi#2655), so
 * resources take a `timeouts: { create, update, delete }` input in seconds.
 */

/** Default limit for one wait: 20 minutes. */
const DEFAULT_TIMEOUT_SECONDS = 20 * 60;

/** Milliseconds to wait for one step, from a `timeouts` entry in seconds. */
export function timeoutMs(seconds: number | undefined, defaultSeconds = DEFAULT_TIMEOUT_SECONDS): number {
  return (seconds ?? defaultSeconds) * 1000;
}
