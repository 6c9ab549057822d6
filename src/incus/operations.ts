/**
 * The Incus operations API (`/1.0/operations`, 8 calls) as public async functions. Connection and
 * project come from stack config or the environment (see connection.ts); `project` overrides it per
 * call. Waiting uses the server's `/wait?timeout=` long-poll, never a polling loop.
 *
 * | Incus REST API operation          | function                                                     |
 * |-----------------------------------|--------------------------------------------------------------|
 * | operations_get                    | listIncusOperations({ recursion: 0 })                        |
 * | operations_get_recursion1         | listIncusOperations({ recursion: 1 })                        |
 * | operation_get                     | getIncusOperation({ id })                                    |
 * | operation_delete                  | cancelIncusOperation({ id })                                 |
 * | operation_wait_get                | waitIncusOperation({ id, timeout })                          |
 * | operation_wait_get_untrusted      | waitIncusOperation({ id, timeout, secret, public: true })    |
 * | operation_websocket_get           | connectIncusOperationWebsocket({ id, secret })               |
 * | operation_websocket_get_untrusted | connectIncusOperationWebsocket({ id, secret, public: true }) |
 */
import type * as pulumi from "@pulumi/pulumi";
import { parseArguments } from "../core/arguments";
import { AuthError, InvalidArgumentsError } from "../core/errors";
import {
  type FunctionOptions,
  type FunctionOutputOptions,
  type InputArgs,
  inAccount,
  onFirstCall,
  outputForm,
} from "../core/functions";
import type { IncusOperation } from "../core/incus-operations";
import type { IncusClient } from "./client";
import { operationInfo } from "./operation-info";
import type {
  CancelIncusOperationArgs,
  ConnectIncusOperationWebsocketArgs,
  GetIncusOperationArgs,
  GetIncusOperationResult,
  ListIncusOperationsArgs,
  WaitIncusOperationArgs,
} from "./types";

export type GetIncusOperationOutputArgs = InputArgs<GetIncusOperationArgs>;
export type ListIncusOperationsOutputArgs = InputArgs<ListIncusOperationsArgs>;
export type WaitIncusOperationOutputArgs = InputArgs<WaitIncusOperationArgs>;

const owner = (operation: string) => ({ cloud: "incus", operation });

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on the first call (see core/functions.ts) */
const callTime = onFirstCall(() => ({
  schema: require("./schema") as typeof import("./schema"),
  IncusClient: (require("./client") as typeof import("./client")).IncusClient,
  daemon: require("./daemon") as typeof import("./daemon"),
  isFinal: (require("../core/incus-operations") as typeof import("../core/incus-operations")).isFinal,
  createLogger: (require("../core/log") as typeof import("../core/log")).createLogger,
  longPollUntil: (require("../core/waiter") as typeof import("../core/waiter")).longPollUntil,
  openOperationWebsocket: (require("./websocket") as typeof import("./websocket")).openOperationWebsocket,
}));
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Lists operations (GET /1.0/operations). With `recursion: 0` (the default) the result is the
 * operations' URLs ("/1.0/operations/<id>"), with `recursion: 1` the operations themselves; the
 * daemon's grouping by status is flattened (each object carries its status).
 */
export function listIncusOperations(
  args?: ListIncusOperationsArgs & { recursion?: 0 },
  opts?: FunctionOptions,
): Promise<string[]>;
export function listIncusOperations(
  args: ListIncusOperationsArgs & { recursion: 1 },
  opts?: FunctionOptions,
): Promise<GetIncusOperationResult[]>;
export function listIncusOperations(
  args?: ListIncusOperationsArgs,
  opts?: FunctionOptions,
): Promise<string[] | GetIncusOperationResult[]>;
export async function listIncusOperations(
  args: ListIncusOperationsArgs = {},
  opts?: FunctionOptions,
): Promise<string[] | GetIncusOperationResult[]> {
  return inAccount(opts, async () => {
    const { schema, IncusClient, daemon } = callTime();
    const parsed = parseArguments(schema.ListIncusOperationsArgs, args, owner("listIncusOperations"));
    const client = IncusClient.fromSettings({ project: parsed.project });
    // Without the extension (LXD 5.0), `all-projects` is ignored and only one project's operations come back.
    if (parsed.allProjects)
      daemon.requireExtension(
        await client.daemon(),
        "operations_get_query_all_projects",
        "listIncusOperations({ allProjects: true })",
        "operationsGet",
      );
    const items = await client.operations.list({
      project: parsed.project,
      allProjects: parsed.allProjects,
      recursion: parsed.recursion ?? 0,
    });
    return parsed.recursion === 1 ? (items as IncusOperation[]).map(operationInfo) : (items as string[]);
  });
}

