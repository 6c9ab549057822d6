/** The ComputeInstance resource class (program side). */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResource, instanceOptions, resourceProps } from "../core/resource";

const OUTPUTS = ["name", "labels", "type", "image", "vcpus", "memoryMb", "diskGb", "vpcId", "subnetId", "securityGroups", "sshKeyIds", "userData", "state", "hostId", "privateIp", "publicIp", "createdAt", "creationToken"] as const;

/** Inputs of {@link ComputeInstance}. Every change replaces the instance (the API has no update). */
export interface ComputeInstanceArgs {
  /** Unique instance name: 1-63 lowercase letters, digits or hyphens. */
  name: pulumi.Input<string>;
  labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Server type, e.g. "cx31". */
  type: pulumi.Input<string>;
  /** OS image, e.g. "ubuntu-22.04". */
  image: pulumi.Input<string>;
  vcpus?: pulumi.Input<number>;
  memoryMb?: pulumi.Input<number>;
  diskGb?: pulumi.Input<number>;
  vpcId?: pulumi.Input<string>;
  subnetId?: pulumi.Input<string>;
  securityGroups?: pulumi.Input<pulumi.Input<string>[]>;
  sshKeyIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Plain-text cloud-init (encoded for you). Wrap in `pulumi.secret()` to keep it encrypted in state. */
  userData?: pulumi.Input<string>;
  /** Take over an existing instance by id instead of creating one (`pulumi import` does not work for dynamic resources). */
  adoptId?: pulumi.Input<string>;
  /** Sets the Pulumi `protect` option unless you set it yourself (the API has no server-side flag). */
  deletionProtection?: boolean;
  /** How long to wait, in seconds (default 1200 each). */
  timeouts?: pulumi.Input<{ create?: number; delete?: number }>;
}

/**
 * An instance on the generic Instances API (seed 003). Create and delete wait on the API's
 * operation through the Incus-style `/1.0/operations/{id}/wait` long-poll.
 */
export class ComputeInstance extends pulumi.CustomResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly labels: pulumi.Output<Record<string, string> | undefined>;
  declare readonly type: pulumi.Output<string>;
  declare readonly image: pulumi.Output<string>;
  declare readonly vcpus: pulumi.Output<number | undefined>;
  declare readonly memoryMb: pulumi.Output<number | undefined>;
  declare readonly diskGb: pulumi.Output<number | undefined>;
  declare readonly vpcId: pulumi.Output<string | undefined>;
  declare readonly subnetId: pulumi.Output<string | undefined>;
  declare readonly securityGroups: pulumi.Output<string[] | undefined>;
  declare readonly sshKeyIds: pulumi.Output<string[] | undefined>;
  declare readonly userData: pulumi.Output<string | undefined>;
  /** provisioning, running, stopping, stopped or terminated. */
  declare readonly state: pulumi.Output<string>;
  declare readonly hostId: pulumi.Output<string>;
  declare readonly privateIp: pulumi.Output<string>;
  declare readonly publicIp: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string>;

  /**
   * Reads an existing instance into the program as a read-only resource (Pulumi never changes or
   * deletes it). Works on this engine because the read request carries the provider shim.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): ComputeInstance {
    return new ComputeInstance(name, {} as ComputeInstanceArgs, { ...opts, id });
  }

  constructor(name: string, args: ComputeInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      ...dynamicResource(
        "compute:Instance",
        name,
        resourceProps(OUTPUTS, args, name),
        instanceOptions(args.deletionProtection, opts),
      ),
    );
  }
}
