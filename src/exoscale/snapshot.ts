/** The ExoscaleInstanceSnapshot resource class (program side). */
import * as pulumi from "@pulumi/pulumi";
import { childOptions, dynamicResource, pausePromiseStacks, resourceProps } from "../core/resource";
import { declaredDeletionProtection } from "./instance";
import {
  EXOSCALE_INSTANCE_SNAPSHOT_OUTPUTS,
  type ExoscaleInstanceSnapshotArgs,
  type ExoscaleInstanceSnapshotOutputProperties,
} from "./types";

/**
 * A snapshot of an Exoscale instance's disk (`:create-snapshot`), ready when created. Deleting it
 * after its instance is gone succeeds. Its `id` is `zone/uuid`; to revert the instance to it, set
 * the instance's `restoreSnapshotId` to that id.
 *
 * @example
 * ```ts
 * import { ExoscaleInstance, ExoscaleInstanceSnapshot } from "pulumi-dynamic-compute";
 *
 * const web = new ExoscaleInstance("web", { zone: "ch-gva-2", name: "web-1", instanceType: "standard.small", template: "Linux Ubuntu 24.04 LTS 64-bit" });
 * const nightly = new ExoscaleInstanceSnapshot("nightly", { instance: web });
 * export const snapshotId = nightly.id;
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the merged interface holds the output properties, which the engine sets, not this class
export class ExoscaleInstanceSnapshot extends pulumi.CustomResource {
  /** Reads an existing snapshot by its id, `zone/uuid`, as a read-only resource. */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): ExoscaleInstanceSnapshot {
    return new ExoscaleInstanceSnapshot(name, {} as ExoscaleInstanceSnapshotArgs, { ...opts, id });
  }

  constructor(name: string, args: ExoscaleInstanceSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
    // `get` passes no instance: the read fills every output from the snapshot itself.
    const { instance, ...rest } = args;
    // The instance's protection travels with the snapshot, because the snapshot's delete needs it
    // and Exoscale never shows it. The declared value is known at preview; the snapshot is updated
    // after its instance, so it records the value once the instance has applied it.
    const inputs = instance
      ? {
          ...rest,
          instanceId: instance.id,
          zone: instance.zone,
          instanceDeletionProtection: declaredDeletionProtection(instance),
        }
      : rest;
    const stacks = pausePromiseStacks();
    try {
      super(
        ...dynamicResource(
          "exoscale:InstanceSnapshot",
          name,
          resourceProps(EXOSCALE_INSTANCE_SNAPSHOT_OUTPUTS, inputs, name),
          instance ? childOptions(instance, opts) : opts,
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
export interface ExoscaleInstanceSnapshot extends ExoscaleInstanceSnapshotOutputProperties {}
