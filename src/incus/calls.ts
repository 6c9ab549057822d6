/**
 * The bodies of the Incus functions (functions.ts) and of the operations API (operations.ts),
 * required on their first call so that importing the package does not load zod, the client and ws.
 */
import { parseArguments } from "../core/arguments";
import { AuthError, InvalidArgumentsError } from "../core/errors";
import { type IncusOperation, isFinal } from "../core/incus-operations";
import { createLogger } from "../core/log";
import { longPollUntil } from "../core/waiter";
import { IncusClient } from "./client";
import { daemonLabel, requireExtension, UnsupportedByDaemonError } from "./daemon";
import { instanceInfo, operationInfo, parseInstanceId } from "./mapping";
import type { IncusOperationWebsocket } from "./operations";
import * as schema from "./schema";
import type * as types from "./types";
import { openOperationWebsocket } from "./websocket";

const owner = (operation: string) => ({ cloud: "incus", operation });

/**
 * A client of the project `args` name; with `allProjects`, refuses up front a daemon without
 * `extension` (LXD 5.0 would ignore the flag and answer for one project only).
 */
async function listingClient(
  args: { project?: string; allProjects?: boolean },
  extension: string,
  fn: string,
  operation: string,
): Promise<IncusClient> {
  const client = IncusClient.fromSettings({ project: args.project });
  if (args.allProjects) requireExtension(await client.daemon(), extension, `${fn}({ allProjects: true })`, operation);
  return client;
}

export async function getIncusInstance(args: types.GetIncusInstanceArgs): Promise<types.GetIncusInstanceResult> {
  const parsed = parseArguments(schema.GetIncusInstanceArgs, args, owner("getIncusInstance"));
  const { project, name } =
    parsed.id !== undefined ? parseInstanceId(parsed.id) : { project: undefined, name: parsed.name as string };
  const client = IncusClient.fromSettings({ project: project ?? parsed.project });
  return instanceInfo((await client.getInstance(name)).value);
}

export async function listIncusInstances(args: types.ListIncusInstancesArgs): Promise<types.GetIncusInstanceResult[]> {
  const parsed = parseArguments(schema.ListIncusInstancesArgs, args, owner("listIncusInstances"));
  const client = await listingClient(parsed, "instance_all_projects", "listIncusInstances", "listInstances");
  return (await client.listInstances({ allProjects: parsed.allProjects })).map(instanceInfo);
}

export async function listIncusOperations(
  args: types.ListIncusOperationsArgs,
): Promise<string[] | types.GetIncusOperationResult[]> {
  const parsed = parseArguments(schema.ListIncusOperationsArgs, args, owner("listIncusOperations"));
  const client = await listingClient(
    parsed,
    "operations_get_query_all_projects",
    "listIncusOperations",
    "operationsGet",
  );
  const items = await client.operations.list({
    project: parsed.project,
    allProjects: parsed.allProjects,
    recursion: parsed.recursion ?? 0,
  });
  return parsed.recursion === 1 ? (items as IncusOperation[]).map(operationInfo) : (items as string[]);
}

export async function getIncusOperation(args: types.GetIncusOperationArgs): Promise<types.GetIncusOperationResult> {
  const { id, project } = parseArguments(schema.GetIncusOperationArgs, args, owner("getIncusOperation"));
  return operationInfo(await IncusClient.fromSettings({ project }).operations.get(id, project));
}

export async function waitIncusOperation(args: types.WaitIncusOperationArgs): Promise<types.GetIncusOperationResult> {
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
}

export async function cancelIncusOperation(args: types.CancelIncusOperationArgs): Promise<void> {
  const { id, project } = parseArguments(schema.CancelIncusOperationArgs, args, owner("cancelIncusOperation"));
  await IncusClient.fromSettings({ project }).operations.cancel(id, project);
}

export async function connectIncusOperationWebsocket(
  args: types.ConnectIncusOperationWebsocketArgs,
): Promise<IncusOperationWebsocket> {
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
  if (!(error instanceof AuthError && error.vendorMessage === "Requestor mismatch")) return error;
  const info = await client.daemon().catch(() => undefined);
  const who = info ? daemonLabel(info) : "Incus";
  const variant = anonymous ? ", so the public variant (which sends no credentials) is refused; LXD accepts it" : "";
  return new UnsupportedByDaemonError(
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