/** {@link listIncusOperations} taking Inputs. */
export function listIncusOperationsOutput(
  args?: ListIncusOperationsOutputArgs & { recursion?: 0 },
  opts?: FunctionOutputOptions,
): pulumi.Output<string[]>;
export function listIncusOperationsOutput(
  args: ListIncusOperationsOutputArgs & { recursion: 1 },
  opts?: FunctionOutputOptions,
): pulumi.Output<GetIncusOperationResult[]>;
export function listIncusOperationsOutput(
  args?: ListIncusOperationsOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<string[] | GetIncusOperationResult[]>;
export function listIncusOperationsOutput(
  args: ListIncusOperationsOutputArgs = {},
  opts?: FunctionOutputOptions,
): pulumi.Output<string[] | GetIncusOperationResult[]> {
  return outputForm((plain: ListIncusOperationsArgs) => listIncusOperations(plain), args, opts);
}

/** One operation (GET /1.0/operations/{id}); rejects with NotFoundError once the daemon forgot it. */
export async function getIncusOperation(
  args: GetIncusOperationArgs,
  opts?: FunctionOptions,
): Promise<GetIncusOperationResult> {
  return inAccount(opts, async () => {
    const { schema, IncusClient } = callTime();
    const { id, project } = parseArguments(schema.GetIncusOperationArgs, args, owner("getIncusOperation"));
    return operationInfo(await IncusClient.fromSettings({ project }).operations.get(id, project));
  });
}

/** {@link getIncusOperation} taking Inputs. */
export function getIncusOperationOutput(
  args: GetIncusOperationOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<GetIncusOperationResult> {
  return outputForm(getIncusOperation, args, opts);
}

/**
 * Waits for an operation (GET /1.0/operations/{id}/wait?timeout=N) and returns its state then. A
 * failed or cancelled operation is returned, not thrown: look at `statusCode` and `err`.
 */
export async function waitIncusOperation(
  args: WaitIncusOperationArgs,
  opts?: FunctionOptions,
): Promise<GetIncusOperationResult> {
  return inAccount(opts, async () => {
    const { schema, IncusClient, isFinal, createLogger, longPollUntil } = callTime();
    const {
      id,
      project,
      timeout,
      secret,
      public: anonymous = false,
    } = parseArguments(schema.WaitIncusOperationArgs, args, owner("waitIncusOperation"));
    if (anonymous && !secret)
      throw new InvalidArgumentsError(
        [{ argument: "secret", reason: "the public variant needs the operation's secret" }],
        owner("waitIncusOperation"),
      );
    const client = IncusClient.fromSettings({ project, anonymous });
    const waitOnce = (seconds: number) =>
      anonymous
        ? client.operations.waitPublic(id, secret as string, seconds)
        : client.operations.wait(id, seconds, project);

    if (timeout !== undefined && timeout >= 0) return operationInfo(await waitOnce(timeout));
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
  });
}

/** {@link waitIncusOperation} taking Inputs. */
export function waitIncusOperationOutput(
  args: WaitIncusOperationOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<GetIncusOperationResult> {
  return outputForm(waitIncusOperation, args, opts);
}

/**
 * Cancels an operation (DELETE /1.0/operations/{id}); the daemon refuses (400) operations that
 * cannot be cancelled. An action, not a lookup: it has no `…Output` form, so that a preview never
 * cancels anything.
 */
export async function cancelIncusOperation(args: CancelIncusOperationArgs, opts?: FunctionOptions): Promise<void> {
  return inAccount(opts, async () => {
    const { schema, IncusClient } = callTime();
    const { id, project } = parseArguments(schema.CancelIncusOperationArgs, args, owner("cancelIncusOperation"));
    await IncusClient.fromSettings({ project }).operations.cancel(id, project);
  });
}

/**
 * An open operation websocket: a `ws` WebSocket, described by the part of its API callers need so
 * that this package's declarations compile without the `ws` types.
 */
export interface IncusOperationWebsocket {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  send(data: string | Uint8Array, callback?: (error?: Error) => void): void;
  close(code?: number, reason?: string): void;
  /** Closes the connection at once, without the closing handshake. */
  terminate(): void;
  /** `data` is a Node.js Buffer (a Uint8Array): `data.toString("utf8")` reads it as text. */
  on(event: "message", listener: (data: Uint8Array, isBinary: boolean) => void): this;
  on(event: "close", listener: (code: number, reason: Uint8Array) => void): this;
  on(event: "error", listener: (error: Error) => void): this;
  once(event: "message", listener: (data: Uint8Array, isBinary: boolean) => void): this;
  once(event: "close", listener: (code: number, reason: Uint8Array) => void): this;
  once(event: "error", listener: (error: Error) => void): this;
  off(event: "message" | "close" | "error", listener: (...args: never[]) => void): this;
}

/**
 * Opens an operation's websocket (GET /1.0/operations/{id}/websocket?secret=…) over the unix socket
 * or TLS like every other call, and resolves once it is open. The caller reads, writes and closes
 * it; a refused handshake rejects with the daemon's message. A live connection is not a value a
 * program can wait on, so this function has no `…Output` form.
 */
export async function connectIncusOperationWebsocket(
  args: ConnectIncusOperationWebsocketArgs,
  opts?: FunctionOptions,
): Promise<IncusOperationWebsocket> {
  return inAccount(opts, async () => {
    const { schema, IncusClient, openOperationWebsocket } = callTime();
    const {
      id,
      project,
      secret,
      public: anonymous,
      handshakeTimeoutMs,
    } = parseArguments(schema.ConnectIncusOperationWebsocketArgs, args, owner("connectIncusOperationWebsocket"));
    const client = IncusClient.fromSettings({ project, anonymous: anonymous === true });
    try {
      // A ws WebSocket is structurally this interface; the cast keeps `ws`'s own types out of ours.
      return (await openOperationWebsocket(client.connection, id, {
        secret,
        public: anonymous,
        handshakeTimeoutMs,
      })) as unknown as IncusOperationWebsocket;
    } catch (error) {
      throw await requestorMismatch(client, id, anonymous === true, error);
    }
  });
}

/**
 * Incus answers 403 "Requestor mismatch" to anyone but the client that started the operation; LXD
 * 5.0 lets whoever holds the secret connect, which is what the `public` variant relies on. Said
 * with the daemon's name; any other error is returned as it is.
 */
async function requestorMismatch(
  client: IncusClient,
  id: string,
  anonymous: boolean,
  error: unknown,
): Promise<unknown> {
  const { daemon } = callTime();
  if (!(error instanceof AuthError && error.vendorMessage === "Requestor mismatch")) return error;
  const info = await client.daemon().catch(() => undefined);
  const who = info ? daemon.daemonLabel(info) : "Incus";
  const variant = anonymous ? ", so the public variant (which sends no credentials) is refused; LXD accepts it" : "";
  return new daemon.UnsupportedByDaemonError(
    `${who} lets only the client that started operation ${id} connect to its websockets${variant}. Connect with the credentials that started the operation`,
    {
      cloud: "incus",
      operation: error.operation,
      statusCode: error.statusCode,
      vendorMessage: error.vendorMessage,
      cause: error,
    },
  );
}
