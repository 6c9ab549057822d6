/**
 * Client for the Incus operations API (`/1.0/operations`), shared by the Incus resources
 * and by the generic Instances API, which tracks its work through the same API. Waiting uses the
 * server's long-poll (`/wait?timeout=`), never a polling loop.
 */
import { isNotFound } from "./errors";
import type { HttpClient, QueryValue } from "./http";
import { path } from "./http";
import type { Logger } from "./log";
import { longPollUntil } from "./waiter";

/** An Incus background operation (the `Operation` definition of the Incus REST API). */
export interface IncusOperation {
  id: string;
  class: "task" | "websocket" | "token" | string;
  description: string;
  created_at: string;
  updated_at: string;
  status: string;
  /** 100 created, 103 running, 104 cancelling, 105 pending, 200 success, 400 failure, 401 cancelled. */
  status_code: number;
  resources: Record<string, string[]> | null;
  metadata: Record<string, unknown> | null;
  may_cancel: boolean;
  err: string;
  location?: string;
}

/** The Incus response envelope. */
export interface IncusEnvelope<T> {
  type: "sync" | "async" | "error";
  status?: string;
  status_code?: number;
  operation?: string;
  error?: string;
  error_code?: number;
  metadata: T;
}

const OPERATION_RUNNING = 103;
const OPERATION_SUCCESS = 200;
const OPERATION_FAILURE = 400;

/** True once the operation can no longer change. */
export function isFinal(operation: IncusOperation): boolean {
  return operation.status_code >= 200;
}

/** What Incus 6.0 sends as `error` when a `/wait?timeout=` ends before the operation does. */
const WAIT_TIMED_OUT = "context deadline exceeded";

/**
 * The operation a `/wait` answered with an error envelope stands for. LXD answers every wait with
 * the operation (still running when the timeout passed, or failed with its `err`); Incus 6.0
 * answers both cases with HTTP 200 and an error envelope instead, and no operation: `error` is
 * "context deadline exceeded" for a wait that timed out, else the failed operation's `err`.
 */
function operationFromWaitError(id: string, envelope: IncusEnvelope<unknown>): IncusOperation {
  const now = new Date().toISOString();
  const running = envelope.error === WAIT_TIMED_OUT;
  return {
    id,
    class: "",
    description: "",
    created_at: now,
    updated_at: now,
    status: running ? "Running" : "Failure",
    status_code: running ? OPERATION_RUNNING : OPERATION_FAILURE,
    resources: null,
    metadata: null,
    may_cancel: false,
    err: running ? "" : (envelope.error ?? ""),
  };
}

/** Extracts the error message of an Incus error envelope. */
export function parseIncusError(body: unknown): { message?: string; code?: string } {
  const envelope = body as Partial<IncusEnvelope<unknown>> | undefined;
  if (envelope && typeof envelope === "object" && typeof envelope.error === "string") {
    return {
      message: envelope.error,
      code: envelope.error_code !== undefined ? String(envelope.error_code) : undefined,
    };
  }
  return {};
}

/** The operation id from an async response: metadata.id, or the last segment of `operation`. */
export function operationIdOf(envelope: IncusEnvelope<unknown>): string {
  const metadata = envelope.metadata as Partial<IncusOperation> | undefined;
  if (metadata?.id) return metadata.id;
  return (
    String(envelope.operation ?? "")
      .split("/")
      .pop() ?? ""
  );
}

interface ListOperationsOptions {
  project?: string;
  allProjects?: boolean;
  /** 0: URLs grouped by status; 1: full objects. */
  recursion?: 0 | 1;
}

export class IncusOperationsApi {
  /**
   * @param http client whose base URL points at the server root (the `/1.0` prefix is added here)
   * @param prefix path before `/1.0` (e.g. "" for Incus, "/compute" style bases are in the base URL)
   */
  constructor(
    private readonly http: HttpClient,
    private readonly defaultProject?: string,
  ) {}

  private query(project?: string, extra: Record<string, QueryValue> = {}): Record<string, QueryValue> {
    return { project: project ?? this.defaultProject, ...extra };
  }

