/**
 * Read-only functions over the Exoscale instance API, each as `fn(args, opts?)` and
 * `fnOutput(args, opts?)`. Ids are what ExoscaleInstance reports as its id (`zone/uuid`).
 */
import { type FunctionOptions, type InputArgs, inAccount, onFirstCall, outputFunction } from "../core/functions";
import type {
  GetExoscaleConsoleUrlArgs,
  GetExoscaleConsoleUrlResult,
  GetExoscaleInstanceArgs,
  GetExoscaleInstanceResult,
  ListExoscaleInstancesArgs,
  RevealExoscaleInstancePasswordArgs,
  RevealExoscaleInstancePasswordResult,
} from "./types";

export type GetExoscaleInstanceOutputArgs = InputArgs<GetExoscaleInstanceArgs>;
export type ListExoscaleInstancesOutputArgs = InputArgs<ListExoscaleInstancesArgs>;
export type ListExoscaleInstancesResult = GetExoscaleInstanceResult[];
export type GetExoscaleConsoleUrlOutputArgs = InputArgs<GetExoscaleConsoleUrlArgs>;
export type RevealExoscaleInstancePasswordOutputArgs = InputArgs<RevealExoscaleInstancePasswordArgs>;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first call (see core/functions.ts)
const calls = onFirstCall(() => require("./calls") as typeof import("./calls"));

/** One instance by its id (GET /instance/{id}); rejects with NotFoundError when it does not exist. */
export async function getExoscaleInstance(
  args: GetExoscaleInstanceArgs,
  opts?: FunctionOptions,
): Promise<GetExoscaleInstanceResult> {
  return inAccount(opts, () => calls().getExoscaleInstance(args));
}

/** {@link getExoscaleInstance} taking Inputs, e.g. `getExoscaleInstanceOutput({ id: web.id })`. */
export const getExoscaleInstanceOutput = outputFunction(getExoscaleInstance);

/** Instances of one zone (GET /instance) with the API's filters. */
export async function listExoscaleInstances(
  args: ListExoscaleInstancesArgs,
  opts?: FunctionOptions,
): Promise<ListExoscaleInstancesResult> {
  return inAccount(opts, () => calls().listExoscaleInstances(args));
}

/** {@link listExoscaleInstances} taking Inputs. */
export const listExoscaleInstancesOutput = outputFunction(listExoscaleInstances);

/** A console-proxy websocket URL for the instance's VNC console (GET /console/{id}), valid 60 seconds. */
export async function getExoscaleConsoleUrl(
  args: GetExoscaleConsoleUrlArgs,
  opts?: FunctionOptions,
): Promise<GetExoscaleConsoleUrlResult> {
  return inAccount(opts, () => calls().getExoscaleConsoleUrl(args));
}

/** {@link getExoscaleConsoleUrl} taking Inputs; the result is a secret (the URL embeds a token). */
export const getExoscaleConsoleUrlOutput = outputFunction(getExoscaleConsoleUrl, { secret: true });

/**
 * The instance's password (GET /instance/{id}:password), as set at creation or by the latest reset.
 * The plain form returns it in clear text: wrap it in `pulumi.secret()` before exporting it, or use
 * {@link revealExoscaleInstancePasswordOutput}, whose result is a secret. ExoscaleInstance's
 * `password` output is one already.
 */
export async function revealExoscaleInstancePassword(
  args: RevealExoscaleInstancePasswordArgs,
  opts?: FunctionOptions,
): Promise<RevealExoscaleInstancePasswordResult> {
  return inAccount(opts, () => calls().revealExoscaleInstancePassword(args));
}

/** {@link revealExoscaleInstancePassword} taking Inputs; the result is a secret. */
export const revealExoscaleInstancePasswordOutput = outputFunction(revealExoscaleInstancePassword, { secret: true });
