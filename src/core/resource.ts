/**
 * Program-side helpers shared by every resource class: the hidden identity input and the resource
 * options that implement `deletionProtection` and secret outputs. Kept free of heavy imports: this
 * runs in the user's program, not in the provider.
 */
import * as pulumi from "@pulumi/pulumi";
import { IDENTITY_INPUT } from "./hidden-fields";
import { providerShimText } from "./shim";

/**
 * Base of every resource class: what `pulumi.dynamic.Resource` registers (a resource of the
 * `pulumi-nodejs` dynamic provider, type `pulumi-nodejs:dynamic/<cloud>:<Type>`, whose `__provider`
 * input the provider process loads), with `__provider` set to the fixed text of `shim.ts` instead
 * of a closure the SDK serializes per program.
 */
export abstract class DynamicResource extends pulumi.CustomResource {
  /** `kind` is "<cloud>:<Type>", e.g. "exoscale:Instance". */
  constructor(kind: string, name: string, props: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) {
    const [cloud, type] = kind.split(":");
    super(`pulumi-nodejs:dynamic/${cloud}:${type}`, name, { ...props, __provider: providerShimText(kind) }, opts);
  }
}

/** "<project>/<stack>/<name>": lets the provider tag what it creates and find it again after a lost response. */
export function identityInput(name: string): Record<string, string> {
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
export function childOptions(parent: pulumi.Resource, opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
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
