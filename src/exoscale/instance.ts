/** The ExoscaleInstance resource class (program side). */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResource, instanceOptions, resourceProps } from "../core/resource";

const OUTPUTS = [
  "zone", "name", "instanceType", "instanceTypeId", "instanceTypeName", "cpus", "memory", "template", "templateId", "templateName",
  "diskSize", "labels", "userData", "publicIpAssignment", "sshKeys", "securityGroupIds", "state", "tpmEnabled", "secureBootEnabled",
  "publicIp", "ipv6Address", "macAddress", "snapshotIds", "createdAt", "password", "creationToken",
] as const;

/** Inputs of {@link ExoscaleInstance}; the README's table says which operation each change runs. */
export interface ExoscaleInstanceArgs {
  /** Zone, e.g. "ch-gva-2" (changing it replaces the instance). */
  zone: pulumi.Input<string>;
  /** Instance name, 1-255 characters (renamed in place). */
  name: pulumi.Input<string>;
  /** `family.size` such as "standard.medium", or an instance type UUID (stop, `:scale`, start). */
  instanceType: pulumi.Input<string>;
  /** Template name such as "Linux Ubuntu 24.04 LTS 64-bit", or a template UUID. */
  template: pulumi.Input<string>;
  /** Root disk in GiB, 10-51200, default 10 (grow: stop, `:resize-disk`, start; shrink replaces). */
  diskSize?: pulumi.Input<number>;
  labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Plain-text cloud-init (encoded for you, at most 32 KiB once encoded). Wrap in `pulumi.secret()` to encrypt it in state. */
  userData?: pulumi.Input<string>;
  publicIpAssignment?: pulumi.Input<"inet4" | "dual" | "none">;
  /** SSH key names (set at creation; changing them replaces). */
  sshKeys?: pulumi.Input<pulumi.Input<string>[]>;
  /** Security group UUIDs (set at creation; changing them replaces). */
  securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Desired power state, default "running" (`:start` / `:stop`, only when not already there). */
  state?: pulumi.Input<"running" | "stopped">;
  /** false→true runs `:enable-tpm`; true→false replaces. */
  tpmEnabled?: pulumi.Input<boolean>;
  /** Secure boot, fixed at creation (changing it replaces). */
  secureBootEnabled?: pulumi.Input<boolean>;
  /** Any value: change it to reboot (`:reboot`). */
  rebootTrigger?: pulumi.Input<string | number>;
  /** Any value: change it to reset the password (`:reset-password`); the new one is in `password`. */
  passwordResetTrigger?: pulumi.Input<string | number>;
  /** A template change replaces the instance ("replace", default) or reinstalls it in place ("reset", `:reset`). */
  templateChangeStrategy?: pulumi.Input<"replace" | "reset">;
  /** Snapshot UUID of this instance: set or change it to revert (stop, `:revert-snapshot`, start if it was running). */
  restoreSnapshotId?: pulumi.Input<string>;
  /** Server-side destruction protection (`:add-protection`/`:remove-protection`); also defaults Pulumi's `protect`. */
  deletionProtection?: boolean;
  /** Take over an existing instance, "zone/uuid", instead of creating one. */
  adoptId?: pulumi.Input<string>;
  /** Wait limits in seconds (default 1200 each). */
  timeouts?: pulumi.Input<{ create?: number; update?: number; delete?: number }>;
}

/**
 * An Exoscale compute instance (API v2, seed 000). Changes are applied in place with the matching
 * instance operation where the API has one, with a replacement otherwise; `password` is a secret
 * output. Credentials: `exoscale:apiKey`/`exoscale:apiSecret` or EXOSCALE_API_KEY/EXOSCALE_API_SECRET.
 */
export class ExoscaleInstance extends pulumi.CustomResource {
  declare readonly zone: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  /** As you typed it while it names the current type; `family.size` otherwise. */
  declare readonly instanceType: pulumi.Output<string>;
  declare readonly instanceTypeId: pulumi.Output<string>;
  declare readonly instanceTypeName: pulumi.Output<string>;
  declare readonly cpus: pulumi.Output<number | undefined>;
  /** Memory in bytes. */
  declare readonly memory: pulumi.Output<number | undefined>;
  declare readonly template: pulumi.Output<string>;
  declare readonly templateId: pulumi.Output<string>;
  declare readonly templateName: pulumi.Output<string | undefined>;
  declare readonly diskSize: pulumi.Output<number>;
  declare readonly labels: pulumi.Output<Record<string, string> | undefined>;
  declare readonly userData: pulumi.Output<string | undefined>;
  declare readonly publicIpAssignment: pulumi.Output<string | undefined>;
  declare readonly sshKeys: pulumi.Output<string[] | undefined>;
  declare readonly securityGroupIds: pulumi.Output<string[] | undefined>;
  /** The API's state: running, stopped, or transitional (starting, stopping, …). */
  declare readonly state: pulumi.Output<string>;
  declare readonly tpmEnabled: pulumi.Output<boolean>;
  declare readonly secureBootEnabled: pulumi.Output<boolean>;
  declare readonly publicIp: pulumi.Output<string | undefined>;
  declare readonly ipv6Address: pulumi.Output<string | undefined>;
  declare readonly macAddress: pulumi.Output<string | undefined>;
  declare readonly snapshotIds: pulumi.Output<string[]>;
  declare readonly createdAt: pulumi.Output<string | undefined>;
  /** Secret: the password from `:password` (after creation and after each reset). */
  declare readonly password: pulumi.Output<string | undefined>;

  /**
   * Reads an existing instance, "zone/uuid", into the program as a read-only resource: Pulumi never
   * changes or deletes it.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): ExoscaleInstance {
    return new ExoscaleInstance(name, {} as ExoscaleInstanceArgs, { ...opts, id });
  }

  constructor(name: string, args: ExoscaleInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      ...dynamicResource(
        "exoscale:Instance",
        name,
        resourceProps(OUTPUTS, args, name),
        instanceOptions(args.deletionProtection, opts, ["password"]),
      ),
    );
  }
}
