/** The ComputeInstance resource class (program side). */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResource, instanceOptions, pausePromiseStacks, resourceProps } from "../core/resource";
import { COMPUTE_INSTANCE_OUTPUTS, type ComputeInstanceArgs, type ComputeInstanceOutputProperties } from "./types";

/**
 * An instance on the generic Instances API. Create and delete wait on the API's operation through
 * the Incus-style `/1.0/operations/{id}/wait` long-poll; the API has no update, so every input
 * change replaces the instance. Its `id` is the API's instance id, the form `ComputeInstance.get`,
 * `adoptId` and the functions take. Endpoint and token: `compute:endpoint` / `compute:token`, or
 * COMPUTE_API_URL / COMPUTE_API_TOKEN.
 *
 * @example
 * ```ts
 * import { ComputeInstance, getComputeInstanceOutput } from "pulumi-dynamic-compute";
 *
 * const vm = new ComputeInstance("web", { name: "web-server-01", type: "cx31", image: "ubuntu-22.04", labels: { team: "platform" } });
 * export const privateIp = vm.privateIp;
 * export const host = getComputeInstanceOutput({ id: vm.id }).hostId;
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the merged interface holds the output properties, which the engine sets, not this class
export class ComputeInstance extends pulumi.CustomResource {
  /**
   * Reads an existing instance by its id into the program as a read-only resource (Pulumi never
   * changes or deletes it).
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): ComputeInstance {
    return new ComputeInstance(name, {} as ComputeInstanceArgs, { ...opts, id });
  }

  constructor(name: string, args: ComputeInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const stacks = pausePromiseStacks();
    try {
      super(
        ...dynamicResource(
          "compute:Instance",
          name,
          resourceProps(COMPUTE_INSTANCE_OUTPUTS, args, name),
          instanceOptions(args.deletionProtection, opts),
        ),
      );
    } catch (error) {
      throw stacks.failed(error);
    } finally {
      stacks.resume();
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface ComputeInstance extends ComputeInstanceOutputProperties {}
