// Generated from schema.ts by scripts/generate-types.js: do not edit, run `npm run types` after changing a schema.
import type * as pulumi from "@pulumi/pulumi";

/** Inputs of IncusInstance. */
export interface IncusInstanceArgs {
  /**
   * Instance name, unique in its project: 1-63 letters, digits or dashes, starting with a letter. Changing it replaces
   * the instance.
   */
  name: pulumi.Input<string>;
  /**
   * Image to create from: a local alias (`busybox`) or a fingerprint (a unique prefix of 12+ hex digits is enough);
   * with `imageServer`, an alias on that server. Changing it replaces the instance, or rebuilds it in place with
   * `imageChangeStrategy: "rebuild"`. Optional only with `adoptId` (the image is then read back from the instance).
   */
  image?: pulumi.Input<string>;
  /**
   * What an image change does: `replace` (the default) deletes the instance and creates a new one; `rebuild` keeps this
   * instance (name, config, devices, volatile MAC addresses and UUID) and replaces only its root disk from the new
   * image, stopping it for the rebuild (POST /1.0/instances/{name}/rebuild, API extension `instances_rebuild`: Incus
   * 6.0, not LXD 5.0). The daemon refuses to rebuild an instance that has snapshots, so the plan fails naming them.
   */
  imageChangeStrategy?: pulumi.Input<"replace" | "rebuild">;
  /** Remote image server, e.g. `https://images.linuxcontainers.org` (used only when creating). */
  imageServer?: pulumi.Input<string>;
  /** Protocol of `imageServer`: `simplestreams` (default), `incus`, `lxd` or `oci` (used only when creating). */
  imageProtocol?: pulumi.Input<"simplestreams" | "incus" | "lxd" | "oci">;
  /**
   * `container` or `virtual-machine`. Changing it replaces the instance.
   * @defaultValue "container"
   */
  type?: pulumi.Input<"container" | "virtual-machine">;
  /**
   * Profiles in order, later ones overriding earlier ones. Unset: keep what the instance has (a new one gets
   * `default`).
   */
  profiles?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Instance config keys you manage (e.g. `"limits.cpu": 2`, `"user.team": "web"`), updated in place. Keys you do not
   * list (volatile.*, image.*, set by others) are never touched or diffed; a key you remove from this map is removed
   * from the instance.
   */
  config?: pulumi.Input<Record<string, pulumi.Input<string | number | boolean>>>;
  /**
   * Snapshots the daemon takes by itself on a schedule, and how long it keeps them (instance config `snapshots.*`),
   * updated in place. The snapshots it takes are the daemon's: never drift, never deleted by Pulumi (except with the
   * instance).
   */
  snapshotSchedule?: pulumi.Input<{
    /**
     * `snapshots.schedule`: when the daemon takes a snapshot, as cron (`0 3 * * *`) or an alias (`@daily`, `@hourly`,
     * …).
     */
    schedule?: pulumi.Input<string>;
    /**
     * `snapshots.expiry`: how long the daemon keeps each snapshot it takes, e.g. `7d` (M minutes, H hours, d days, w
     * weeks, m months, y years). Also applies to a snapshot taken without its own `expiresAt`.
     */
    expiry?: pulumi.Input<string>;
    /**
     * `snapshots.pattern`: name of the daemon's snapshots, `%d` being a counter (default `snap%d`), or a Pongo2
     * template such as `{{ creation_date|date:'2006-01-02' }}`.
     */
    pattern?: pulumi.Input<string>;
    /** `snapshots.schedule.stopped`: also snapshot a stopped instance (default false). */
    scheduleStopped?: pulumi.Input<boolean>;
  }>;
  /**
   * Restart a running instance when a config change only takes effect at its next start (e.g. `security.privileged`,
   * `raw.lxc`, `limits.kernel.*`, `environment.*`; see docs/incus.md for the keys applied live). Default false: such a
   * change is written and a warning says it waits for the next restart.
   */
  restartOnConfigChange?: pulumi.Input<boolean>;
  /** Devices you manage, by name, each with a `type` (disk, nic, proxy, …); updated in place. */
  devices?: pulumi.Input<Record<string, pulumi.Input<Record<string, pulumi.Input<string | number | boolean>>>>>;
  /** Free-form description, updated in place; unset keeps the current one. */
  description?: pulumi.Input<string>;
  /**
   * Desired power state, `running` or `stopped`; changed in place through the state API.
   * @defaultValue "running"
   */
  state?: pulumi.Input<"running" | "stopped">;
  /**
   * Sets `security.protection.delete` on the server (the daemon and this provider then refuse to delete the instance)
   * and Pulumi's `protect` option unless you set `protect` yourself.
   */
  deletionProtection?: boolean;
  /** Incus project; default `incus:project` / INCUS_PROJECT, else the server's default project. */
  project?: pulumi.Input<string>;
  /**
   * Take over an existing instance, `name` or `project/name` (its id), instead of creating one: inputs left unset take
   * the instance's values, and a difference that cannot change in place (type, image) is refused.
   */
  adoptId?: pulumi.Input<string>;
  /** Seconds a clean shutdown may take before the instance is stopped by force (default 30). */
  stopTimeout?: pulumi.Input<number>;
  /**
   * How long to wait for each step, in seconds (default 600 each): dynamic resources do not receive Pulumi's
   * customTimeouts.
   */
  timeouts?: pulumi.Input<{
    /** Seconds to wait for the create to finish. */
    create?: pulumi.Input<number>;
    /** Seconds to wait for each update step. */
    update?: pulumi.Input<number>;
    /** Seconds to wait for the delete to finish. */
    delete?: pulumi.Input<number>;
  }>;
}

