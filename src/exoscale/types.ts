// Generated from schema.ts by scripts/generate-types.js: do not edit, run `npm run types` after changing a schema.
import type * as pulumi from "@pulumi/pulumi";

/** Inputs of ExoscaleInstance. docs/exoscale.md lists the API operation each change runs. */
export interface ExoscaleInstanceArgs {
  /** Zone the instance lives in, e.g. `ch-gva-2`. Changing it replaces the instance. */
  zone: pulumi.Input<string>;
  /** Instance name, 1-255 characters; renamed in place. */
  name: pulumi.Input<string>;
  /**
   * `family.size` such as `standard.medium`, or an instance type UUID. A change stops the instance, runs `:scale` and
   * starts it again.
   */
  instanceType: pulumi.Input<string>;
  /**
   * Template name such as `Linux Ubuntu 24.04 LTS 64-bit`, or a template UUID. A change replaces the instance, or
   * reinstalls it in place with `templateChangeStrategy: "reset"`.
   */
  template: pulumi.Input<string>;
  /**
   * Root disk in GiB, 10-51200. Growing it stops the instance, runs `:resize-disk` and starts it again; shrinking
   * replaces the instance.
   * @defaultValue 10
   */
  diskSize?: pulumi.Input<number>;
  /** Labels, updated in place; an empty map removes them all. */
  labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Plain-text cloud-init, encoded to base64 for you (at most 32 KiB once encoded); updated in place. Wrap it in
   * `pulumi.secret()` to keep it encrypted in state.
   */
  userData?: pulumi.Input<string>;
  /** Public IP assignment: `inet4`, `dual` or `none`; updated in place. */
  publicIpAssignment?: pulumi.Input<"inet4" | "dual" | "none">;
  /** SSH key names registered in the account; set at creation (a change replaces the instance). */
  sshKeys?: pulumi.Input<pulumi.Input<string>[]>;
  /** Security group UUIDs; set at creation (a change replaces the instance). */
  securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Desired power state: `:start` or `:stop`, only when the instance is not there already.
   * @defaultValue "running"
   */
  state?: pulumi.Input<"running" | "stopped">;
  /** Enables the TPM: false → true runs `:enable-tpm`; true → false replaces the instance. */
  tpmEnabled?: pulumi.Input<boolean>;
  /** Secure boot, fixed at creation (a change replaces the instance). */
  secureBootEnabled?: pulumi.Input<boolean>;
  /** Any value; change it to reboot the instance (`:reboot`). */
  rebootTrigger?: pulumi.Input<string | number>;
  /** Any value; change it to reset the password (`:reset-password`); the new one is in `password`. */
  passwordResetTrigger?: pulumi.Input<string | number>;
  /**
   * What a template change does: `replace` (the default) creates a new instance, `reset` reinstalls this one in place
   * (`:reset`).
   */
  templateChangeStrategy?: pulumi.Input<"replace" | "reset">;
  /**
   * A snapshot of this instance (its id, e.g. `snapshot.id`): set or change it to revert the disk (stop,
   * `:revert-snapshot`, start if it was running).
   */
  restoreSnapshotId?: pulumi.Input<string>;
  /**
   * Server-side destruction protection (`:add-protection` / `:remove-protection`); also the default of Pulumi's
   * `protect` option.
   */
  deletionProtection?: boolean;
  /**
   * Take over an existing instance, `zone/uuid`, instead of creating one: inputs left unset take the instance's values,
   * and a difference that cannot change in place is refused.
   */
  adoptId?: pulumi.Input<string>;
  /** Wait limits in seconds (default 1200 each): dynamic resources do not receive Pulumi's customTimeouts. */
  timeouts?: pulumi.Input<{
    /** Seconds to wait for the create to finish. */
    create?: pulumi.Input<number>;
    /** Seconds to wait for the update to finish. */
    update?: pulumi.Input<number>;
    /** Seconds to wait for the delete to finish. */
    delete?: pulumi.Input<number>;
  }>;
}

