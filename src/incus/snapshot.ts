/** The IncusInstanceSnapshot resource class (program side). */
import * as pulumi from "@pulumi/pulumi";
import { childOptions, dynamicResource, identityInput } from "../core/resource";
import { IncusInstance } from "./instance";

/** Inputs of {@link IncusInstanceSnapshot}. */
export interface IncusInstanceSnapshotArgs {
  /** The instance to snapshot: the IncusInstance resource (which also becomes the parent), or an instance name. */
  instance: IncusInstance | pulumi.Input<string>;
  /** Snapshot name, unique per instance (default: the resource name). Changing it replaces the snapshot. */
  name?: pulumi.Input<string>;
  /** Include the instance's running state (memory); needs CRIU on the server for containers. Fixed at creation. */
  stateful?: pulumi.Input<boolean>;
  /** When the daemon deletes the snapshot by itself (ISO 8601, e.g. "2030-01-01T00:00:00Z"); changed in place. */
  expiresAt?: pulumi.Input<string>;
  /** Incus project; default: the instance's project, else `incus:project` / INCUS_PROJECT. */
  project?: pulumi.Input<string>;
  /** Take over an existing snapshot: "instance/snapshot" or "project/instance/snapshot". */
  adoptId?: pulumi.Input<string>;
  /** How long to wait for each step, in seconds (default 600 each). */
  timeouts?: pulumi.Input<{ create?: number; update?: number; delete?: number }>;
}

/**
 * A snapshot of an Incus instance, a child of the instance by default. Deleting it after its
 * instance is gone succeeds (the instance's deletion removed it already).
 */
export class IncusInstanceSnapshot extends pulumi.CustomResource {
  declare readonly instance: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly stateful: pulumi.Output<boolean | undefined>;
  declare readonly expiresAt: pulumi.Output<string | undefined>;
  declare readonly project: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string>;
  /** Bytes used, when the daemon reports it. */
  declare readonly size: pulumi.Output<number | undefined>;

  constructor(name: string, args: IncusInstanceSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
    const parent = args.instance instanceof IncusInstance ? args.instance : undefined;
    const { instance, ...rest } = args;
    super(
      ...dynamicResource(
        "incus:InstanceSnapshot",
        name,
        {
          createdAt: undefined,
          size: undefined,
          ...rest,
          instance: parent ? parent.name : (instance as pulumi.Input<string>),
          name: args.name ?? name,
          project: args.project ?? parent?.project,
          ...identityInput(name),
        },
        parent ? childOptions(parent, opts) : opts,
      ),
    );
  }
}