/** Output properties of IncusInstance. */
export interface IncusInstanceOutputProperties {
  /**
   * Instance name, unique in its project: 1-63 letters, digits or dashes, starting with a letter. Changing it replaces
   * the instance.
   */
  readonly name: pulumi.Output<string>;
  /** The image as you wrote it, or the base image's fingerprint for an adopted instance given no image. */
  readonly image: pulumi.Output<string | undefined>;
  /**
   * What an image change does: `replace` (the default) deletes the instance and creates a new one; `rebuild` keeps this
   * instance (name, config, devices, volatile MAC addresses and UUID) and replaces only its root disk from the new
   * image, stopping it for the rebuild (POST /1.0/instances/{name}/rebuild, API extension `instances_rebuild`: Incus
   * 6.0, not LXD 5.0). The daemon refuses to rebuild an instance that has snapshots, so the plan fails naming them.
   */
  readonly imageChangeStrategy: pulumi.Output<"replace" | "rebuild" | undefined>;
  /** Remote image server, e.g. `https://images.linuxcontainers.org` (used only when creating). */
  readonly imageServer: pulumi.Output<string | undefined>;
  /** Protocol of `imageServer`: `simplestreams` (default), `incus`, `lxd` or `oci` (used only when creating). */
  readonly imageProtocol: pulumi.Output<"simplestreams" | "incus" | "lxd" | "oci" | undefined>;
  /** `container` or `virtual-machine`. Changing it replaces the instance. */
  readonly type: pulumi.Output<"container" | "virtual-machine">;
  /** Profiles of the instance, in order. */
  readonly profiles: pulumi.Output<string[]>;
  /** The config keys you manage, as the server has them. */
  readonly config: pulumi.Output<Record<string, string> | undefined>;
  /**
   * Snapshots the daemon takes by itself on a schedule, and how long it keeps them (instance config `snapshots.*`),
   * updated in place. The snapshots it takes are the daemon's: never drift, never deleted by Pulumi (except with the
   * instance).
   */
  readonly snapshotSchedule: pulumi.Output<{
    /**
     * `snapshots.schedule`: when the daemon takes a snapshot, as cron (`0 3 * * *`) or an alias (`@daily`, `@hourly`,
     * …).
     */
    schedule?: string;
    /**
     * `snapshots.expiry`: how long the daemon keeps each snapshot it takes, e.g. `7d` (M minutes, H hours, d days, w
     * weeks, m months, y years). Also applies to a snapshot taken without its own `expiresAt`.
     */
    expiry?: string;
    /**
     * `snapshots.pattern`: name of the daemon's snapshots, `%d` being a counter (default `snap%d`), or a Pongo2
     * template such as `{{ creation_date|date:'2006-01-02' }}`.
     */
    pattern?: string;
    /** `snapshots.schedule.stopped`: also snapshot a stopped instance (default false). */
    scheduleStopped?: boolean;
  } | undefined>;
  /**
   * Restart a running instance when a config change only takes effect at its next start (e.g. `security.privileged`,
   * `raw.lxc`, `limits.kernel.*`, `environment.*`; see docs/incus.md for the keys applied live). Default false: such a
   * change is written and a warning says it waits for the next restart.
   */
  readonly restartOnConfigChange: pulumi.Output<boolean | undefined>;
  /** The devices you manage, as the server has them. */
  readonly devices: pulumi.Output<Record<string, Record<string, string>> | undefined>;
  /** Description. */
  readonly description: pulumi.Output<string>;
  /** `running`, `stopped`, or another lower-case daemon status (`frozen`, `error`) seen on refresh. */
  readonly state: pulumi.Output<string>;
  /** Whether security.protection.delete is set on the instance. */
  readonly deletionProtection: pulumi.Output<boolean | undefined>;
  /** The project the instance lives in. */
  readonly project: pulumi.Output<string>;
  /**
   * Take over an existing instance, `name` or `project/name` (its id), instead of creating one: inputs left unset take
   * the instance's values, and a difference that cannot change in place (type, image) is refused.
   */
  readonly adoptId: pulumi.Output<string | undefined>;
  /** Seconds a clean shutdown may take before the instance is stopped by force (default 30). */
  readonly stopTimeout: pulumi.Output<number | undefined>;
  /**
   * How long to wait for each step, in seconds (default 600 each): dynamic resources do not receive Pulumi's
   * customTimeouts.
   */
  readonly timeouts: pulumi.Output<{
    /** Seconds to wait for the create to finish. */
    create?: number;
    /** Seconds to wait for each update step. */
    update?: number;
    /** Seconds to wait for the delete to finish. */
    delete?: number;
  } | undefined>;
  /** The daemon's status: `Running`, `Stopped`, `Frozen`, … */
  readonly status: pulumi.Output<string>;
  /** Fingerprint of the image the instance was created from (volatile.base_image), read back from the server. */
  readonly imageFingerprint: pulumi.Output<string | undefined>;
  /** CPU architecture, e.g. `x86_64`. */
  readonly architecture: pulumi.Output<string>;
  /** volatile.uuid: stays the same across restarts, changes when the instance is recreated. */
  readonly uuid: pulumi.Output<string | undefined>;
  /** When the instance was created (RFC 3339). */
  readonly createdAt: pulumi.Output<string>;
  /** Cluster member the instance runs on. */
  readonly location: pulumi.Output<string | undefined>;
}

