/**
 * Pure mapping between IncusInstance inputs/outputs and the daemon's objects: the create body, the
 * outputs (only the config keys and devices the user manages, so volatile.* and image.* keys never
 * cause a diff — lxc/terraform-provider-incus#371), the read-modify-write definition for a PUT, the
 * power action to reach a desired state, and the instance and operation objects as the functions
 * return them. No I/O here.
 */
import { sameValue } from "../core/diff";
import { InvalidArgumentsError } from "../core/errors";
import type { IncusOperation } from "../core/incus-operations";
import type {
  ApiImageSource,
  ApiInstance,
  ApiInstancePut,
  ApiInstanceSnapshot,
  ApiInstanceStatePut,
  ApiInstancesPost,
} from "./client";
import {
  CREATION_TOKEN_KEY,
  INSTANCE_ID,
  type IncusInstanceInputs,
  type IncusInstanceOutputs,
  type IncusInstanceSnapshotInputs,
  type IncusInstanceSnapshotOutputs,
  PROTECTION_KEY,
  SNAPSHOT_ID,
  SNAPSHOT_SCHEDULE_KEYS,
} from "./schema";
import type { GetIncusInstanceResult, GetIncusOperationResult } from "./types";

type SnapshotSchedule = NonNullable<IncusInstanceInputs["snapshotSchedule"]>;
type ScheduleField = keyof typeof SNAPSHOT_SCHEDULE_KEYS;

/** The instance config keys a `snapshotSchedule` stands for, as the daemon spells them. */
function scheduleConfig(schedule: SnapshotSchedule | undefined): Record<string, string> {
  const config: Record<string, string> = {};
  for (const [field, key] of Object.entries(SNAPSHOT_SCHEDULE_KEYS)) {
    const value = schedule?.[field as ScheduleField];
    if (value !== undefined) config[key] = String(value);
  }
  return config;
}

/** Every config key the user manages: `config` and the keys of `snapshotSchedule`. */
function managedConfig(inputs: Pick<Known, "config" | "snapshotSchedule">): Record<string, string> {
  return { ...inputs.config, ...scheduleConfig(inputs.snapshotSchedule) };
}

/** `snapshotSchedule` as the instance has it, limited to the fields the user set (unset keys read as absent). */
function scheduleOf(config: Record<string, string>, known: SnapshotSchedule | undefined): SnapshotSchedule | undefined {
  if (known === undefined) return undefined;
  const out: SnapshotSchedule = {};
  for (const field of Object.keys(known) as ScheduleField[]) {
    const value = config[SNAPSHOT_SCHEDULE_KEYS[field]];
    if (value === undefined) continue;
    if (field === "scheduleStopped") out.scheduleStopped = value === "true";
    else out[field] = value;
  }
  return out;
}

/** An image given as a fingerprint (or a prefix of one) rather than an alias. */
export function looksLikeFingerprint(image: string): boolean {
  return /^[0-9a-f]{12,64}$/.test(image);
}

/** Whether `image` (alias, fingerprint or prefix) names the image recorded in the outputs. */
export function sameImage(
  recorded: string | undefined,
  next: string | undefined,
  olds: Partial<IncusInstanceOutputs>,
): boolean {
  if (next === undefined || next === recorded) return true;
  const fingerprint = olds.imageFingerprint;
  if (fingerprint && looksLikeFingerprint(next) && fingerprint.startsWith(next)) return true;
  return (olds.imageAliases ?? []).includes(next);
}

/** The resource id: "name" in the default project, "project/name" elsewhere. */
export function instanceId(project: string | undefined, name: string): string {
  return project === undefined || project === "" || project === "default" ? name : `${project}/${name}`;
}

/** Splits "name" / "project/name". */
export function parseInstanceId(id: string): { project?: string; name: string } {
  const match = INSTANCE_ID.exec(id);
  if (!match)
    throw new InvalidArgumentsError(
      [{ argument: "id", reason: `"${id}" is not an Incus instance id ("name" or "project/name")` }],
      { cloud: "incus" },
    );
  return { project: match[1], name: match[2] };
}

/** Where the root disk comes from: the image as an alias or fingerprint, on the local store or `imageServer`. */
export function imageSource(
  inputs: Pick<IncusInstanceInputs, "image" | "imageServer" | "imageProtocol">,
): ApiImageSource {
  const image = inputs.image as string;
  return {
    type: "image",
    ...(looksLikeFingerprint(image) && inputs.imageServer === undefined ? { fingerprint: image } : { alias: image }),
    ...(inputs.imageServer !== undefined
      ? { server: inputs.imageServer, protocol: inputs.imageProtocol ?? "simplestreams" }
      : {}),
  };
}

