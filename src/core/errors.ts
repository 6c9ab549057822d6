/**
 * Typed errors shared by every cloud. Each carries the cloud, the API operation that failed, and,
 * when an HTTP response was received, its status, the vendor's own message and the request id, so
 * that what `pulumi up` prints is actionable ("exoscale deleteInstance: HTTP 403 …") and never a
 * stack of `[object Object]`. Messages never contain credentials.
 */

export interface ErrorDetails {
  /** Cloud (or API family) the call was made to: "exoscale", "scaleway", "koyeb", "compute", "incus". */
  cloud: string;
  /** Name of the API operation: the vendor's operation id, camelCased (e.g. "scaleInstance"). */
  operation: string;
  /** HTTP status code, when a response was received. */
  statusCode?: number;
  /** The vendor's error message from the response body. */
  vendorMessage?: string;
  /** The vendor's machine-readable error type or code (e.g. Scaleway "not_found"). */
  vendorCode?: string;
  /** Request id from the response headers, for support tickets. */
  requestId?: string;
  /** Extra structured details from the vendor (e.g. Scaleway invalid field names). */
  details?: unknown;
  /** Seconds the server asked us to wait before retrying (429/503 Retry-After). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** Base class of every error this package raises; `code` is stable across releases. */
export class ProviderError extends Error {
  readonly code: string = "ERR_PROVIDER";
  readonly cloud: string;
  readonly operation: string;
  readonly statusCode?: number;
  readonly vendorMessage?: string;
  readonly vendorCode?: string;
  readonly requestId?: string;
  readonly details?: unknown;
  readonly retryAfterSeconds?: number;

  constructor(summary: string, info: ErrorDetails) {
    super(formatMessage(summary, info), info.cause === undefined ? undefined : { cause: info.cause });
    this.name = new.target.name;
    this.cloud = info.cloud;
    this.operation = info.operation;
    this.statusCode = info.statusCode;
    this.vendorMessage = info.vendorMessage;
    this.vendorCode = info.vendorCode;
    this.requestId = info.requestId;
    this.details = info.details;
    this.retryAfterSeconds = info.retryAfterSeconds;
  }
}

/** The API answered with a non-2xx status not covered by a narrower class. */
export class ApiError extends ProviderError {
  override readonly code: string = "ERR_API";
}
/** 400/422: the API rejected the request's content. */
export class InvalidRequestError extends ApiError {
  override readonly code = "ERR_INVALID_REQUEST";
}
/** 401/403: credentials missing, wrong, expired, or not allowed to do this. */
export class AuthError extends ApiError {
  override readonly code = "ERR_AUTH";
}
/** 404: the object does not exist (delete and read treat this as "gone"). */
export class NotFoundError extends ApiError {
  override readonly code = "ERR_NOT_FOUND";
}
/** 409/412: the object is in a state that forbids the change (or changed under us). */
export class ConflictError extends ApiError {
  override readonly code = "ERR_CONFLICT";
}
/** 429: rate limited; `retryAfterSeconds` says when to come back. */
export class RateLimitError extends ApiError {
  override readonly code = "ERR_RATE_LIMIT";
}
/** 5xx: the server failed; retried for idempotent calls. */
export class ServerError extends ApiError {
  override readonly code = "ERR_SERVER";
}
/** No usable response: connection refused/reset, DNS, TLS, or the per-request timeout. */
export class TransportError extends ProviderError {
  override readonly code = "ERR_TRANSPORT";
}
/** An asynchronous cloud operation finished in a failed state. */
export class OperationFailedError extends ProviderError {
  override readonly code = "ERR_OPERATION_FAILED";
}
/** We stopped waiting for an operation or state after the configured time. */
export class WaitTimeoutError extends ProviderError {
  override readonly code = "ERR_WAIT_TIMEOUT";
}
/** A required credential or endpoint is not configured anywhere we look. */
export class CredentialsError extends Error {
  readonly code = "ERR_CREDENTIALS";
  constructor(message: string) {
    super(message);
    this.name = "CredentialsError";
  }
}

/** Picks the error class for an HTTP status, the way every cloud client maps responses. */
export function apiErrorFor(status: number, info: ErrorDetails): ApiError {
  const summary = `HTTP ${status}`;
  if (status === 400 || status === 422) return new InvalidRequestError(summary, info);
  if (status === 401 || status === 403) return new AuthError(summary, info);
  if (status === 404) return new NotFoundError(summary, info);
  if (status === 409 || status === 412) return new ConflictError(summary, info);
  if (status === 429) return new RateLimitError(summary, info);
  if (status >= 500) return new ServerError(summary, info);
  return new ApiError(summary, info);
}

/**
 * True when a failed create may still have reached the server and acted: resets, timeouts and 5xx
 * other than 501. The caller then looks for what it may have created (creation token) before
 * reporting the error or trying again.
 */
export function mayHaveActed(error: unknown): boolean {
  return error instanceof TransportError || (error instanceof ServerError && error.statusCode !== 501);
}

/**
 * True when a request timed out on our side: the server may still be working on it, and may act on
 * it later than any retry we send, so its effect is watched for rather than the request repeated.
 */
export function timedOut(error: unknown): boolean {
  return error instanceof TransportError && (error.details as { code?: string } | undefined)?.code === "ETIMEDOUT";
}

/** True when an error means "the object is not there" (used by delete and read). */
export function isNotFound(error: unknown): boolean {
  return error instanceof NotFoundError;
}

function formatMessage(summary: string, info: ErrorDetails): string {
  const parts = [`${info.cloud} ${info.operation} failed: ${summary}`];
  if (info.vendorCode) parts.push(`[${info.vendorCode}]`);
  if (info.vendorMessage) parts.push(`- ${info.vendorMessage}`);
  let message = parts.join(" ");
  if (info.requestId) message += ` (request id ${info.requestId})`;
  return message;
}
