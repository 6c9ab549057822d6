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

interface RetryOptions {
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
  /** Requests sharing one rate limit (the API, e.g. "exoscale"); rate-limit waits are spread per group. */
  group?: string;
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
function isRetryable(error: unknown, idempotent: boolean): boolean {
  if (error instanceof RateLimitError) return true;
  if (error instanceof TransportError) {
    const code = (error.details as { code?: string } | undefined)?.code;
    if (code !== undefined && CERTIFICATE_CODES.has(code)) return false;
    return idempotent || (code !== undefined && NOT_SENT_CODES.has(code));
  }
  if (error instanceof ServerError) return idempotent && RETRYABLE_STATUS.has(error.statusCode ?? 0);
  return false;
}

/** How crowded a rate limit is, as seen from this process (see `RateLimitCrowd`). */
interface CrowdView {
  /** Other requests of this process waiting out a 429 from the same API right now. */
  othersWaiting: number;
  /** Requests per second the API has answered (with anything but 429) over the last few seconds. */
  servedPerSecond: number;
}

/**
 * How long the server asked us to wait, plus jitter so that waiting clients spread out: up to 25%
 * of the wait, and — when other requests of this process are waiting on the same limit — up to the
 * time the server needs to serve them at the rate it has been serving us (at most 2 × Retry-After
 * more). Without that spread, parallel creates against a rate limit all came back at nearly the
 * same moment and most were answered 429 again (figures:
 * docs/contributing/benchmarks.md#figures-behind-choices-in-the-code).
 */
export function serverRequestedDelayMs(
  error: unknown,
  crowd: CrowdView = { othersWaiting: 0, servedPerSecond: 1 },
): number | undefined {
  if (!(error instanceof ProviderError) || error.retryAfterSeconds === undefined) return undefined;
  const base = Math.max(0, error.retryAfterSeconds) * 1000;
  const jitter = Math.random() * Math.max(100, base * 0.25);
  const spread = Math.random() * Math.min(2 * base, (1000 * crowd.othersWaiting) / Math.max(1, crowd.servedPerSecond));
  return base + jitter + spread;
}

const SERVED_WINDOW_MS = 5_000;

/**
 * One API's rate limit as this process sees it: how many of its requests are waiting out a 429,
 * and when the API recently answered. Shared by every request of the process to that API.
 */
class RateLimitCrowd {
  private waiting = 0;
  private readonly answered: number[] = [];

  view(): CrowdView {
    const now = Date.now();
    while (this.answered.length > 0 && this.answered[0] < now - SERVED_WINDOW_MS) this.answered.shift();
    return { othersWaiting: this.waiting, servedPerSecond: this.answered.length / (SERVED_WINDOW_MS / 1000) };
  }

  /** Records an answer that was not a rate limit. */
  recordAnswer(): void {
    this.answered.push(Date.now());
    if (this.answered.length > 10_000) this.answered.splice(0, this.answered.length - 10_000);
  }

  async waitOut(ms: number): Promise<void> {
    this.waiting += 1;
    try {
      await sleep(ms);
    } finally {
      this.waiting -= 1;
    }
  }
}

const crowds = new Map<string, RateLimitCrowd>();

function crowdFor(group: string): RateLimitCrowd {
  let crowd = crowds.get(group);
  if (!crowd) crowds.set(group, (crowd = new RateLimitCrowd()));
  return crowd;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The least time left worth starting another attempt with: one sent in the last moments before the
 * deadline would time out at once, and its timeout would hide the error worth reporting (the 429
 * with its request id). A tenth of the deadline, at most 1 s, so short deadlines still retry.
 */
function lastAttemptFloorMs(deadlineMs: number): number {
  return Math.min(1_000, deadlineMs / 10);
}

/** Runs `attempt` until it succeeds, a non-retryable error occurs, or the deadline passes. */
export async function withRetries<T>(
  attempt: (attemptNumber: number, remainingMs: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const { default: pRetry, AbortError } = await import("p-retry");
  const started = Date.now();
  const remaining = () => options.deadlineMs - (Date.now() - started);
  const floorMs = lastAttemptFloorMs(options.deadlineMs);
  const crowd = crowdFor(options.group ?? options.what);
  let lastError: unknown;
  // The wait the server asked for after the last failed attempt, jitter included.
  let serverWaitMs: number | undefined;
  return pRetry(
    async (attemptNumber) => {
      // Too late for an attempt to be answered: report what the previous one got.
      if (attemptNumber > 1 && remaining() < floorMs) throw new AbortError(lastError as Error);
      try {
        const result = await attempt(attemptNumber, remaining());
        crowd.recordAnswer();
        return result;
      } catch (error) {
        lastError = error;
        if (!(error instanceof RateLimitError)) crowd.recordAnswer();
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
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        serverWaitMs = serverRequestedDelayMs(error, crowd.view());
        // The server will not answer before the deadline: retrying earlier than asked only repeats the 429.
        if (serverWaitMs !== undefined && serverWaitMs + floorMs > remaining()) throw error;
        if (retriesLeft <= 0 || remaining() <= 0) return;
        const asked = error instanceof ProviderError ? error.retryAfterSeconds : undefined;
        const reason = error instanceof ProviderError && error.statusCode ? `HTTP ${error.statusCode}` : error.message;
        options.log?.info(
          `${options.what}: ${reason}; retrying (attempt ${attemptNumber + 1}${asked !== undefined ? `, server asked to wait ${formatElapsed(asked * 1000)}` : ""}, ${formatElapsed(Date.now() - started)} elapsed)`,
        );
      },
      // A server-requested wait is served here, and does not use up one of the retries.
      shouldConsumeRetry: async () => {
        if (serverWaitMs === undefined) return true;
        await crowd.waitOut(serverWaitMs);
        return false;
      },
    },
  );
}