/** The POST /1.0/instances body for the inputs (not started yet); the creation token goes into config. */
export function createBody(inputs: IncusInstanceInputs, token: string): ApiInstancesPost {
  const config: Record<string, string> = { ...managedConfig(inputs), [CREATION_TOKEN_KEY]: token };
  if (inputs.deletionProtection === true) config[PROTECTION_KEY] = "true";
  return {
    name: inputs.name,
    type: inputs.type,
    source: imageSource(inputs),
    config,
    devices: inputs.devices ?? {},
    ...(inputs.profiles !== undefined ? { profiles: inputs.profiles } : {}),
    description: inputs.description ?? "",
    // Started afterwards through the state API, on every daemon alike: LXD 5.0 ignores this field
    // (no API extension instance_create_start), and on Incus a start that fails inside the create
    // fails the create operation while the instance is still settling (read as Running).
    start: false,
  };
}

/** Lower-case power state from the daemon's status ("Running" → "running"). */
export function powerState(status: string): string {
  return status.toLowerCase();
}

function pick<T>(source: Record<string, T> | undefined, keys: string[]): Record<string, T> | undefined {
  if (keys.length === 0) return undefined;
  const out: Record<string, T> = {};
  for (const key of keys) if (source && key in source) out[key] = source[key];
  return out;
}

/** What the user states about an instance; for outputs, the inputs (create/update) or the stored outputs (read). */
export type Known = Partial<
  Pick<
    IncusInstanceOutputs,
    | "image"
    | "imageServer"
    | "imageProtocol"
    | "config"
    | "snapshotSchedule"
    | "restartOnConfigChange"
    | "imageChangeStrategy"
    | "devices"
    | "profiles"
    | "description"
    | "deletionProtection"
    | "adoptId"
    | "stopTimeout"
    | "timeouts"
    | "imageAliases"
  >
>;

/**
 * Outputs for an instance as the daemon reports it. Config keys and devices are limited to those in
 * `known` (what the user manages); everything else the daemon keeps is left out of state.
 */
export function toOutputs(instance: ApiInstance, known: Known, imageAliases?: string[]): IncusInstanceOutputs {
  const fingerprint = instance.config["volatile.base_image"] || undefined;
  const config = pick(instance.config, Object.keys(known.config ?? {}));
  const devices = pick(instance.devices, Object.keys(known.devices ?? {}));
  const protection = instance.config[PROTECTION_KEY];
  return {
    name: instance.name,
    // The user's own spelling (alias) when given; otherwise what the server says it was made from (TF #475).
    image: known.image ?? fingerprint,
    imageServer: known.imageServer,
    imageProtocol: known.imageProtocol,
    type: instance.type === "virtual-machine" ? "virtual-machine" : "container",
    profiles: instance.profiles,
    config,
    snapshotSchedule: scheduleOf(instance.config, known.snapshotSchedule),
    restartOnConfigChange: known.restartOnConfigChange,
    imageChangeStrategy: known.imageChangeStrategy,
    devices,
    description: instance.description,
    state: powerState(instance.status),
    status: instance.status,
    // Read back from the server; unset (and never set by us) reads as undefined, not false.
    deletionProtection:
      protection !== undefined ? protection === "true" : known.deletionProtection === undefined ? undefined : false,
    project: instance.project || "default",
    adoptId: known.adoptId,
    stopTimeout: known.stopTimeout,
    timeouts: known.timeouts,
    imageFingerprint: fingerprint,
    imageAliases: imageAliases ?? known.imageAliases,
    architecture: instance.architecture,
    uuid: instance.config["volatile.uuid"] || undefined,
    createdAt: instance.created_at,
    location: instance.location && instance.location !== "none" ? instance.location : undefined,
    creationToken: instance.config[CREATION_TOKEN_KEY] || undefined,
  };
}

/** The writable part of an instance as the daemon has it. */
export function writablePart(instance: ApiInstancePut): ApiInstancePut {
  return {
    architecture: instance.architecture,
    config: { ...instance.config },
    devices: { ...instance.devices },
    ephemeral: instance.ephemeral,
    profiles: [...instance.profiles],
    stateful: instance.stateful,
    description: instance.description,
  };
}

/**
 * Whether two reads of an instance differ only in what the daemon itself keeps (volatile.* config,
 * e.g. the power state it records after a failed start). Such a change moves the ETag but is nobody's
 * edit, so a write refused for it can safely be redone from a fresh read.
 */