/** Output properties of ExoscaleInstance. */
export interface ExoscaleInstanceOutputProperties {
  /** Zone the instance lives in, e.g. `ch-gva-2`. Changing it replaces the instance. */
  readonly zone: pulumi.Output<string>;
  /** Instance name, 1-255 characters; renamed in place. */
  readonly name: pulumi.Output<string>;
  /**
   * `family.size` such as `standard.medium`, or an instance type UUID. A change stops the instance, runs `:scale` and
   * starts it again.
   */
  readonly instanceType: pulumi.Output<string>;
  /**
   * Template name such as `Linux Ubuntu 24.04 LTS 64-bit`, or a template UUID. A change replaces the instance, or
   * reinstalls it in place with `templateChangeStrategy: "reset"`.
   */
  readonly template: pulumi.Output<string>;
  /**
   * Root disk in GiB, 10-51200. Growing it stops the instance, runs `:resize-disk` and starts it again; shrinking
   * replaces the instance.
   */
  readonly diskSize: pulumi.Output<number>;
  /** Labels, updated in place; an empty map removes them all. */
  readonly labels: pulumi.Output<Record<string, string> | undefined>;
  /**
   * Plain-text cloud-init, encoded to base64 for you (at most 32 KiB once encoded); updated in place. Wrap it in
   * `pulumi.secret()` to keep it encrypted in state.
   */
  readonly userData: pulumi.Output<string | undefined>;
  /** Public IP assignment: `inet4`, `dual` or `none`; updated in place. */
  readonly publicIpAssignment: pulumi.Output<"inet4" | "dual" | "none" | undefined>;
  /** SSH key names registered in the account; set at creation (a change replaces the instance). */
  readonly sshKeys: pulumi.Output<string[] | undefined>;
  /** Security group UUIDs; set at creation (a change replaces the instance). */
  readonly securityGroupIds: pulumi.Output<string[] | undefined>;
  /** The API's state: `running`, `stopped`, or a transitional one (`starting`, `stopping`, …). */
  readonly state: pulumi.Output<string>;
  /** Enables the TPM: false → true runs `:enable-tpm`; true → false replaces the instance. */
  readonly tpmEnabled: pulumi.Output<boolean | undefined>;
  /** Secure boot, fixed at creation (a change replaces the instance). */
  readonly secureBootEnabled: pulumi.Output<boolean | undefined>;
  /** Any value; change it to reboot the instance (`:reboot`). */
  readonly rebootTrigger: pulumi.Output<string | number | undefined>;
  /** Any value; change it to reset the password (`:reset-password`); the new one is in `password`. */
  readonly passwordResetTrigger: pulumi.Output<string | number | undefined>;
  /**
   * What a template change does: `replace` (the default) creates a new instance, `reset` reinstalls this one in place
   * (`:reset`).
   */
  readonly templateChangeStrategy: pulumi.Output<"replace" | "reset" | undefined>;
  /**
   * A snapshot of this instance (its id, e.g. `snapshot.id`): set or change it to revert the disk (stop,
   * `:revert-snapshot`, start if it was running).
   */
  readonly restoreSnapshotId: pulumi.Output<string | undefined>;
  /**
   * Server-side destruction protection (`:add-protection` / `:remove-protection`); also the default of Pulumi's
   * `protect` option.
   */
  readonly deletionProtection: pulumi.Output<boolean | undefined>;
  /**
   * Take over an existing instance, `zone/uuid`, instead of creating one: inputs left unset take the instance's values,
   * and a difference that cannot change in place is refused.
   */
  readonly adoptId: pulumi.Output<string | undefined>;
  /** Wait limits in seconds (default 1200 each): dynamic resources do not receive Pulumi's customTimeouts. */
  readonly timeouts: pulumi.Output<{
    /** Seconds to wait for the create to finish. */
    create?: number;
    /** Seconds to wait for the update to finish. */
    update?: number;
    /** Seconds to wait for the delete to finish. */
    delete?: number;
  } | undefined>;
  /** UUID of the current instance type. */
  readonly instanceTypeId: pulumi.Output<string>;
  /** `family.size` of the current instance type, e.g. `standard.medium`. */
  readonly instanceTypeName: pulumi.Output<string>;
  /** CPU cores of the instance type. */
  readonly cpus: pulumi.Output<number | undefined>;
  /** Memory of the instance type, in bytes. */
  readonly memory: pulumi.Output<number | undefined>;
  /** UUID of the template the instance runs. */
  readonly templateId: pulumi.Output<string>;
  /** Name of that template. */
  readonly templateName: pulumi.Output<string | undefined>;
  /** Public IPv4 address, unless `publicIpAssignment` is `none`. */
  readonly publicIp: pulumi.Output<string | undefined>;
  /** Public IPv6 address, with `publicIpAssignment: "dual"`. */
  readonly ipv6Address: pulumi.Output<string | undefined>;
  /** MAC address of the public interface. */
  readonly macAddress: pulumi.Output<string | undefined>;
  /** UUIDs of the instance's snapshots. */
  readonly snapshotIds: pulumi.Output<string[]>;
  /** When the instance was created (RFC 3339). */
  readonly createdAt: pulumi.Output<string | undefined>;
  /** Secret: the password from `:password`, after creation and after each reset. */
  readonly password: pulumi.Output<string | undefined>;
}

