/**
 * The Incus operations API (`/1.0/operations`, 8 calls) as public async functions. Connection and
 * project come from stack config or the environment (see connection.ts); `project` overrides it per
 * call. Waiting uses the server's `/wait?timeout=` long-poll, never a polling loop.
 *
 * | Incus REST API operation          | function                                                     |
 * |-----------------------------------|--------------------------------------------------------------|
 * | operations_get                    | listIncusOperations({ recursion: 0 })                        |
 * | operations_get_recursion1         | listIncusOperations({ recursion: 1 })                        |
 * | operation_get                     | getIncusOperation(id)                                        |
 * | operation_delete                  | cancelIncusOperation(id)                                     |
 * | operation_wait_get                | waitIncusOperation(id, { timeout })                          |
 * | operation_wait_get_untrusted      | waitIncusOperation(id, { timeout, secret, public: true })    |
 * | operation_websocket_get           | connectIncusOperationWebsocket(id, { secret })               |
 * | operation_websocket_get_untrusted | connectIncusOperationWebsocket(id, { secret, public: true }) |
 */
import type WebSocket from "ws";
import type { IncusOperation } from "../core/incus-operations";
import { isFinal } from "../core/incus-operations";
import { AuthError } from "../core/errors";
import { createLogger } from "../core/log";
import { longPollUntil } from "../core/waiter";
import { IncusClient } from "./client";
import { daemonLabel, requireExtension, UnsupportedByDaemonError } from "./daemon";
import { openOperationWebsocket } from "./websocket";

/** An Incus background operation, in camelCase. */
export interface IncusOperationInfo {
  id: string;
  /** "task", "websocket" or "token". */
  class: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** "Running", "Success", "Failure", "Cancelled", … */
  status: string;
  /** 103 running, 104 cancelling, 105 pending, 200 success, 400 failure, 401 cancelled. */
  statusCode: number;
  /** Affected resources by type, e.g. `{ instances: ["/1.0/instances/web"] }`. */
  resources: Record<string, string[]>;
  /** Operation-specific data, as the daemon sends it (e.g. an exec's websocket secrets under `fds`). */
  metadata: Record<string, unknown>;
  mayCancel: boolean;
  /** The error message when the operation failed; "" otherwise. */
  err: string;
  /** Cluster member that runs it. */
  location?: string;
}

/** Converts the daemon's operation object to {@link IncusOperationInfo}. */
export function operationInfo(operation: IncusOperation): IncusOperationInfo {
  return {
    id: operation.id,
    class: operation.class,
    description: operation.description,
    createdAt: operation.created_at,
    updatedAt: operation.updated_at,
    status: operation.status,
    statusCode: operation.status_code,
    resources: operation.resources ?? {},
    metadata: operation.metadata ?? {},
    mayCancel: operation.may_cancel,
    err: operation.err,
    location: operation.location,
  };
}

/** Options shared by the operation functions. */
export interface IncusOperationCallOptions {
  /** Project to look in; default `incus:project` / INCUS_PROJECT, else the server's default project. */
  project?: string;
}

/** Arguments of {@link listIncusOperations}. */
export interface ListIncusOperationsArgs extends IncusOperationCallOptions {
  /**
   * Operations of every project (`all-projects=true`); `project` is then ignored. Needs the API
   * extension operations_get_query_all_projects (Incus has it; LXD 5.0 does not, and is refused
   * with an error rather than answered with one project's operations).
   */
  allProjects?: boolean;
  /** 0 (default, as the API): operation URLs; 1: full operation objects. */
  recursion?: 0 | 1;
}

/**
 * Lists operations (GET /1.0/operations). With `recursion: 0` the result is the operations' URLs
 * ("/1.0/operations/<id>"), with `recursion: 1` the operations themselves; the daemon's grouping by
 * status is flattened (each object carries its status).
 */
export function listIncusOperations(args?: ListIncusOperationsArgs & { recursion?: 0 }): Promise<string[]>;
export function listIncusOperations(args: ListIncusOperationsArgs & { recursion: 1 }): Promise<IncusOperationInfo[]>;
export async function listIncusOperations(args: ListIncusOperationsArgs = {}): Promise<string[] | IncusOperationInfo[]> {
  const client = IncusClient.fromSettings({ project: args.project });
  // Without the extension (LXD 5.0), `all-projects` is ignored and only one project's operations come back.
  if (args.allProjects) requireExtension(await client.daemon(), "operations_get_query_all_projects", "listIncusOperations({ allProjects: true })", "operationsGet");
  const items = await client.operations.list({ project: args.project, allProjects: args.allProjects, recursion: args.recursion ?? 0 });
  return args.recursion === 1 ? (items as IncusOperation[]).map(operationInfo) : (items as string[]);
}

