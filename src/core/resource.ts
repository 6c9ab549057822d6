/**
 * Program-side helpers shared by every resource class: the hidden identity input and the resource
 * options that implement `deletionProtection` and secret outputs. Kept free of heavy imports: this
 * runs in the user's program, not in the provider.
 */
import * as pulumi from "@pulumi/pulumi";
import { checkAccountCloud } from "./account";
import { IDENTITY_INPUT } from "./hidden-fields";
import { providerShimText } from "./shim";

/**
 * The arguments of `pulumi.CustomResource` for a resource of `kind` ("exoscale:Instance"), as
 * `super(...dynamicResource(kind, name, props, opts))`: what `pulumi.dynamic.Resource` registers (a
 * resource of the `pulumi-nodejs` dynamic provider, type `pulumi-nodejs:dynamic/<cloud>:<Type>`,
 * whose `__provider` input the provider process loads), with `__provider` set to the fixed text of
 * `shim.ts` instead of a closure the SDK serializes. Extending `pulumi.CustomResource` directly also
 * makes the source position the engine records the user's `new …` line, not this package's class.
 */
export function dynamicResource(
  kind: string,
  name: string,
  props: pulumi.Inputs,
  opts?: pulumi.CustomResourceOptions,
): [string, string, pulumi.Inputs, pulumi.CustomResourceOptions | undefined] {
  const [cloud, type] = kind.split(":");
  checkAccountCloud(kind, name, opts);
  return [`pulumi-nodejs:dynamic/${cloud}:${type}`, name, { ...props, __provider: providerShimText(kind) }, opts];
}

/** "<project>/<stack>/<name>": lets the provider tag what it creates and find it again after a lost response. */
function identityInput(name: string): Record<string, string> {
  return { [IDENTITY_INPUT]: `${pulumi.getProject()}/${pulumi.getStack()}/${name}` };
}

/**
 * Resource options for an instance: `protect` defaults to `deletionProtection` when the caller did
 * not set it, and `secretOutputs` are always encrypted in state.
 */
export function instanceOptions(
  deletionProtection: boolean | undefined,
  opts: pulumi.CustomResourceOptions | undefined,
  secretOutputs: string[] = [],
): pulumi.CustomResourceOptions {
  const protect = opts?.protect ?? (deletionProtection === true ? true : undefined);
  return {
    ...opts,
    ...(protect !== undefined ? { protect } : {}),
    additionalSecretOutputs: [...new Set([...(opts?.additionalSecretOutputs ?? []), ...secretOutputs])],
  };
}

/** Options for a child resource (a snapshot): `parent` defaults to the instance. */
export function childOptions(
  parent: pulumi.Resource,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.CustomResourceOptions {
  return { parent, ...opts };
}

/**
 * The props object for a dynamic resource: every output name registered (undefined until the
 * provider fills it in), then the caller's inputs. Listing all of them also makes `Resource.get`
 * (read-only lookups, which carry no inputs) expose every output.
 */
export function resourceProps(outputNames: readonly string[], args: object, name: string): Record<string, unknown> {
  return { ...Object.fromEntries(outputNames.map((key) => [key, undefined])), ...args, ...identityInput(name) };
}

/**
 * Switches off, for the synchronous extent of a resource class's `super(...)`, the stack trace
 * `@pulumi/pulumi` takes for every promise it makes while registering a resource
 * (`debuggablePromise`, several per property; only read when PULUMI_DEBUG_PROMISE_LEAKS asks for
 * leak reports). In a TypeScript program each of those traces goes through ts-node's source maps,
 * which made them most of the program's CPU per resource in a fleet (figures:
 * docs/contributing/benchmarks.md#figures-behind-choices-in-the-code). The source position the
 * engine records is not affected: the SDK lifts the limit itself to take it. Use as:
 *
 *     const stacks = pausePromiseStacks();
 *     try { super(...); } catch (error) { throw stacks.failed(error); } finally { stacks.resume(); }
 */
export function pausePromiseStacks(): { resume(): void; failed(error: unknown): unknown } {
  const limit = Error.stackTraceLimit;
  if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) Error.stackTraceLimit = 0;
  const resume = () => {
    Error.stackTraceLimit = limit;
  };
  return {
    resume,
    // An error thrown by the SDK's constructor was made without a stack: give it one from here,
    // which includes the program's `new …` line.
    failed(error) {
      resume();
      if (error instanceof Error) Error.captureStackTrace(error);
      return error;
    },
  };
}
