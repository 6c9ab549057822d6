// Generated from schema.ts by scripts/generate-types.js: do not edit, run `npm run types` after changing a schema.
import type * as pulumi from "@pulumi/pulumi";

/** Inputs of ComputeInstance. Every change replaces the instance (the API has no update). */
export interface ComputeInstanceArgs {
  /**
   * Unique instance name: 1-63 lowercase letters, digits or hyphens. A change replaces the instance (the API has no
   * update).
   */
  name: pulumi.Input<string>;
  /** Labels. A change replaces the instance (the API has no update). */
  labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Server type, e.g. `cx31`. A change replaces the instance (the API has no update). */
  type: pulumi.Input<string>;
  /** OS image, e.g. `ubuntu-22.04`. A change replaces the instance (the API has no update). */
  image: pulumi.Input<string>;
  /** Virtual CPUs, 1-256. A change replaces the instance (the API has no update). */
  vcpus?: pulumi.Input<number>;
  /** Memory in MiB. A change replaces the instance (the API has no update). */
  memoryMb?: pulumi.Input<number>;
  /** Disk in GB. A change replaces the instance (the API has no update). */
  diskGb?: pulumi.Input<number>;
  /** VPC to attach to. A change replaces the instance (the API has no update). */
  vpcId?: pulumi.Input<string>;
  /** Subnet to attach to. A change replaces the instance (the API has no update). */
  subnetId?: pulumi.Input<string>;
  /** Security group ids (order does not matter). A change replaces the instance (the API has no update). */
  securityGroups?: pulumi.Input<pulumi.Input<string>[]>;
  /** SSH key ids (order does not matter). A change replaces the instance (the API has no update). */
  sshKeyIds?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Plain-text cloud-init, encoded to base64 for you. Wrap it in `pulumi.secret()` to keep it encrypted in state. A
   * change replaces the instance (the API has no update).
   */
  userData?: pulumi.Input<string>;
  /**
   * Take over an existing instance by its id instead of creating one: inputs left unset take the instance's values, and
   * a difference is refused (nothing can change in place).
   */
  adoptId?: pulumi.Input<string>;
  /** Sets Pulumi's `protect` option unless you set it yourself (the API has no server-side protection). */
  deletionProtection?: boolean;
  /** Wait limits in seconds (default 1200 each): dynamic resources do not receive Pulumi's customTimeouts. */
  timeouts?: pulumi.Input<{
    /** Seconds to wait for the create to finish. */
    create?: pulumi.Input<number>;
    /** Seconds to wait for the delete to finish. */
    delete?: pulumi.Input<number>;
  }>;
}

