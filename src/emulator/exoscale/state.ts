/**
 * What the emulated Exoscale API holds (one store slice, persisted with the emulator's state file)
 * and how its objects look on the wire (the spec's `instance`, `snapshot` and `operation` shapes).
 */
import { createHash, randomBytes } from "node:crypto";
import { INSTANCE_TYPES, TEMPLATES } from "./seed";

type InstanceState = "starting" | "running" | "stopping" | "stopped" | "destroying" | "error";

export interface EmulatedInstance {
  id: string;
  name: string;
  state: InstanceState;
  instanceTypeId: string;
  templateId: string;
  diskSize: number;
  labels: Record<string, string>;
  publicIpAssignment: "inet4" | "dual" | "none";
  publicIp: string;
  ipv6Address: string;
  macAddress: string;
  securityGroupIds: string[];
  sshKeys: string[];
  userData?: string;
  tpmEnabled: boolean;
  secureBootEnabled: boolean;
  snapshotIds: string[];
  createdAt: string;
}

export interface EmulatedSnapshot {
  id: string;
  name: string;
  instanceId: string;
  instanceName: string;
  state: "snapshotting" | "ready" | "deleting" | "error";
  size: number;
  createdAt: string;
}

export type OperationReason =
  | "incorrect"
  | "unknown"
  | "unavailable"
  | "forbidden"
  | "busy"
  | "fault"
  | "partial"
  | "not-found"
  | "interrupted"
  | "unsupported"
  | "conflict";

export interface EmulatedOperation {
  id: string;
  state: "pending" | "success" | "failure" | "timeout";
  reference: { id: string; link: string; command: string };
  message?: string;
  reason?: OperationReason;
}

export interface ExoscaleState {
  instances: Record<string, EmulatedInstance>;
  /** Destruction protection is not part of the instance's representation: the API never shows it. */
  protected: Record<string, boolean>;
  passwords: Record<string, string>;
  snapshots: Record<string, EmulatedSnapshot>;
  operations: Record<string, EmulatedOperation>;
}

export function emptyState(): ExoscaleState {
  return { instances: {}, protected: {}, passwords: {}, snapshots: {}, operations: {} };
}

export function newPassword(): string {
  return randomBytes(12).toString("base64").replace(/[+/=]/g, "x");
}

export function randomIpv4(): string {
  const [a, b, c] = randomBytes(3);
  return `194.182.${(a % 250) + 1}.${((b ^ c) % 250) + 2}`;
}

export function macFor(id: string): string {
  const hex = createHash("sha256").update(id).digest("hex");
  return `06:${hex.slice(0, 10).match(/../g)!.join(":")}`;
}

export function ipv6For(id: string): string {
  const hex = createHash("sha256").update(`v6:${id}`).digest("hex");
  return `2a04:c43:e00:${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 12)}:${hex.slice(12, 16)}:${hex.slice(16, 20)}`;
}

function instanceTypeView(id: string) {
  return INSTANCE_TYPES.find((t) => t.id === id);
}

function templateView(id: string) {
  return TEMPLATES.find((t) => t.id === id);
}

/** The spec's `instance` object. `full` adds fields the list endpoint leaves out (user data). */
export function instanceView(instance: EmulatedInstance, full = true): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: instance.id,
    name: instance.name,
    state: instance.state,
    "created-at": instance.createdAt,
    "instance-type": instanceTypeView(instance.instanceTypeId),
    template: templateView(instance.templateId),
    "disk-size": instance.diskSize,
    "public-ip-assignment": instance.publicIpAssignment,
    "mac-address": instance.macAddress,
    "security-groups": instance.securityGroupIds.map((id) => ({ id })),
    "ssh-keys": instance.sshKeys.map((name) => ({
      name,
      fingerprint: createHash("md5").update(name).digest("hex").match(/../g)!.join(":"),
    })),
    "private-networks": [],
    "elastic-ips": [],
    "anti-affinity-groups": [],
    "tpm-enabled": instance.tpmEnabled,
    "secureboot-enabled": instance.secureBootEnabled,
    "application-consistent-snapshot-enabled": false,
    "disk-encrypted": false,
    snapshots: instance.snapshotIds.map((id) => ({ id })),
  };
  if (Object.keys(instance.labels).length > 0) view.labels = { ...instance.labels };
  if (instance.publicIpAssignment !== "none") view["public-ip"] = instance.publicIp;
  if (instance.publicIpAssignment === "dual") view["ipv6-address"] = instance.ipv6Address;
  if (instance.sshKeys.length > 0) view["ssh-key"] = (view["ssh-keys"] as unknown[])[0];
  if (full && instance.userData !== undefined) view["user-data"] = instance.userData;
  return view;
}

/** The spec's `snapshot` object. */
export function snapshotView(snapshot: EmulatedSnapshot): Record<string, unknown> {
  return {
    id: snapshot.id,
    name: snapshot.name,
    "created-at": snapshot.createdAt,
    state: snapshot.state,
    size: snapshot.size,
    instance: { id: snapshot.instanceId, name: snapshot.instanceName },
    "application-consistent": false,
  };
}

/**
 * After a restart from a state file, pending operations cannot finish (their effects were code):
 * let objects caught mid-transition land where the operation would have taken them.
 */
export function settleAfterRestart(state: ExoscaleState): void {
  const landing: Partial<Record<InstanceState, InstanceState>> = { starting: "running", stopping: "stopped" };
  for (const instance of Object.values(state.instances)) {
    if (instance.state === "destroying") {
      for (const snapshotId of instance.snapshotIds) delete state.snapshots[snapshotId];
      delete state.instances[instance.id];
    } else instance.state = landing[instance.state] ?? instance.state;
  }
  for (const snapshot of Object.values(state.snapshots)) {
    if (snapshot.state === "deleting") delete state.snapshots[snapshot.id];
    else if (snapshot.state === "snapshotting") snapshot.state = "ready";
  }
  // Operations cannot survive a restart (their effects are code): end them as interrupted.
  for (const operation of Object.values(state.operations)) {
    if (operation.state === "pending")
      Object.assign(operation, {
        state: "failure",
        reason: "interrupted",
        message: "the emulator restarted during the operation",
      });
  }
}