/** Inputs of IncusInstanceSnapshot. */
export interface IncusInstanceSnapshotArgs {
  /**
   * The instance to snapshot: the IncusInstance resource (which also becomes the parent), or an instance name. Changing
   * it replaces the snapshot.
   */
  instance: IncusInstance | pulumi.Input<string>;
  /** Snapshot name, unique per instance (default: the resource name). Changing it replaces the snapshot. */
  name?: pulumi.Input<string>;
  /** Include the instance's running state (memory); needs CRIU on the server for containers. Fixed at creation. */
  stateful?: pulumi.Input<boolean>;
  /** When the daemon deletes the snapshot by itself (ISO 8601, e.g. `2030-01-01T00:00:00Z`); changed in place. */
  expiresAt?: pulumi.Input<string>;
  /** Incus project; default: the instance's project, else `incus:project` / INCUS_PROJECT. */
  project?: pulumi.Input<string>;
  /**
   * Keep a series of snapshots instead of one: each change of `trigger` takes a new one, named `<name>-<n>` (n counting
   * up), and once it exists the oldest beyond `retain` are deleted. Only the series' own snapshots are ever deleted; a
   * lower value deletes the surplus at the next `up`. 1-100; setting or removing it replaces the resource.
   */
  retain?: pulumi.Input<number>;
  /** With `retain`: any value (a date, a release); a change takes the next snapshot of the series, in place. */
  trigger?: pulumi.Input<string>;
  /**
   * Take over an existing snapshot, `instance/snapshot` or `project/instance/snapshot` (its id), instead of creating
   * one.
   */
  adoptId?: pulumi.Input<string>;
  /**
   * How long to wait for each step, in seconds (default 600 each): dynamic resources do not receive Pulumi's
   * customTimeouts.
   */
  timeouts?: pulumi.Input<{
    /** Seconds to wait for the create to finish. */
    create?: pulumi.Input<number>;
    /** Seconds to wait for each update step. */
    update?: pulumi.Input<number>;
    /** Seconds to wait for the delete to finish. */
    delete?: pulumi.Input<number>;
  }>;
}