export function onlyDaemonKeysChanged(before: ApiInstancePut, after: ApiInstancePut): boolean {
  const userPart = (instance: ApiInstancePut) => {
    const part = writablePart(instance);
    for (const key of Object.keys(part.config)) if (key.startsWith("volatile.")) delete part.config[key];
    return part;
  };
  return sameValue(userPart(before), userPart(after));
}

/**
 * The definition to PUT: the current one with the user's managed keys applied. Keys and devices the
 * user managed before (`previous`) but no longer lists are removed; keys nobody manages (volatile.*,
 * image.*, set by other tools) are kept as they are. Unset profiles/description keep their value.
 */
export function desiredDefinition(
  current: ApiInstancePut,
  inputs: IncusInstanceInputs,
  previous: Known = {},
): ApiInstancePut {
  const next = writablePart(current);
  const managed = managedConfig(inputs);
  // Keys managed before through either input, including snapshotSchedule fields never set on the server.
  const before = [...Object.keys(previous.config ?? {}), ...scheduleKeysOf(previous.snapshotSchedule)];
  for (const key of before) if (!(key in managed)) delete next.config[key];
  Object.assign(next.config, managed);
  if (inputs.deletionProtection === true) next.config[PROTECTION_KEY] = "true";
  else if (inputs.deletionProtection === false) delete next.config[PROTECTION_KEY];

  for (const name of Object.keys(previous.devices ?? {}))
    if (!(name in (inputs.devices ?? {}))) delete next.devices[name];
  Object.assign(next.devices, inputs.devices);

  if (inputs.profiles !== undefined) next.profiles = [...inputs.profiles];
  if (inputs.description !== undefined) next.description = inputs.description;
  return next;
}

/** The config keys of the `snapshotSchedule` fields that are present (set, or recorded as absent). */
function scheduleKeysOf(schedule: SnapshotSchedule | undefined): string[] {
  return Object.keys(schedule ?? {}).map((field) => SNAPSHOT_SCHEDULE_KEYS[field as ScheduleField]);
}

/** Whether two writable definitions differ (key order does not matter; profile order does). */
export function definitionChanged(current: ApiInstancePut, desired: ApiInstancePut): boolean {
  return !sameValue(writablePart(current), desired);
}

/** Names what changes between two definitions, for progress lines ("config limits.cpu, devices data"). */
export function describeChanges(current: ApiInstancePut, desired: ApiInstancePut): string {
  const parts: string[] = [];
  const keys = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !sameValue(a[k], b[k])).sort();
  const config = keys(current.config, desired.config);
  const devices = keys(current.devices, desired.devices);
  if (config.length > 0) parts.push(`config ${config.join(", ")}`);
  if (devices.length > 0) parts.push(`devices ${devices.join(", ")}`);
  if (!sameValue(current.profiles, desired.profiles)) parts.push(`profiles [${desired.profiles.join(", ")}]`);
  if (current.description !== desired.description) parts.push("description");
  return parts.join("; ");
}

/**
 * The state change that brings an instance from `status` to `desired`, or undefined when it is
 * there already (so repeating it is a no-op). A frozen instance is thawed rather than restarted.
 */
export function powerAction(
  status: string,
  desired: "running" | "stopped",
  stopTimeoutSeconds: number,
): ApiInstanceStatePut | undefined {
  const current = powerState(status);
  if (desired === "running") {
    if (current === "running") return undefined;
    if (current === "frozen") return { action: "unfreeze" };
    return { action: "start" };
  }
  if (current === "stopped") return undefined;
  // A frozen instance cannot shut down cleanly.
  if (current === "frozen") return { action: "stop", force: true };
  return { action: "stop", timeout: stopTimeoutSeconds, force: false };
}

/**
 * Config keys a running instance applies at once. Measured on LXD 5.0 and Incus 6.0 for containers:
 * limits.memory, limits.cpu and limits.processes reach the cgroups at once, linux.kernel_modules is
 * loaded when set; security.privileged, raw.lxc, limits.kernel.* and environment.* reach the init
 * process only at the next start. The other limits.* here are live in the daemons' instance options
 * reference; the remaining prefixes are read by the daemon, not by the running instance. Any other
 * key waits for the next start.
 */
const LIVE_KEYS: Record<"container" | "virtual-machine", RegExp> = {
  container:
    /^(user\.|image\.|boot\.|snapshots\.|migration\.|cloud-init\.|security\.protection\.|limits\.(cpu|cpu\.allowance|cpu\.priority|memory|memory\.enforce|memory\.swap|memory\.swap\.priority|processes|disk\.priority|network\.priority)$|linux\.kernel_modules$)/,
  // VMs take CPU and memory at boot (no hotplug on LXD 5.0): only the daemon's own keys are live.
  "virtual-machine": /^(user\.|image\.|boot\.|snapshots\.|migration\.|cloud-init\.|security\.protection\.)/,
};

