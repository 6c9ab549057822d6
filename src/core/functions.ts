/**
 * The two forms every function has, as in Pulumi's generated SDKs: `getX(args, opts?)` resolves a
 * Promise from plain values; `getXOutput(args, opts?)` takes Inputs (e.g. another resource's `id`)
 * and returns an Output, so no hand-written `.apply` is needed. The Output form calls the plain one
 * once every argument is known: during a preview of a resource not created yet, its result is
 * unknown, as Pulumi's own functions behave.
 *
 * Every program loads each cloud's functions module along with the resource classes, and most never
 * call a function. So a cloud's `functions.ts` holds only the declarations, and the bodies (with what
 * they need: zod schemas, the API client) live in its `calls.ts`, required once on the first call
 * through {@link onFirstCall}: importing the package stays cheap before its first resource can register
 * (figures: docs/contributing/benchmarks.md#figures-behind-choices-in-the-code).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CloudAccount } from "./account";

/**
 * Options of the plain form (Pulumi's InvokeOptions). These functions call the cloud's API from the
 * program itself, with the default account (stack config and environment) unless given `account`:
 * `version` and `pluginDownloadURL` do not apply, and `provider` is taken as `account` when it is one.
 */
export interface FunctionOptions extends pulumi.InvokeOptions {
  /** The account to call with (`ExoscaleAccount`, `IncusRemote`, …), of the function's cloud; see docs/accounts.md. */
  account?: CloudAccount;
}

/** Options of the `…Output` form: also `dependsOn`, resources whose creation or update must finish before the call. */
export interface FunctionOutputOptions extends FunctionOptions {
  dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource>;
}

/** Arguments with Pulumi Inputs at every level, as the `…Output` forms take them. */
export type InputArgs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

// @pulumi/pulumi is a peer dependency the program has loaded already; required here so that this
// module's declarations stay type-only for the provider process.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = () => require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");

/**
 * `load` run once, on the first call of the function returned, and its result kept: what a functions
 * module requires at call time instead of at import (see above).
 */
export function onFirstCall<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}

/**
 * Runs a function's `call` with the account `opts` names (`account`, or a `provider` that is an
 * account object), or with the default account when it names none.
 */
export async function inAccount<R>(opts: FunctionOptions | undefined, call: () => Promise<R>): Promise<R> {
  if (opts?.account === undefined && opts?.provider === undefined) return call();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { accountSettings, CloudAccount } = require("./account") as typeof import("./account");
  const account = opts.account ?? (opts.provider instanceof CloudAccount ? opts.provider : undefined);
  if (account === undefined) return call();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { withAccountSettings } = require("./credentials") as typeof import("./credentials");
  return withAccountSettings(await accountSettings(account), call);
}

/** Something to wait for: a custom resource is done once its id is known, any resource once its URN is. */
function completion(resource: pulumi.Resource): pulumi.Output<unknown> {
  const custom = resource as Partial<pulumi.CustomResource>;
  return custom.id !== undefined ? custom.id : resource.urn;
}

/**
 * The `…Output` form of a function: resolves `args` (and `dependsOn`), then calls `call` with plain
 * values. Secrets among the arguments keep the result secret; `secret` makes it secret always
 * (passwords, URLs with a token).
 */
export function outputForm<A, R>(
  call: (args: A, opts?: FunctionOptions) => Promise<R>,
  args: unknown,
  opts: FunctionOutputOptions = {},
  secret = false,
): pulumi.Output<R> {
  const pulumi = sdk();
  const { dependsOn, ...invokeOptions } = opts;
  const waits = pulumi
    .output(dependsOn ?? [])
    .apply((resources) => pulumi.all((Array.isArray(resources) ? resources : [resources]).map(completion)));
  const result = pulumi.all([pulumi.output(args), waits]).apply(([plain]) => call(plain as A, invokeOptions));
  return (secret ? pulumi.secret(result) : result) as pulumi.Output<R>;
}

/** The `…Output` form of a function whose plain form is `F`: the same arguments as Inputs, and `dependsOn`. */
type OutputFunction<F> = F extends (...params: infer P) => Promise<infer R>
  ? (...params: OutputParameters<P>) => pulumi.Output<R>
  : never;

/** `[args, opts?]` of a plain form as the `…Output` form takes them; `args` stays optional where it was. */
type OutputParameters<P> = P extends [args: infer A, opts?: FunctionOptions]
  ? [args: InputArgs<A>, opts?: FunctionOutputOptions]
  : P extends [args?: infer A, opts?: FunctionOptions]
    ? [args?: InputArgs<NonNullable<A>>, opts?: FunctionOutputOptions]
    : never;

/**
 * The `…Output` form of the plain function `call` (see {@link outputForm}), e.g.
 * `export const getXOutput = outputFunction(getX)`; `{ secret: true }` for results that are always
 * secret (passwords, URLs with a token).
 */
export function outputFunction<F extends (args: never, opts?: FunctionOptions) => Promise<unknown>>(
  call: F,
  options: { secret?: boolean } = {},
): OutputFunction<F> {
  const form = (args: unknown, opts?: FunctionOutputOptions) =>
    outputForm(
      call as unknown as (args: unknown, opts?: FunctionOptions) => Promise<unknown>,
      args,
      opts,
      options.secret,
    );
  return form as unknown as OutputFunction<F>;
}
