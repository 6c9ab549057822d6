/**
 * The API's kebab-case instance in camelCase, shared by the resource's outputs and the functions,
 * and the rule that keeps what the user typed as an output when it still means the same thing
 * (so `standard.medium` never turns into a UUID and causes a diff), and the snapshot's outputs.
 */
import { CREATION_TOKEN_LABEL } from "../core/creation-token";
import { sameValue } from "../core/diff";
import { decodeUserData, sameUserData } from "../core/user-data";
import { isUuid } from "../core/ids";
import type { ApiInstance, ApiSnapshot } from "./client";
import {
  type ExoscaleInstanceInputs,
  type ExoscaleInstanceOutputs,
  type ExoscaleInstanceSnapshotInputs,
  type ExoscaleInstanceSnapshotOutputs,
  type GetExoscaleInstanceResult,
  zonedIdOf,
} from "./schema";

/** An instance as the functions return it. */
type ExoscaleInstanceInfo = GetExoscaleInstanceResult;

/** Maps an API instance; the creation-token label is kept out of `labels`. */
export function instanceInfo(instance: ApiInstance, zone: string): ExoscaleInstanceInfo & { creationToken?: string } {
  const { [CREATION_TOKEN_LABEL]: creationToken, ...labels } = instance.labels ?? {};
  const type = instance["instance-type"];
  return {
    id: zonedIdOf(zone, instance.id),
    uuid: instance.id,
    zone,
    name: instance.name ?? "",
    state: instance.state ?? "unknown",
    instanceTypeId: type?.id ?? "",
    instanceTypeName: type?.family && type.size ? `${type.family}.${type.size}` : (type?.id ?? ""),
    cpus: type?.cpus,
    memory: type?.memory,
    templateId: instance.template?.id ?? "",
    templateName: instance.template?.name,
    diskSize: instance["disk-size"] ?? 0,
    labels,
    publicIpAssignment: instance["public-ip-assignment"],
    publicIp: instance["public-ip"],
    ipv6Address: instance["ipv6-address"],
    macAddress: instance["mac-address"],
    sshKeys: (instance["ssh-keys"] ?? []).map((key) => key.name ?? "").filter((name) => name !== ""),
    securityGroupIds: (instance["security-groups"] ?? []).map((group) => group.id ?? "").filter((id) => id !== ""),
    userData: instance["user-data"] === undefined ? undefined : decodeUserData(instance["user-data"]),
    tpmEnabled: instance["tpm-enabled"] === true,
    secureBootEnabled: instance["secureboot-enabled"] === true,
    snapshotIds: (instance.snapshots ?? []).map((s) => s.id ?? "").filter((id) => id !== ""),
    createdAt: instance["created-at"],
    ...(creationToken !== undefined ? { creationToken } : {}),
  };
}

/** Whether a typed instance type (`family.size` or UUID) names the instance's current type. */
export function sameInstanceType(
  typed: string | undefined,
  info: Pick<ExoscaleInstanceInfo, "instanceTypeId" | "instanceTypeName">,
): boolean {
  if (typed === undefined) return false;
  return isUuid(typed)
    ? typed.toLowerCase() === info.instanceTypeId.toLowerCase()
    : typed.toLowerCase() === info.instanceTypeName.toLowerCase();
}

/** Whether a typed template (name or UUID) names the instance's current template. */
export function sameTemplate(
  typed: string | undefined,
  info: Pick<ExoscaleInstanceInfo, "templateId" | "templateName">,
  knownTemplateId?: string,
): boolean {
  if (typed === undefined) return false;
  if (isUuid(typed)) return typed.toLowerCase() === info.templateId.toLowerCase();
  // Several builds may share a name: the one resolved at create/update time is the one that counts.
  return typed === info.templateName && (knownTemplateId === undefined || knownTemplateId === info.templateId);
}

/** What only the user (or the previous state) knows: inputs, trigger values, the password. */
export type KnownFields = Partial<Omit<ExoscaleInstanceInputs, "state">> &
  Partial<Pick<ExoscaleInstanceOutputs, "password" | "templateId">>;

/** Resource outputs from the API instance, keeping the user's spelling where it means the same. */
export function toOutputs(instance: ApiInstance, known: KnownFields & { zone: string }): ExoscaleInstanceOutputs {
  const info = instanceInfo(instance, known.zone);
  return {
    zone: known.zone,
    name: info.name,
    instanceType: sameInstanceType(known.instanceType, info) ? (known.instanceType as string) : info.instanceTypeName,
    template: sameTemplate(known.template, info, known.templateId)
      ? (known.template as string)
      : (info.templateName ?? info.templateId),
    diskSize: info.diskSize,
    labels: Object.keys(info.labels).length > 0 || known.labels !== undefined ? info.labels : undefined,
    userData:
      info.userData === undefined
        ? undefined
        : sameUserData(known.userData, info.userData)
          ? known.userData
          : info.userData,
    publicIpAssignment: info.publicIpAssignment,
    sshKeys: info.sshKeys.length > 0 || known.sshKeys !== undefined ? info.sshKeys : undefined,
    securityGroupIds:
      info.securityGroupIds.length > 0 || known.securityGroupIds !== undefined ? info.securityGroupIds : undefined,
    state: info.state,
    tpmEnabled: info.tpmEnabled,
    secureBootEnabled: info.secureBootEnabled,
    rebootTrigger: known.rebootTrigger,
    passwordResetTrigger: known.passwordResetTrigger,
    templateChangeStrategy: known.templateChangeStrategy,
    restoreSnapshotId: known.restoreSnapshotId,
    deletionProtection: known.deletionProtection,
    adoptId: known.adoptId,
    timeouts: known.timeouts,
    instanceTypeId: info.instanceTypeId,
    instanceTypeName: info.instanceTypeName,
    cpus: info.cpus,
    memory: info.memory,
    templateId: info.templateId,
    templateName: info.templateName,
    publicIp: info.publicIp,
    ipv6Address: info.ipv6Address,
    macAddress: info.macAddress,
    snapshotIds: info.snapshotIds,
    createdAt: info.createdAt,
    password: known.password,
    creationToken: info.creationToken,
  };
}

/** Label equality where "no labels" and `{}` are the same. */
export function sameLabels(a: unknown, b: unknown): boolean {
  return sameValue(a ?? {}, b ?? {});
}

/** Snapshot outputs from the API object. */
export function snapshotOutputs(
  snapshot: ApiSnapshot,
  inputs: ExoscaleInstanceSnapshotInputs,
): ExoscaleInstanceSnapshotOutputs {
  return {
    ...inputs,
    name: snapshot.name ?? snapshot.id,
    state: snapshot.state ?? "unknown",
    size: snapshot.size,
    createdAt: snapshot["created-at"],
  };
}