/** Inputs of ExoscaleInstanceSnapshot. */
export interface ExoscaleInstanceSnapshotArgs {
  /** The instance to snapshot; also the snapshot's default `parent`. */
  instance: ExoscaleInstance;
  /**
   * Keep a series of snapshots instead of one: each change of `trigger` takes a new one in place, and once it is ready
   * the oldest beyond `retain` are deleted, in order. Only the series' own snapshots (`snapshotIds`) are ever deleted;
   * a lower value deletes the surplus at the next `up`. 1-100; setting or removing it replaces the resource.
   */
  retain?: pulumi.Input<number>;
  /** With `retain`: any value (a date, a release); a change takes the next snapshot of the series, in place. */
  trigger?: pulumi.Input<string>;
  /** Take over an existing snapshot of this instance, `zone/uuid`, instead of creating one. */
  adoptId?: pulumi.Input<string>;
  /** Wait limits in seconds (default 1200 each): dynamic resources do not receive Pulumi's customTimeouts. */
  timeouts?: pulumi.Input<{
    /** Seconds to wait for the create to finish. */
    create?: pulumi.Input<number>;
    /** Seconds to wait for the delete to finish. */
    delete?: pulumi.Input<number>;
  }>;
}

/** Output properties of ExoscaleInstanceSnapshot. */
export interface ExoscaleInstanceSnapshotOutputProperties {
  /** The instance's id (`instance.id`). Changing it replaces the snapshot. */
  readonly instanceId: pulumi.Output<string>;
  /** The instance's zone. */
  readonly zone: pulumi.Output<string>;
  /**
   * The instance's `deletionProtection`, as declared when the snapshot was last created or updated (after the
   * instance): while it is true, deleting the snapshot is refused unless the instance stays in the stack.
   */
  readonly instanceDeletionProtection: pulumi.Output<boolean | undefined>;
  /**
   * Keep a series of snapshots instead of one: each change of `trigger` takes a new one in place, and once it is ready
   * the oldest beyond `retain` are deleted, in order. Only the series' own snapshots (`snapshotIds`) are ever deleted;
   * a lower value deletes the surplus at the next `up`. 1-100; setting or removing it replaces the resource.
   */
  readonly retain: pulumi.Output<number | undefined>;
  /** With `retain`: any value (a date, a release); a change takes the next snapshot of the series, in place. */
  readonly trigger: pulumi.Output<string | undefined>;
  /** Take over an existing snapshot of this instance, `zone/uuid`, instead of creating one. */
  readonly adoptId: pulumi.Output<string | undefined>;
  /** Wait limits in seconds (default 1200 each): dynamic resources do not receive Pulumi's customTimeouts. */
  readonly timeouts: pulumi.Output<{
    /** Seconds to wait for the create to finish. */
    create?: number;
    /** Seconds to wait for the delete to finish. */
    delete?: number;
  } | undefined>;
  /** The snapshot's name, given by Exoscale; with `retain`, the newest one's. */
  readonly name: pulumi.Output<string>;
  /** `snapshotting`, `ready`, `exporting`, `exported`, `deleting` or `error`. */
  readonly state: pulumi.Output<string>;
  /** Size in GiB. */
  readonly size: pulumi.Output<number | undefined>;
  /** When the snapshot was taken (RFC 3339); with `retain`, the newest one. */
  readonly createdAt: pulumi.Output<string | undefined>;
  /**
   * With `retain`: the series' snapshots that exist, `zone/uuid`, oldest first. The resource's own id stays the first
   * snapshot's; the last of these is the newest (`latestId`).
   */
  readonly snapshotIds: pulumi.Output<string[] | undefined>;
  /** With `retain`: the newest snapshot of the series, `zone/uuid` (e.g. for `restoreSnapshotId`). */
  readonly latestId: pulumi.Output<string | undefined>;
}

/** Arguments of getExoscaleInstance. */
export interface GetExoscaleInstanceArgs {
  /** The instance's id, `zone/uuid` (e.g. `instance.id`), or its UUID together with `zone`. */
  id: string;
  /** Zone of an instance given by UUID alone. */
  zone?: string;
}