/** One operation (GET /1.0/operations/{id}); rejects with NotFoundError once the daemon forgot it. */
export async function getIncusOperation(id: string, options: IncusOperationCallOptions = {}): Promise<IncusOperationInfo> {
  return operationInfo(await IncusClient.fromSettings({ project: options.project }).operations.get(id, options.project));
}

/** Options of {@link waitIncusOperation}. */
export interface WaitIncusOperationOptions extends IncusOperationCallOptions {
  /**
   * Seconds the server may hold the request: the answer comes when the operation ends or this time
   * passes, whichever is first (check `statusCode` for which). Omitted or -1: wait until it ends,
   * with consecutive long-polls.
   */
  timeout?: number;
  /** The operation's secret, for the `public` variant. */
  secret?: string;
  /** Use `/wait?public&secret=…`: no client certificate or token is sent (callers without credentials). */
  public?: boolean;
}

/**
 * Waits for an operation (GET /1.0/operations/{id}/wait?timeout=N) and returns its state then. A
 * failed or cancelled operation is returned, not thrown: look at `statusCode` and `err`.
 */
export async function waitIncusOperation(id: string, options: WaitIncusOperationOptions = {}): Promise<IncusOperationInfo> {
  const anonymous = options.public === true;
  if (anonymous && !options.secret) throw new Error("waitIncusOperation: the public variant needs the operation's `secret`");
  const client = IncusClient.fromSettings({ project: options.project, anonymous });
  const waitOnce = (seconds: number) =>
    anonymous ? client.operations.waitPublic(id, options.secret as string, seconds) : client.operations.wait(id, seconds, options.project);

  if (options.timeout !== undefined && options.timeout >= 0) return operationInfo(await waitOnce(options.timeout));
  const final = await longPollUntil({
    what: `operation ${id}`,
    cloud: "incus",
    operation: anonymous ? "operationWaitGetUntrusted" : "operationWaitGet",
    timeoutMs: Number.POSITIVE_INFINITY,
    log: createLogger("incus"),
    waitOnce,
    status: (operation) => ({ state: operation.status, done: isFinal(operation) }),
  });
  return operationInfo(final);
}

/** Cancels an operation (DELETE /1.0/operations/{id}); the daemon refuses (400) operations that cannot be cancelled. */
export async function cancelIncusOperation(id: string, options: IncusOperationCallOptions = {}): Promise<void> {
  await IncusClient.fromSettings({ project: options.project }).operations.cancel(id, options.project);
}

/** Options of {@link connectIncusOperationWebsocket}. */
export interface ConnectIncusOperationWebsocketOptions extends IncusOperationCallOptions {
  /** The websocket's secret from the operation metadata (e.g. `metadata.fds["1"]` of an exec). */
  secret: string;
  /** Use `/websocket?public&secret=…`: no client certificate or token is sent. */
  public?: boolean;
  /** Give up on the handshake after this long; default 30 s. */
  handshakeTimeoutMs?: number;
}

/**
 * Opens an operation's websocket (GET /1.0/operations/{id}/websocket?secret=…) and resolves with the
 * open `ws` WebSocket, over the unix socket or TLS like every other call. The caller reads, writes
 * and closes it; a refused handshake rejects with the daemon's message.
 */
export async function connectIncusOperationWebsocket(id: string, options: ConnectIncusOperationWebsocketOptions): Promise<WebSocket> {
  const client = IncusClient.fromSettings({ project: options.project, anonymous: options.public === true });
  try {
    return await openOperationWebsocket(client.connection, id, options);
  } catch (error) {
    throw await requestorMismatch(client, id, options, error);
  }
}

/**
 * Incus answers 403 "Requestor mismatch" to anyone but the client that started the operation; LXD
 * 5.0 lets whoever holds the secret connect, which is what the `public` variant relies on. Said
 * with the daemon's name; any other error is returned as it is.
 */
async function requestorMismatch(client: IncusClient, id: string, options: ConnectIncusOperationWebsocketOptions, error: unknown): Promise<unknown> {
  if (!(error instanceof AuthError && error.vendorMessage === "Requestor mismatch")) return error;
  const daemon = await client.daemon().catch(() => undefined);
  const who = daemon ? daemonLabel(daemon) : "Incus";
  const variant = options.public ? ", so the public variant (which sends no credentials) is refused; LXD accepts it" : "";
  return new UnsupportedByDaemonError(`${who} lets only the client that started operation ${id} connect to its websockets${variant}. Connect with the credentials that started the operation`, {
    cloud: "incus",
    operation: error.operation,
    statusCode: error.statusCode,
    vendorMessage: error.vendorMessage,
    cause: error,
  });
}
