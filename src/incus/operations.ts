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
import {
  type FunctionOptions,
  type FunctionOutputOptions,
  type InputArgs,
  inAccount,
  outputFunction,
} from "../core/functions";
import { incusCalls as calls } from "./functions";
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
  return inAccount(opts, () => calls().listIncusOperations(args));
}

/** The `…Output` form of {@link listIncusOperations}, with the same three overloads. */
type ListIncusOperationsOutput = {
  (args?: ListIncusOperationsOutputArgs & { recursion?: 0 }, opts?: FunctionOutputOptions): pulumi.Output<string[]>;
  (
    args: ListIncusOperationsOutputArgs & { recursion: 1 },
    opts?: FunctionOutputOptions,
  ): pulumi.Output<GetIncusOperationResult[]>;
  (
    args?: ListIncusOperationsOutputArgs,
    opts?: FunctionOutputOptions,
  ): pulumi.Output<string[] | GetIncusOperationResult[]>;
};

/** {@link listIncusOperations} taking Inputs. */
export const listIncusOperationsOutput = outputFunction(
  listIncusOperations as (
    args?: ListIncusOperationsArgs,
    opts?: FunctionOptions,
  ) => Promise<string[] | GetIncusOperationResult[]>,
) as ListIncusOperationsOutput;

/** One operation (GET /1.0/operations/{id}); rejects with NotFoundError once the daemon forgot it. */
export async function getIncusOperation(
  args: GetIncusOperationArgs,
  opts?: FunctionOptions,
): Promise<GetIncusOperationResult> {
  return inAccount(opts, () => calls().getIncusOperation(args));
}

/** {@link getIncusOperation} taking Inputs. */
export const getIncusOperationOutput = outputFunction(getIncusOperation);

/**
 * Waits for an operation (GET /1.0/operations/{id}/wait?timeout=N) and returns its state then. A
 * failed or cancelled operation is returned, not thrown: look at `statusCode` and `err`.
 */
export async function waitIncusOperation(
  args: WaitIncusOperationArgs,
  opts?: FunctionOptions,
): Promise<GetIncusOperationResult> {
  return inAccount(opts, () => calls().waitIncusOperation(args));
}

/** {@link waitIncusOperation} taking Inputs. */
export const waitIncusOperationOutput = outputFunction(waitIncusOperation);

/**
 * Cancels an operation (DELETE /1.0/operations/{id}); the daemon refuses (400) operations that
 * cannot be cancelled. An action, not a lookup: it has no `…Output` form, so that a preview never
 * cancels anything.
 */
export async function cancelIncusOperation(args: CancelIncusOperationArgs, opts?: FunctionOptions): Promise<void> {
  return inAccount(opts, () => calls().cancelIncusOperation(args));
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
  return inAccount(opts, () => calls().connectIncusOperationWebsocket(args));
}