/** Output properties of ComputeInstance. */
export interface ComputeInstanceOutputProperties {
  /**
   * Unique instance name: 1-63 lowercase letters, digits or hyphens. A change replaces the instance (the API has no
   * update).
   */
  readonly name: pulumi.Output<string>;
  /** Labels. A change replaces the instance (the API has no update). */
  readonly labels: pulumi.Output<Record<string, string> | undefined>;
  /** Server type, e.g. `cx31`. A change replaces the instance (the API has no update). */
  readonly type: pulumi.Output<string>;
  /** OS image, e.g. `ubuntu-22.04`. A change replaces the instance (the API has no update). */
  readonly image: pulumi.Output<string>;
  /** Virtual CPUs, 1-256. A change replaces the instance (the API has no update). */
  readonly vcpus: pulumi.Output<number | undefined>;
  /** Memory in MiB. A change replaces the instance (the API has no update). */
  readonly memoryMb: pulumi.Output<number | undefined>;
  /** Disk in GB. A change replaces the instance (the API has no update). */
  readonly diskGb: pulumi.Output<number | undefined>;
  /** VPC to attach to. A change replaces the instance (the API has no update). */
  readonly vpcId: pulumi.Output<string | undefined>;
  /** Subnet to attach to. A change replaces the instance (the API has no update). */
  readonly subnetId: pulumi.Output<string | undefined>;
  /** Security group ids (order does not matter). A change replaces the instance (the API has no update). */
  readonly securityGroups: pulumi.Output<string[] | undefined>;
  /** SSH key ids (order does not matter). A change replaces the instance (the API has no update). */
  readonly sshKeyIds: pulumi.Output<string[] | undefined>;
  /**
   * Plain-text cloud-init, encoded to base64 for you. Wrap it in `pulumi.secret()` to keep it encrypted in state. A
   * change replaces the instance (the API has no update).
   */
  readonly userData: pulumi.Output<string | undefined>;
  /**
   * Take over an existing instance by its id instead of creating one: inputs left unset take the instance's values, and
   * a difference is refused (nothing can change in place).
   */
  readonly adoptId: pulumi.Output<string | undefined>;
  /** Sets Pulumi's `protect` option unless you set it yourself (the API has no server-side protection). */
  readonly deletionProtection: pulumi.Output<boolean | undefined>;
  /** Wait limits in seconds (default 1200 each): dynamic resources do not receive Pulumi's customTimeouts. */
  readonly timeouts: pulumi.Output<{
    /** Seconds to wait for the create to finish. */
    create?: number;
    /** Seconds to wait for the delete to finish. */
    delete?: number;
  } | undefined>;
  /** `provisioning`, `running`, `stopping`, `stopped` or `terminated`. */
  readonly state: pulumi.Output<string>;
  /** The host the instance runs on. */
  readonly hostId: pulumi.Output<string>;
  /** Private IP address. */
  readonly privateIp: pulumi.Output<string>;
  /** Public IP address. */
  readonly publicIp: pulumi.Output<string>;
  /** When the instance was created (RFC 3339). */
  readonly createdAt: pulumi.Output<string | undefined>;
}

/** Arguments of getComputeInstance. */
export interface GetComputeInstanceArgs {
  /** The instance's id, as ComputeInstance reports it (`instance.id`). */
  id: string;
}

/** An instance as getComputeInstance and listComputeInstances return it. */
export interface GetComputeInstanceResult {
  /** The instance's id: what ComputeInstance reports as its id and what adoptId takes. */
  id: string;
  /** Instance name. */
  name: string;
  /** Labels (the provider's own creation marker left out). */
  labels: Record<string, string>;
  /** Server type. */
  type: string;
  /** OS image. */
  image: string;
  /** Virtual CPUs. */
  vcpus?: number;
  /** Memory in MiB. */
  memoryMb?: number;
  /** Disk in GB. */
  diskGb?: number;
  /** VPC. */
  vpcId?: string;
  /** Subnet. */
  subnetId?: string;
  /** Security group ids. */
  securityGroups?: string[];
  /** SSH key ids. */
  sshKeyIds?: string[];
  /** Decoded cloud-init text (the API stores base64). */
  userData?: string;
  /** `provisioning`, `running`, `stopping`, `stopped` or `terminated`. */
  state: string;
  /** The host the instance runs on. */
  hostId: string;
  /** Private IP address. */
  privateIp: string;
  /** Public IP address. */
  publicIp: string;
  /** When the instance was created (RFC 3339). */
  createdAt?: string;
}

/** Arguments of listComputeInstances. */
export interface ListComputeInstancesArgs {
  /** Only instances carrying every one of these labels. */
  labels?: Record<string, string>;
  /** Only the instance with this name. */
  name?: string;
}

/** Output properties ComputeInstance registers. */
export const COMPUTE_INSTANCE_OUTPUTS = [
  "name",
  "labels",
  "type",
  "image",
  "vcpus",
  "memoryMb",
  "diskGb",
  "vpcId",
  "subnetId",
  "securityGroups",
  "sshKeyIds",
  "userData",
  "adoptId",
  "deletionProtection",
  "timeouts",
  "state",
  "hostId",
  "privateIp",
  "publicIp",
  "createdAt",
] as const;

/** An ComputeInstance resource, with its output properties. */
export type ComputeInstance = pulumi.CustomResource & ComputeInstanceOutputProperties;