/** The changed config keys (set, changed or removed) that take effect only at the instance's next start. */
export function keysNeedingRestart(type: string, current: ApiInstancePut, desired: ApiInstancePut): string[] {
  const live = LIVE_KEYS[type === "virtual-machine" ? "virtual-machine" : "container"];
  const keys = new Set([...Object.keys(current.config), ...Object.keys(desired.config)]);
  return [...keys]
    .filter((key) => !key.startsWith("volatile.") && current.config[key] !== desired.config[key] && !live.test(key))
    .sort();
}

/** Converts the daemon's instance to {@link GetIncusInstanceResult}. */
export function instanceInfo(instance: ApiInstance): GetIncusInstanceResult {
  const config = Object.fromEntries(
    Object.entries(instance.config ?? {}).filter(([key]) => !key.startsWith("volatile.")),
  );
  const project = instance.project || "default";
  return {
    id: instanceId(project, instance.name),
    name: instance.name,
    project,
    type: instance.type,
    status: instance.status,
    state: powerState(instance.status),
    description: instance.description,
    profiles: instance.profiles ?? [],
    config,
    devices: instance.devices ?? {},
    deletionProtection: (instance.expanded_config ?? instance.config)?.[PROTECTION_KEY] === "true",
    imageFingerprint: instance.config?.["volatile.base_image"] || undefined,
    uuid: instance.config?.["volatile.uuid"] || undefined,
    architecture: instance.architecture,
    createdAt: instance.created_at,
    lastUsedAt: instance.last_used_at,
    location: instance.location && instance.location !== "none" ? instance.location : undefined,
  };
}

/** Converts the daemon's operation object to {@link GetIncusOperationResult}. */
export function operationInfo(operation: IncusOperation): GetIncusOperationResult {
  return {
    id: operation.id,
    class: operation.class,
    description: operation.description,
    createdAt: operation.created_at,
    updatedAt: operation.updated_at,
    status: operation.status,
    statusCode: operation.status_code,
    resources: operation.resources ?? {},
    metadata: operation.metadata ?? {},
    mayCancel: operation.may_cancel,
    err: operation.err,
    location: operation.location,
  };
}

/** The resource id: "instance/snapshot" in the default project, "project/instance/snapshot" elsewhere. */
export function snapshotId(project: string | undefined, instance: string, name: string): string {
  return project === undefined || project === "" || project === "default"
    ? `${instance}/${name}`
    : `${project}/${instance}/${name}`;
}

/** Splits "instance/snapshot" / "project/instance/snapshot". */
export function parseSnapshotId(id: string): { project?: string; instance: string; name: string } {
  const match = SNAPSHOT_ID.exec(id);
  if (!match)
    throw new InvalidArgumentsError(
      [
        {
          argument: "id",
          reason: `"${id}" is not an Incus snapshot id ("instance/snapshot" or "project/instance/snapshot")`,
        },
      ],
      { cloud: "incus" },
    );
  return { project: match[1], instance: match[2], name: match[3] };
}

/** The daemon reports "never expires" as the zero time. */
export function expiry(value: string | undefined): string | undefined {
  return value === undefined || value.startsWith("0001-01-01") ? undefined : value;
}

/** Same instant, whatever the spelling ("2030-01-01T00:00:00Z" vs "2030-01-01T00:00:00.000Z"). */
export function sameInstant(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Date.parse(a) === Date.parse(b);
}

/**
 * Outputs from the daemon's snapshot. `expiresAt` is the user's: recorded only when the program sets
 * it (its own spelling kept when it means the same instant), so an expiry the daemon gave by itself
 * (the instance's `snapshots.expiry`) is no drift; `expiry` reports whichever applies.
 */
export function toSnapshotOutputs(
  snapshot: ApiInstanceSnapshot,
  instance: string,
  project: string,
  known: Partial<IncusInstanceSnapshotInputs>,
): IncusInstanceSnapshotOutputs {
  const expiresAt = expiry(snapshot.expires_at);
  const managed = known.expiresAt === undefined ? undefined : expiresAt;
  return {
    instance,
    name: snapshot.name,
    stateful: known.stateful ?? snapshot.stateful,
    expiresAt: managed !== undefined && sameInstant(managed, known.expiresAt) ? known.expiresAt : managed,
    expiry: expiresAt,
    project,
    adoptId: known.adoptId,
    timeouts: known.timeouts,
    createdAt: snapshot.created_at,
    size: snapshot.size,
  };
}
