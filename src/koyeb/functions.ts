/**
 * Read-only functions for Koyeb instances, each as `fn(args, opts?)` and `fnOutput(args, opts?)`:
 * get one, list (all pages, filtered), list their events (all pages), and exec a command (skipped in
 * previews unless asked). Arguments are validated before any call, and errors name the argument at
 * fault. Koyeb's Terraform and Pulumi providers offer none of these.
 */
import { type FunctionOptions, type InputArgs, inAccount, onFirstCall, outputFunction } from "../core/functions";
import type {
  ExecKoyebInstanceArgs,
  ExecKoyebInstanceResult,
  GetKoyebInstanceArgs,
  GetKoyebInstanceResult,
  KoyebInstanceEvent,
  ListKoyebInstanceEventsArgs,
  ListKoyebInstancesArgs,
} from "./types";

export type GetKoyebInstanceOutputArgs = InputArgs<GetKoyebInstanceArgs>;
export type ListKoyebInstancesOutputArgs = InputArgs<ListKoyebInstancesArgs>;
export type ListKoyebInstancesResult = GetKoyebInstanceResult[];
export type ListKoyebInstanceEventsOutputArgs = InputArgs<ListKoyebInstanceEventsArgs>;
export type ListKoyebInstanceEventsResult = KoyebInstanceEvent[];
export type ExecKoyebInstanceOutputArgs = InputArgs<ExecKoyebInstanceArgs>;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first call (see core/functions.ts)
const calls = onFirstCall(() => require("./calls") as typeof import("./calls"));

/** One instance by id (GET /v1/instances/{id}); rejects with NotFoundError when it does not exist. */
export async function getKoyebInstance(
  args: GetKoyebInstanceArgs,
  opts?: FunctionOptions,
): Promise<GetKoyebInstanceResult> {
  return inAccount(opts, () => calls().getKoyebInstance(args));
}

/** {@link getKoyebInstance} taking Inputs. */
export const getKoyebInstanceOutput = outputFunction(getKoyebInstance);

/** Every instance matching the filters (GET /v1/instances, following every page). */
export async function listKoyebInstances(
  args: ListKoyebInstancesArgs = {},
  opts?: FunctionOptions,
): Promise<ListKoyebInstancesResult> {
  return inAccount(opts, () => calls().listKoyebInstances(args));
}

/** {@link listKoyebInstances} taking Inputs. */
export const listKoyebInstancesOutput = outputFunction(listKoyebInstances);

/** Every event matching the filters (GET /v1/instance_events, following every page). */
export async function listKoyebInstanceEvents(
  args: ListKoyebInstanceEventsArgs = {},
  opts?: FunctionOptions,
): Promise<ListKoyebInstanceEventsResult> {
  return inAccount(opts, () => calls().listKoyebInstanceEvents(args));
}

/** {@link listKoyebInstanceEvents} taking Inputs. */
export const listKoyebInstanceEventsOutput = outputFunction(listKoyebInstanceEvents);

/**
 * Runs a command in a running instance over the exec websocket and returns its output and exit
 * code. A command may change the instance, so a `pulumi preview` does not run it: the result is then
 * `{ ran: false, skipped: "preview" }` and a line in the preview says so (`runInPreview: true` runs
 * it anyway). A non-zero exit code is a result, not an error; an error frame from Koyeb (unknown or
 * stopped instance, …) rejects with its gRPC code and message; the socket is closed in every case,
 * also on timeout.
 */
export async function execKoyebInstance(
  args: ExecKoyebInstanceArgs,
  opts?: FunctionOptions,
): Promise<ExecKoyebInstanceResult> {
  return inAccount(opts, () => calls().execKoyebInstance(args));
}

/** {@link execKoyebInstance} taking Inputs; the same preview rule applies. */
export const execKoyebInstanceOutput = outputFunction(execKoyebInstance);
