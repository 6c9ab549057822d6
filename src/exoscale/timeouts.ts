/** Wait limits of the Exoscale resources: the `timeouts` input, in seconds, default 20 minutes. */
const DEFAULT_TIMEOUT_SECONDS = 20 * 60;

/** Milliseconds to wait for one step, from a `timeouts` entry in seconds. */
export function timeoutMs(seconds: number | undefined): number {
  return (seconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
}
