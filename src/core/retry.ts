/**
 * The one place that decides whether a failed request is tried again. Rate limits (429) are always
 * retried after the server's Retry-After, since the server did not act; 500/502/503/504, connection
 * resets and timeouts are retried only for idempotent requests, because a POST that reached the
 * server may have acted (its caller decides how to recover, e.g. by finding what it created).
 * Backoff is exponential with jitter, and a total deadline bounds everything.
 */
import type { Logger } from "./log";
import { formatElapsed } from "./log";
import { ProviderError, RateLimitError, ServerError, TransportError } from "./errors";

export interface RetryOptions {
  /** Whether repeating the request cannot do harm (GET, PUT, DELETE, idempotent actions). */
  idempotent: boolean;
  /** Give up after this long in total, retries included. */
  deadlineMs: number;
  /** At most this many retries of errors other than rate limits. */
  maxRetries?: number;
  /** First backoff delay; later ones double, with jitter, up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Where "retrying …" lines go. */
  log?: Logger;
  /** Names the call in log lines. */
  what: string;
}

// 500 included: one transient server error must not fail a long wait whose every poll is a GET.
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

/** Transport failures after which the server cannot have seen the request. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/** TLS verification failures: the same certificate will fail again, so retrying only delays the error. */
const CERTIFICATE_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Whether `error` may be retried for a request of the given idempotency. */
export function isRetryable(error: unknown, idempotent: boolean): boolean {
  if (error instanceof RateLimitError) return true;
  if (error instanceof TransportError) {
    const code = (error.details as { code?: string } | undefined)?.code;
    if (code !== undefined && CERTIFICATE_CODES.has(code)) return false;
    return idempotent || (code !== undefined && NOT_SENT_CODES.has(code));
  }
  if (error instanceof ServerError) return idempotent && RETRYABLE_STATUS.has(error.statusCode ?? 0);
  return false;
}

/** How long the server asked us to wait, with up to 25% jitter so that waiting clients spread out. */
export function serverRequestedDelayMs(error: unknown): number | undefined {
  if (!(error instanceof ProviderError) || error.retryAfterSeconds === undefined) return undefined;
  const base = Math.max(0, error.retryAfterSeconds) * 1000;
  return base + Math.random() * Math.max(100, base * 0.25);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `attempt` until it succeeds, a non-retryable error occurs, or the deadline passes. */
export async function withRetries<T>(attempt: (attemptNumber: number, remainingMs: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { default: pRetry, AbortError } = await import("p-retry");
  const started = Date.now();
  const remaining = () => options.deadlineMs - (Date.now() - started);
  return pRetry(
    async (attemptNumber) => {
      try {
        return await attempt(attemptNumber, remaining());
      } catch (error) {
        if (!isRetryable(error, options.idempotent)) throw new AbortError(error as Error);
        throw error;
      }
    },
    {
      retries: options.maxRetries ?? 5,
      minTimeout: options.minDelayMs ?? 200,
      maxTimeout: options.maxDelayMs ?? 5_000,
      factor: 2,
      randomize: true,
      maxRetryTime: options.deadlineMs,
      // A server-requested wait is served here, and does not use up one of the retries.
      shouldConsumeRetry: async ({ error }) => {
        const wait = serverRequestedDelayMs(error);
        if (wait === undefined) return true;
        if (wait >= remaining()) return true;
        await sleep(wait);
        return false;
      },
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft <= 0 || remaining() <= 0) return;
        const wait = serverRequestedDelayMs(error);
        const reason = error instanceof ProviderError && error.statusCode ? `HTTP ${error.statusCode}` : error.message;
        options.log?.info(
          `${options.what}: ${reason}; retrying (attempt ${attemptNumber + 1}${wait !== undefined ? `, server asked to wait ${formatElapsed(wait)}` : ""}, ${formatElapsed(Date.now() - started)} elapsed)`,
        );
      },
    },
  );
}
