/**
 * The one resource class factory: every exported resource class (ExoscaleInstance, …) is the class
 * `resourceClass` returns for its entry of src/kinds.ts, not a subclass of a shared base. The SDK
 * records as source position a fixed frame (`Resource.stackTrace(4)`: Resource, CustomResource, the
 * concrete class, then the caller), so a class between CustomResource and the exported one would
 * record a line of this package instead of the program's `new …`.
 */
import * as pulumi from "@pulumi/pulumi";
import { kindId, type ResourceKindEntry } from "../kinds";
import { dynamicResource, instanceOptions, pausePromiseStacks, resourceProps } from "./resource";

/** A resource class: `new X(name, args, opts)`, `X.get(name, id, opts)`, `instanceof X`, `class Y extends X`. */
export interface ResourceClass<Args, Instance extends pulumi.CustomResource> {
  new (name: string, args: Args, opts?: pulumi.CustomResourceOptions): Instance;
  /**
   * Reads an existing resource by its id (in the form the class's description gives) into the
   * program as a read-only resource: Pulumi never changes or deletes it.
   */
  get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Instance;
  /** Whether `obj` is a CustomResource, across copies of `@pulumi/pulumi`. */
  isInstance: typeof pulumi.CustomResource.isInstance;
  readonly prototype: Instance;
}

/** What a kind does on the program side besides registering its Args (all optional). */
interface ClassHooks<Args> {
  /** The inputs the provider receives (default: the Args as given). */
  inputs?(args: Args, name: string): object;
  /** The resource options (default: `protect` from `deletionProtection`, and the kind's secret outputs). */
  options?(args: Args, opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions | undefined;
  /** Called with each new resource, e.g. to remember what the program declared for another class. */
  created?(resource: pulumi.CustomResource, args: Args): void;
}

/**
 * The class of `kind`: registers a resource of the `pulumi-nodejs` dynamic provider with every name
 * of `outputNames` (so each output resolves, also for `get`), the program's inputs and the
 * `__provider` shim.
 */
export function resourceClass<Args extends object, Instance extends pulumi.CustomResource>(
  kind: ResourceKindEntry,
  outputNames: readonly string[],
  hooks: ClassHooks<Args> = {},
): ResourceClass<Args, Instance> {
  const id = kindId(kind);
  const options =
    hooks.options ??
    ((args: Args, opts: pulumi.CustomResourceOptions | undefined) =>
      instanceOptions(
        kind.deletionProtection ? (args as { deletionProtection?: boolean }).deletionProtection : undefined,
        opts,
        [...kind.secretOutputs],
      ));
  const resource = class extends pulumi.CustomResource {
    static get(name: string, resourceId: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions) {
      return new resource(name, {} as Args, { ...opts, id: resourceId });
    }

    constructor(name: string, args: Args, opts?: pulumi.CustomResourceOptions) {
      const inputs = hooks.inputs ? hooks.inputs(args, name) : args;
      const stacks = pausePromiseStacks();
      try {
        super(...dynamicResource(id, name, resourceProps(outputNames, inputs, name), options(args, opts)));
      } catch (error) {
        throw stacks.failed(error);
      } finally {
        stacks.resume();
      }
      hooks.created?.(this, args);
    }
  };
  Object.defineProperty(resource, "name", { value: kind.className });
  return resource as unknown as ResourceClass<Args, Instance>;
}