/** Output properties of IncusInstanceSnapshot. */
export interface IncusInstanceSnapshotOutputProperties {
  /** Name of the instance to snapshot. Changing it replaces the snapshot. */
  readonly instance: pulumi.Output<string>;
  /**
   * Snapshot name, unique per instance; with `retain`, the prefix of the series' names (`<name>-1`, `<name>-2`, …).
   * Changing it replaces the snapshot.
   */
  readonly name: pulumi.Output<string>;
  /** Include the instance's running state (memory); needs CRIU on the server for containers. Fixed at creation. */
  readonly stateful: pulumi.Output<boolean | undefined>;
  /** The expiry you set, as the server has it; unset when the program leaves it to the daemon. */
  readonly expiresAt: pulumi.Output<string | undefined>;
  /** The project the snapshot lives in. */
  readonly project: pulumi.Output<string>;
  /**
   * Keep a series of snapshots instead of one: each change of `trigger` takes a new one, named `<name>-<n>` (n counting
   * up), and once it exists the oldest beyond `retain` are deleted. Only the series' own snapshots are ever deleted; a
   * lower value deletes the surplus at the next `up`. 1-100; setting or removing it replaces the resource.
   */
  readonly retain: pulumi.Output<number | undefined>;
  /** With `retain`: any value (a date, a release); a change takes the next snapshot of the series, in place. */
  readonly trigger: pulumi.Output<string | undefined>;
  /**
   * Take over an existing snapshot, `instance/snapshot` or `project/instance/snapshot` (its id), instead of creating
   * one.
   */
  readonly adoptId: pulumi.Output<string | undefined>;
  /**
   * How long to wait for each step, in seconds (default 600 each): dynamic resources do not receive Pulumi's
   * customTimeouts.
   */
  readonly timeouts: pulumi.Output<{
    /** Seconds to wait for the create to finish. */
    create?: number;
    /** Seconds to wait for each update step. */
    update?: number;
    /** Seconds to wait for the delete to finish. */
    delete?: number;
  } | undefined>;
  /**
   * When the daemon deletes the snapshot, whoever set it (`expiresAt`, or the instance's `snapshots.expiry`); unset:
   * never.
   */
  readonly expiry: pulumi.Output<string | undefined>;
  /** When the snapshot was taken (RFC 3339); with `retain`, the newest one. */
  readonly createdAt: pulumi.Output<string>;
  /** Bytes used, when the daemon reports it; with `retain`, by the newest one. */
  readonly size: pulumi.Output<number | undefined>;
  /** With `retain`: the names of the series' snapshots that exist, oldest first; the last is the newest. */
  readonly snapshots: pulumi.Output<string[] | undefined>;
}

/** Arguments of getIncusInstance: `id`, or `name` (and `project`). */
export interface GetIncusInstanceArgs {
  /** The instance's id, `name` or `project/name`, as IncusInstance reports it. */
  id?: string;
  /** The instance's name (in `project`), instead of `id`. */
  name?: string;
  /** Project to look in; default `incus:project` / INCUS_PROJECT, else the server's default project. */
  project?: string;
}

/** An instance as getIncusInstance and listIncusInstances return it. */
export interface GetIncusInstanceResult {
  /** The instance's id, `name` or `project/name`: what IncusInstance reports as its id and what adoptId takes. */
  id: string;
  /** Instance name. */
  name: string;
  /** `container` or `virtual-machine`. */
  type: string;
  /** `running`, `stopped`, `frozen`, … */
  state: string;
  /** Description. */
  description: string;
  /** Profiles, in order. */
  profiles: string[];
  /** The instance's own config without the daemon's volatile.* keys. */
  config: Record<string, string>;
  /** The instance's own devices. */
  devices: Record<string, Record<string, string>>;
  /** Whether security.protection.delete applies (from the instance or its profiles). */
  deletionProtection: boolean;
  /** The daemon's status: `Running`, `Stopped`, `Frozen`, … */
  status: string;
  /** The project the instance lives in. */
  project: string;
  /** Fingerprint of the image the instance was created from (volatile.base_image), read back from the server. */
  imageFingerprint?: string;
  /** CPU architecture, e.g. `x86_64`. */
  architecture: string;
  /** volatile.uuid: stays the same across restarts, changes when the instance is recreated. */
  uuid?: string;
  /** When the instance was created (RFC 3339). */
  createdAt: string;
  /** Cluster member the instance runs on. */
  location?: string;
  /** When the instance was last started (RFC 3339). */
  lastUsedAt: string;
}

/** Arguments of listIncusInstances. */
export interface ListIncusInstancesArgs {
  /** Project to look in; default `incus:project` / INCUS_PROJECT, else the server's default project. */
  project?: string;
  /** Instances of every project; `project` is then ignored. */
  allProjects?: boolean;
}

/** Arguments of getIncusOperation. */
export interface GetIncusOperationArgs {
  /** The operation's id. */
  id: string;
  /** Project to look in; default `incus:project` / INCUS_PROJECT, else the server's default project. */
  project?: string;
}

