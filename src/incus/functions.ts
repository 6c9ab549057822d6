/**
 * Read-only functions for Incus instances (GET /1.0/instances…), each as `fn(args, opts?)` and
 * `fnOutput(args, opts?)`, in camelCase. Ids are what IncusInstance reports: `name` or `project/name`.
 */
import { type FunctionOptions, type InputArgs, inAccount, onFirstCall, outputFunction } from "../core/functions";
import type { GetIncusInstanceArgs, GetIncusInstanceResult, ListIncusInstancesArgs } from "./types";

export type GetIncusInstanceOutputArgs = InputArgs<GetIncusInstanceArgs>;
export type ListIncusInstancesOutputArgs = InputArgs<ListIncusInstancesArgs>;
export type ListIncusInstancesResult = GetIncusInstanceResult[];

/** calls.ts, the bodies of every Incus function, required on the first call of one (see core/functions.ts). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const incusCalls = onFirstCall(() => require("./calls") as typeof import("./calls"));

/**
 * One instance (GET /1.0/instances/{name}) by its `id` (`name` or `project/name`, as IncusInstance
 * reports it), or by `name` and `project`. Rejects with NotFoundError when it does not exist.
 */
export async function getIncusInstance(
  args: GetIncusInstanceArgs,
  opts?: FunctionOptions,
): Promise<GetIncusInstanceResult> {
  return inAccount(opts, () => incusCalls().getIncusInstance(args));
}

/** {@link getIncusInstance} taking Inputs, e.g. `getIncusInstanceOutput({ id: web.id })`. */
export const getIncusInstanceOutput = outputFunction(getIncusInstance);

/** Every instance of a project, or of all projects (GET /1.0/instances?recursion=1). */
export async function listIncusInstances(
  args: ListIncusInstancesArgs = {},
  opts?: FunctionOptions,
): Promise<ListIncusInstancesResult> {
  return inAccount(opts, () => incusCalls().listIncusInstances(args));
}

/** {@link listIncusInstances} taking Inputs. */
export const listIncusInstancesOutput = outputFunction(listIncusInstances);