/** An instance as getExoscaleInstance and listExoscaleInstances return it. */
export interface GetExoscaleInstanceResult {
  /** The instance's id, `zone/uuid`: what ExoscaleInstance reports as its id and what adoptId takes. */
  id: string;
  /** The instance's UUID. */
  uuid: string;
  /** Zone of the instance. */
  zone: string;
  /** Instance name. */
  name: string;
  /** `running`, `stopped`, or a transitional state. */
  state: string;
  /** UUID of the current instance type. */
  instanceTypeId: string;
  /** `family.size` of the current instance type, e.g. `standard.medium`. */
  instanceTypeName: string;
  /** CPU cores of the instance type. */
  cpus?: number;
  /** Memory of the instance type, in bytes. */
  memory?: number;
  /** UUID of the template the instance runs. */
  templateId: string;
  /** Name of that template. */
  templateName?: string;
  /** Public IPv4 address, unless `publicIpAssignment` is `none`. */
  publicIp?: string;
  /** Public IPv6 address, with `publicIpAssignment: "dual"`. */
  ipv6Address?: string;
  /** MAC address of the public interface. */
  macAddress?: string;
  /** UUIDs of the instance's snapshots. */
  snapshotIds: string[];
  /** When the instance was created (RFC 3339). */
  createdAt?: string;
  /** Root disk in GiB. */
  diskSize: number;
  /** Labels (the provider's own creation marker left out). */
  labels: Record<string, string>;
  /** Public IP assignment: `inet4`, `dual` or `none`. */
  publicIpAssignment?: "inet4" | "dual" | "none";
  /** SSH key names. */
  sshKeys: string[];
  /** Security group UUIDs. */
  securityGroupIds: string[];
  /** Decoded cloud-init text (the API stores base64). */
  userData?: string;
  /** Whether the TPM is enabled. */
  tpmEnabled: boolean;
  /** Whether secure boot is enabled. */
  secureBootEnabled: boolean;
}

/** Arguments of listExoscaleInstances. */
export interface ListExoscaleInstancesArgs {
  /** Zone to list. */
  zone: string;
  /** Every pair must match; an empty value matches any instance that has the key. */
  labels?: Record<string, string>;
  /** Only the instance with this public IP address. */
  ipAddress?: string;
  /** Only instances of this instance pool. */
  managerId?: string;
  /** Only instances managed by this kind of manager. */
  managerType?: "instance-pool";
}

/** Arguments of getExoscaleConsoleUrl. */
export interface GetExoscaleConsoleUrlArgs {
  /** The instance's id, `zone/uuid` (e.g. `instance.id`), or its UUID together with `zone`. */
  id: string;
  /** Zone of an instance given by UUID alone. */
  zone?: string;
}

/** Result of getExoscaleConsoleUrl. */
export interface GetExoscaleConsoleUrlResult {
  /** Secret: the console-proxy websocket URL (it embeds a token). */
  url: string;
  /** Host of the console proxy. */
  host?: string;
  /** Path on that host. */
  path?: string;
  /** When the URL stops working (60 seconds after the call). */
  expiresAt: string;
}

/** Arguments of revealExoscaleInstancePassword. */
export interface RevealExoscaleInstancePasswordArgs {
  /** The instance's id, `zone/uuid` (e.g. `instance.id`), or its UUID together with `zone`. */
  id: string;
  /** Zone of an instance given by UUID alone. */
  zone?: string;
}

/** Result of revealExoscaleInstancePassword. */
export interface RevealExoscaleInstancePasswordResult {
  /** The instance's id, `zone/uuid`. */
  id: string;
  /** Secret: the password set at creation or by the latest reset. */
  password: string;
}

/** Output properties ExoscaleInstance registers. */
export const EXOSCALE_INSTANCE_OUTPUTS = [
  "zone",
  "name",
  "instanceType",
  "template",
  "diskSize",
  "labels",
  "userData",
  "publicIpAssignment",
  "sshKeys",
  "securityGroupIds",
  "state",
  "tpmEnabled",
  "secureBootEnabled",
  "rebootTrigger",
  "passwordResetTrigger",
  "templateChangeStrategy",
  "restoreSnapshotId",
  "deletionProtection",
  "adoptId",
  "timeouts",
  "instanceTypeId",
  "instanceTypeName",
  "cpus",
  "memory",
  "templateId",
  "templateName",
  "publicIp",
  "ipv6Address",
  "macAddress",
  "snapshotIds",
  "createdAt",
  "password",
] as const;

/** Output properties ExoscaleInstanceSnapshot registers. */
export const EXOSCALE_INSTANCE_SNAPSHOT_OUTPUTS = [
  "instanceId",
  "zone",
  "instanceDeletionProtection",
  "retain",
  "trigger",
  "adoptId",
  "timeouts",
  "name",
  "state",
  "size",
  "createdAt",
  "snapshotIds",
  "latestId",
] as const;

/** An ExoscaleInstance resource, with its output properties. */
export type ExoscaleInstance = pulumi.CustomResource & ExoscaleInstanceOutputProperties;

/** An ExoscaleInstanceSnapshot resource, with its output properties. */
export type ExoscaleInstanceSnapshot = pulumi.CustomResource & ExoscaleInstanceSnapshotOutputProperties;
