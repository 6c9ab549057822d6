/**
 * Typed errors shared by every cloud. Each carries the cloud, the API operation that failed, and,
 * when an HTTP response was received, its status, the vendor's own message and the request id, so
 * that what `pulumi up` prints is actionable ("exoscale deleteInstance: HTTP 403 …") and never a
 * stack of `[object Object]`. Messages never contain credentials.
 */

export interface ErrorDetails {
  /** Cloud (or API family) the call was made to: "exoscale", "scaleway", "koyeb", "compute", "incus". */
  cloud?: string;
  /** Name of the API operation (the vendor's operation id, camelCased) or function (e.g. "scaleInstance", "getExoscaleInstance"). */
  operation?: string;
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

/**
 * Base class of every error this package raises; `code` is stable across releases, so programs and
 * tools can branch on it (`error.code === "ERR_NOT_FOUND"`) instead of on message text.
 */
export class ProviderError extends Error {
  readonly code: string = "ERR_PROVIDER";
  /** Cloud the failure concerns, when it concerns one. */
  readonly cloud?: string;
  /** API operation or function that failed, when there is one. */
  readonly operation?: string;
  readonly statusCode?: number;
  readonly vendorMessage?: string;
  readonly vendorCode?: string;
  readonly requestId?: string;
  readonly details?: unknown;
  readonly retryAfterSeconds?: number;

  /** `message` replaces the usual "<cloud> <operation> failed: <summary> …" text when given. */
  constructor(summary: string, info: ErrorDetails = {}, message = formatMessage(summary, info)) {
    super(message, info.cause === undefined ? undefined : { cause: info.cause });
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
/** A required credential or endpoint is not configured anywhere we look, or is unusable. */
export class CredentialsError extends ProviderError {
  override readonly code = "ERR_CREDENTIALS";
  constructor(message: string, info: ErrorDetails = {}) {
    super(message, info);
  }
}

/** One argument a function (or resource input) was given that cannot be used. */
export interface ArgumentProblem {
  /** The argument's path as users write it: `id`, `labels.env`, `tags[1]`. */
  argument: string;
  /** Why, with the allowed values where there is a fixed set. */
  reason: string;
}

/**
 * Arguments refused before any API call (or an input the API's catalogue does not know). The
 * message names every bad argument and what is allowed; `problems` has them one by one.
 */
export class InvalidArgumentsError extends ProviderError {
  override readonly code = "ERR_INVALID_ARGUMENTS";
  readonly problems: ArgumentProblem[];

  constructor(problems: ArgumentProblem[], info: ErrorDetails = {}) {
    const list = problems.map((p) => `${p.argument}: ${p.reason}`).join("; ");
    // "getExoscaleInstance: invalid arguments: id: …" for a function; the bare list for an input.
    super(list, info, info.operation ? `${info.operation}: invalid arguments: ${list}` : list);
    this.problems = problems;
  }

  /** The first argument at fault. */
  get argument(): string {
    return this.problems[0]?.argument ?? "";
  }
}

/** `adoptId` names an object that differs from the inputs in ways that cannot change in place; nothing was changed. */
export class AdoptionMismatchError extends ProviderError {
  override readonly code = "ERR_ADOPTION_MISMATCH";
  /** The inputs that differ, e.g. ["template", "diskSize"]. */
  readonly properties: string[];

  constructor(adoptId: string, mismatches: Array<{ property: string; reason: string }>, info: ErrorDetails = {}) {
    super(
      `adoptId ${adoptId} does not match the inputs in ways that cannot change in place, so nothing was changed: ${mismatches.map((m) => `${m.property}: ${m.reason}`).join("; ")}`,
      info,
    );
    this.properties = mismatches.map((m) => m.property);
  }
}

/** Deleting was refused because the object is protected; nothing was stopped or deleted. */
export class DeletionProtectedError extends ProviderError {
  override readonly code = "ERR_DELETION_PROTECTED";
}

/**
 * A resource's provider is now another account than the one its object was made in: the object
 * cannot be moved between accounts, and reading or deleting it with the other account would lose it.
 */
export class AccountChangedError extends ProviderError {
  override readonly code = "ERR_ACCOUNT_CHANGED";
}

/** Not an API or input problem: a defect in this package (please report it with the debug log). */
export class UnexpectedError extends ProviderError {
  override readonly code = "ERR_UNEXPECTED";
}

/** The program's `__provider` names a resource kind this installed version does not provide. */
export class UnknownResourceKindError extends ProviderError {
  override readonly code = "ERR_UNKNOWN_RESOURCE_KIND";
}

/**
 * A create made the remote object and then failed: the provider keeps the object in state (with
 * `id` and the outputs reached) so the next run can finish or delete it, and reports `failure`.
 */
export class PartialCreateError extends ProviderError {
  override readonly code: string = "ERR_PARTIAL_CREATE";
  constructor(
    readonly id: string,
    readonly outs: object,
    readonly failure: unknown,
  ) {
    super(failure instanceof Error ? failure.message : String(failure), { cause: failure });
  }
}

/** An update applied some steps before one failed; `outs` is the state reached. */
export class PartialUpdateError extends PartialCreateError {
  override readonly code: string = "ERR_PARTIAL_UPDATE";
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

/**
 * The same "not found" answer, said in the words of what was looked for ("adoptId: no instance …"),
 * keeping its status, vendor message and request id. Any other error is returned unchanged.
 */
export function explainNotFound(error: unknown, summary: string): unknown {
  if (!(error instanceof NotFoundError)) return error;
  const { cloud, operation, statusCode, vendorMessage, vendorCode, requestId, details } = error;
  return new NotFoundError(statusCode === undefined ? summary : `${summary} (HTTP ${statusCode})`, {
    cloud,
    operation,
    vendorMessage,
    vendorCode,
    requestId,
    details,
    cause: error,
  });
}

/** True when an error means "the object is not there" (used by delete and read). */
export function isNotFound(error: unknown): boolean {
  return error instanceof NotFoundError;
}

function formatMessage(summary: string, info: ErrorDetails): string {
  const parts = [info.cloud && info.operation ? `${info.cloud} ${info.operation} failed: ${summary}` : summary];
  if (info.vendorCode) parts.push(`[${info.vendorCode}]`);
  if (info.vendorMessage) parts.push(`- ${info.vendorMessage}`);
  let message = parts.join(" ");
  if (info.requestId) message += ` (request id ${info.requestId})`;
  return message;
}
