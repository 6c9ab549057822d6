/** The ExoscaleInstanceSnapshot resource class (program side). */
import * as pulumi from "@pulumi/pulumi";
import { childOptions, dynamicResource, identityInput } from "../core/resource";
import type { ExoscaleInstance } from "./instance";

/** Inputs of {@link ExoscaleInstanceSnapshot}. */
export interface ExoscaleInstanceSnapshotArgs {
  /** The instance to snapshot (also the default `parent`). */
  instance: ExoscaleInstance;
  /** Wait limits in seconds (default 1200 each). */
  timeouts?: pulumi.Input<{ create?: number; delete?: number }>;
}

/**
 * A snapshot of an Exoscale instance's disk (`:create-snapshot`), ready when created. Deleting it
 * after its instance is gone succeeds. To revert, set the instance's `restoreSnapshotId` to its id.
 */
export class ExoscaleInstanceSnapshot extends pulumi.CustomResource {
  declare readonly instanceId: pulumi.Output<string>;
  declare readonly zone: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  /** snapshotting, ready, exporting, exported, deleting or error. */
  declare readonly state: pulumi.Output<string>;
  /** Size in GiB. */
  declare readonly size: pulumi.Output<number | undefined>;
  declare readonly createdAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: ExoscaleInstanceSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      ...dynamicResource(
        "exoscale:InstanceSnapshot",
        name,
        { name: undefined, state: undefined, size: undefined, createdAt: undefined, instanceId: args.instance.id, zone: args.instance.zone, timeouts: args.timeouts, ...identityInput(name) },
        childOptions(args.instance, opts),
      ),
    );
  }
}
