/** The IncusInstance resource class (program side). */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResource, instanceOptions, pausePromiseStacks, resourceProps } from "../core/resource";
import { INCUS_INSTANCE_OUTPUTS, type IncusInstanceArgs, type IncusInstanceOutputProperties } from "./types";

/**
 * An Incus (or LXD) instance, a container or a virtual machine. Every asynchronous step is an Incus
 * operation waited on with the `/wait` long-poll; updates use ETags so a concurrent change is
 * reported, never overwritten. Its `id` is `name` in the default project and `project/name`
 * elsewhere, the form `IncusInstance.get`, `adoptId` and the functions take. See docs/incus.md
 * in the repository for the connection settings and the full lifecycle.
 *
 * @example
 * ```ts
 * import { IncusInstance, getIncusInstanceOutput } from "pulumi-dynamic-compute";
 *
 * const web = new IncusInstance("web", {
 *   name: "web",
 *   image: "busybox",
 *   config: { "limits.cpu": 1, "user.team": "platform" },
 *   deletionProtection: true,
 * });
 * export const status = web.status;
 * export const created = getIncusInstanceOutput({ id: web.id }).createdAt;
 * ```
 */
/**
 * The `project` each instance was declared with. A snapshot follows its instance's project from this
 * input, not from the `project` output: while the instance has an update planned, a preview knows
 * none of its outputs, and an unknown project would plan the snapshot's replacement.
 */
const declaredProjects = new WeakMap<IncusInstance, pulumi.Input<string> | undefined>();

/** The `project` input of an instance, when the program set one. */
export function declaredProject(instance: IncusInstance): pulumi.Input<string> | undefined {
  return declaredProjects.get(instance);
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the merged interface holds the output properties, which the engine sets, not this class
export class IncusInstance extends pulumi.CustomResource {
  /**
   * Reads an existing instance into the program without managing it (`Resource.get`): its outputs
   * are available, and `pulumi destroy` leaves it alone. `id` is "name" or "project/name".
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): IncusInstance {
    return new IncusInstance(name, {} as IncusInstanceArgs, { ...opts, id });
  }

  constructor(name: string, args: IncusInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const stacks = pausePromiseStacks();
    try {
      super(
        ...dynamicResource(
          "incus:Instance",
          name,
          resourceProps(INCUS_INSTANCE_OUTPUTS, args, name),
          instanceOptions(args.deletionProtection, opts),
        ),
      );
    } catch (error) {
      throw stacks.failed(error);
    } finally {
      stacks.resume();
    }
    declaredProjects.set(this, args.project);
  }
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface IncusInstance extends IncusInstanceOutputProperties {}
