/** Read-only functions for the generic Instances API, each as `fn(args, opts?)` and `fnOutput(args, opts?)`. */
import { type FunctionOptions, type InputArgs, inAccount, onFirstCall, outputFunction } from "../core/functions";
import type { GetComputeInstanceArgs, GetComputeInstanceResult, ListComputeInstancesArgs } from "./types";

export type GetComputeInstanceOutputArgs = InputArgs<GetComputeInstanceArgs>;
export type ListComputeInstancesOutputArgs = InputArgs<ListComputeInstancesArgs>;
export type ListComputeInstancesResult = GetComputeInstanceResult[];

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first call (see core/functions.ts)
const calls = onFirstCall(() => require("./calls") as typeof import("./calls"));

/** One instance by its id (GET /v1/instances/{id}); rejects with NotFoundError when it does not exist. */
export async function getComputeInstance(
  args: GetComputeInstanceArgs,
  opts?: FunctionOptions,
): Promise<GetComputeInstanceResult> {
  return inAccount(opts, () => calls().getComputeInstance(args));
}

/** {@link getComputeInstance} taking Inputs, e.g. `getComputeInstanceOutput({ id: vm.id })`. */
export const getComputeInstanceOutput = outputFunction(getComputeInstance);

/** Every instance (GET /v1/instances), narrowed by labels and name when given. */
export async function listComputeInstances(
  args: ListComputeInstancesArgs = {},
  opts?: FunctionOptions,
): Promise<ListComputeInstancesResult> {
  return inAccount(opts, () => calls().listComputeInstances(args));
}

/** {@link listComputeInstances} taking Inputs. */
export const listComputeInstancesOutput = outputFunction(listComputeInstances);