  /** GET /1.0/operations (recursion 0: URLs by status; 1: objects by status, flattened). */
  async list(options: ListOperationsOptions = {}): Promise<string[] | IncusOperation[]> {
    const envelope = await this.http.json<IncusEnvelope<Record<string, unknown[]> | unknown[]>>({
      operation: options.recursion === 1 ? "operationsGetRecursion1" : "operationsGet",
      method: "GET",
      path: "/1.0/operations",
      query: {
        ...(options.allProjects ? { "all-projects": "true" } : { project: options.project ?? this.defaultProject }),
        recursion: options.recursion,
      },
    });
    const metadata = envelope.metadata ?? {};
    // Servers return either a map of status → list or a plain list; flatten both.
    const items = Array.isArray(metadata) ? metadata : Object.values(metadata).flat();
    return items as string[] | IncusOperation[];
  }

  /** GET /1.0/operations/{id}. */
  async get(id: string, project?: string): Promise<IncusOperation> {
    const envelope = await this.http.json<IncusEnvelope<IncusOperation>>({
      operation: "operationGet",
      method: "GET",
      path: path`/1.0/operations/${id}`,
      query: this.query(project),
    });
    return envelope.metadata;
  }

  /** DELETE /1.0/operations/{id}: cancels the operation if it supports it. */
  async cancel(id: string, project?: string): Promise<void> {
    await this.http.json({
      operation: "operationDelete",
      method: "DELETE",
      path: path`/1.0/operations/${id}`,
      query: this.query(project),
    });
  }

  /** GET /1.0/operations/{id}/wait?timeout=N: blocks server-side until the operation ends or N seconds pass. */
  async wait(id: string, timeoutSeconds: number, project?: string): Promise<IncusOperation> {
    const envelope = await this.http.json<IncusEnvelope<IncusOperation>>({
      operation: "operationWaitGet",
      method: "GET",
      path: path`/1.0/operations/${id}/wait`,
      query: this.query(project, { timeout: timeoutSeconds }),
      timeoutMs: (Math.max(timeoutSeconds, 0) + 30) * 1000,
    });
    if (envelope.type !== "error") return envelope.metadata;
    // Incus's answer without the operation (see operationFromWaitError): the operation itself says more.
    return this.get(id, project).catch((error) =>
      isNotFound(error) ? operationFromWaitError(id, envelope) : Promise.reject(error),
    );
  }

  /** GET /1.0/operations/{id}/wait?public&secret=…: the variant for callers without credentials. */
  async waitPublic(id: string, secret: string, timeoutSeconds: number): Promise<IncusOperation> {
    const envelope = await this.http.json<IncusEnvelope<IncusOperation>>({
      operation: "operationWaitGetUntrusted",
      method: "GET",
      path: path`/1.0/operations/${id}/wait` + `?public&secret=${encodeURIComponent(secret)}&timeout=${timeoutSeconds}`,
      timeoutMs: (Math.max(timeoutSeconds, 0) + 30) * 1000,
    });
    // Without credentials the operation cannot be read: Incus's envelope is all there is.
    return envelope.type === "error" ? operationFromWaitError(id, envelope) : envelope.metadata;
  }

  /**
   * Waits with long-polls until the operation is final, printing progress; throws
   * OperationFailedError with the operation's `err` on failure or cancellation.
   */
  async waitUntilDone(
    id: string,
    options: { what: string; timeoutMs: number; log: Logger; cloud: string; operation: string; project?: string },
  ): Promise<IncusOperation> {
    return longPollUntil({
      what: options.what,
      timeoutMs: options.timeoutMs,
      log: options.log,
      cloud: options.cloud,
      operation: options.operation,
      waitOnce: (seconds) => this.wait(id, seconds, options.project),
      status: (op) => ({
        state: op.status,
        done: isFinal(op),
        failure: isFinal(op) && op.status_code !== OPERATION_SUCCESS ? op.err || op.status : undefined,
      }),
    });
  }
}
