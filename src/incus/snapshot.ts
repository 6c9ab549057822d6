/** The IncusInstanceSnapshot resource class (program side). */
import * as pulumi from "@pulumi/pulumi";
import { childOptions, dynamicResource, pausePromiseStacks, resourceProps } from "../core/resource";
import { declaredProject, IncusInstance } from "./instance";
import {
  INCUS_INSTANCE_SNAPSHOT_OUTPUTS,
  type IncusInstanceSnapshotArgs,
  type IncusInstanceSnapshotOutputProperties,
} from "./types";

/**
 * A snapshot of an Incus instance, a child of the instance by default. Deleting it after its
 * instance is gone succeeds (the instance's deletion removed it already). Its `id` is
 * `instance/snapshot` in the default project and `project/instance/snapshot` elsewhere, the form
 * `IncusInstanceSnapshot.get` and `adoptId` take.
 *
 * @example
 * ```ts
 * import { IncusInstance, IncusInstanceSnapshot } from "pulumi-dynamic-compute";
 *
 * const web = new IncusInstance("web", { name: "web", image: "busybox" });
 * const beforeUpgrade = new IncusInstanceSnapshot("before-upgrade", { instance: web, expiresAt: "2030-01-01T00:00:00Z" });
 * export const snapshotId = beforeUpgrade.id; // "web/before-upgrade"
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the merged interface holds the output properties, which the engine sets, not this class
export class IncusInstanceSnapshot extends pulumi.CustomResource {
  /** Reads an existing snapshot by its id, `instance/snapshot` or `project/instance/snapshot`, as a read-only resource. */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): IncusInstanceSnapshot {
    return new IncusInstanceSnapshot(name, {} as IncusInstanceSnapshotArgs, { ...opts, id });
  }

  constructor(name: string, args: IncusInstanceSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
    const parent = args.instance instanceof IncusInstance ? args.instance : undefined;
    const { instance, ...rest } = args;
    // `get` passes no instance: the read fills every output from the snapshot itself.
    const inputs =
      instance === undefined
        ? rest
        : {
            ...rest,
            instance: parent ? parent.name : instance,
            name: args.name ?? name,
            project: args.project ?? (parent ? declaredProject(parent) : undefined),
          };
    const stacks = pausePromiseStacks();
    try {
      super(
        ...dynamicResource(
          "incus:InstanceSnapshot",
          name,
          resourceProps(INCUS_INSTANCE_SNAPSHOT_OUTPUTS, inputs, name),
          parent ? childOptions(parent, opts) : opts,
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
export interface IncusInstanceSnapshot extends IncusInstanceSnapshotOutputProperties {}