/** An Incus background operation, in camelCase. */
export interface GetIncusOperationResult {
  /** The operation's id. */
  id: string;
  /** `task`, `websocket` or `token`. */
  class: string;
  /** What it does. */
  description: string;
  /** When it was created (RFC 3339). */
  createdAt: string;
  /** When it last changed (RFC 3339). */
  updatedAt: string;
  /** `Running`, `Success`, `Failure`, `Cancelled`, … */
  status: string;
  /** 103 running, 104 cancelling, 105 pending, 200 success, 400 failure, 401 cancelled. */
  statusCode: number;
  /** Affected resources by type, e.g. `{ instances: ["/1.0/instances/web"] }`. */
  resources: Record<string, string[]>;
  /** Operation-specific data, as the daemon sends it (e.g. an exec's websocket secrets under `fds`). */
  metadata: Record<string, unknown>;
  /** Whether cancelIncusOperation can cancel it. */
  mayCancel: boolean;
  /** The error message when the operation failed; empty otherwise. */
  err: string;
  /** Cluster member that runs it. */
  location?: string;
}

/** Arguments of listIncusOperations. */
export interface ListIncusOperationsArgs {
  /** Project to look in; default `incus:project` / INCUS_PROJECT, else the server's default project. */
  project?: string;
  /**
   * Operations of every project (`all-projects=true`); `project` is then ignored. Needs the API extension
   * operations_get_query_all_projects: Incus has it; LXD 5.0 does not and is refused with an error rather than answered
   * with one project's operations.
   */
  allProjects?: boolean;
  /** 0 (default, as the API): the operations' URLs; 1: the operations themselves. */
  recursion?: 0 | 1;
}

/** Arguments of waitIncusOperation. */
export interface WaitIncusOperationArgs {
  /** The operation's id. */
  id: string;
  /** Project to look in; default `incus:project` / INCUS_PROJECT, else the server's default project. */
  project?: string;
  /**
   * Seconds the server may hold the request: the answer comes when the operation ends or this time passes, whichever is
   * first (check `statusCode`). Omitted or -1: wait until it ends, with consecutive long-polls.
   */
  timeout?: number;
  /** The operation's secret, for the `public` variant. */
  secret?: string;
  /** Use `/wait?public&secret=…`: no client certificate or token is sent (callers without credentials). */
  public?: boolean;
}

/** Arguments of cancelIncusOperation. */
export interface CancelIncusOperationArgs {
  /** The operation's id. */
  id: string;
  /** Project to look in; default `incus:project` / INCUS_PROJECT, else the server's default project. */
  project?: string;
}

/** Arguments of connectIncusOperationWebsocket. */
export interface ConnectIncusOperationWebsocketArgs {
  /** The operation's id. */
  id: string;
  /** Project to look in; default `incus:project` / INCUS_PROJECT, else the server's default project. */
  project?: string;
  /** The websocket's secret from the operation metadata (e.g. `metadata.fds["1"]` of an exec). */
  secret: string;
  /** Use `/websocket?public&secret=…`: no client certificate or token is sent. */
  public?: boolean;
  /** Give up on the handshake after this many milliseconds; default 30 s. */
  handshakeTimeoutMs?: number;
}

/** Output properties IncusInstance registers. */
export const INCUS_INSTANCE_OUTPUTS = [
  "name",
  "image",
  "imageChangeStrategy",
  "imageServer",
  "imageProtocol",
  "type",
  "profiles",
  "config",
  "snapshotSchedule",
  "restartOnConfigChange",
  "devices",
  "description",
  "state",
  "deletionProtection",
  "project",
  "adoptId",
  "stopTimeout",
  "timeouts",
  "status",
  "imageFingerprint",
  "architecture",
  "uuid",
  "createdAt",
  "location",
] as const;

/** Output properties IncusInstanceSnapshot registers. */
export const INCUS_INSTANCE_SNAPSHOT_OUTPUTS = [
  "instance",
  "name",
  "stateful",
  "expiresAt",
  "project",
  "retain",
  "trigger",
  "adoptId",
  "timeouts",
  "expiry",
  "createdAt",
  "size",
  "snapshots",
] as const;

/** An IncusInstance resource, with its output properties. */
export type IncusInstance = pulumi.CustomResource & IncusInstanceOutputProperties;

/** An IncusInstanceSnapshot resource, with its output properties. */
export type IncusInstanceSnapshot = pulumi.CustomResource & IncusInstanceSnapshotOutputProperties;
