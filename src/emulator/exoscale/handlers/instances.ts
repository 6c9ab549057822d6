/**
 * Compute instance routes of the emulated Exoscale API v2: create, list (with its filters), get,
 * update, delete (a protected instance is a 403) and field reset.
 */
import { randomUUID } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse } from "../../router";
import { exoError, invalidField } from "../errors";
import { FAIL_LABEL } from "../operations";
import { INSTANCE_TYPES, TEMPLATES } from "../seed";
import { type Body, type ExoscaleServices, ok } from "../services";
import { type EmulatedInstance, instanceView, ipv6For, macFor, newPassword, randomIpv4 } from "../state";
import { invalidDiskSize, invalidLabels, invalidUserData, isUuid, PUBLIC_IP_ASSIGNMENTS } from "../validation";
import { act, onInstance } from "./instance-lookup";

function refIds(value: unknown, field: string): string[] | EmulatorResponse {
  if (!Array.isArray(value)) return invalidField(field, "must be an array");
  const ids: string[] = [];
  for (const item of value) {
    const id = (item as { id?: unknown })?.id;
    if (!isUuid(id)) return invalidField(`${field}.id`, "must be a UUID");
    ids.push(id);
  }
  return ids;
}

/** Parses `labels=k1=v1,k2` list filters: every pair must match, a bare key must exist. */
function matchesLabelFilter(labels: Record<string, string>, filter: string): boolean {
  return filter
    .split(",")
    .filter((part) => part !== "")
    .every((part) => {
      const at = part.indexOf("=");
      return at < 0 ? part in labels : labels[part.slice(0, at)] === part.slice(at + 1);
    });
}

/** POST /v2/instance */
export function createInstance(request: EmulatorRequest, services: ExoscaleServices): EmulatorResponse {
  const { ctx, state } = services;
  const body = (request.body ?? {}) as Body;
  if (typeof body !== "object" || Array.isArray(body)) return invalidField("body", "must be a JSON object");
  const typeId = (body["instance-type"] as Body | undefined)?.id;
  if (!isUuid(typeId)) return invalidField("instance-type.id", "is required and must be a UUID");
  if (!INSTANCE_TYPES.some((t) => t.id === typeId)) return exoError(404, `Instance type ${typeId} not found`);
  const templateId = (body.template as Body | undefined)?.id;
  if (!isUuid(templateId)) return invalidField("template.id", "is required and must be a UUID");
  if (!TEMPLATES.some((t) => t.id === templateId)) return exoError(404, `Template ${templateId} not found`);
  const diskProblem = invalidDiskSize(body["disk-size"]);
  if (diskProblem) return invalidField("disk-size", diskProblem);
  if (body.name !== undefined && (typeof body.name !== "string" || body.name.length < 1 || body.name.length > 255))
    return invalidField("name", "must be 1-255 characters");
  if (body.labels !== undefined) {
    const problem = invalidLabels(body.labels);
    if (problem) return invalidField("labels", problem);
  }
  if (body["user-data"] !== undefined) {
    const problem = invalidUserData(body["user-data"]);
    if (problem) return invalidField("user-data", problem);
  }
  const ipAssignment = (body["public-ip-assignment"] ?? "inet4") as EmulatedInstance["publicIpAssignment"];
  if (!PUBLIC_IP_ASSIGNMENTS.includes(ipAssignment))
    return invalidField("public-ip-assignment", `must be one of ${PUBLIC_IP_ASSIGNMENTS.join(", ")}`);
  const securityGroupIds =
    body["security-groups"] === undefined ? [] : refIds(body["security-groups"], "security-groups");
  if (!Array.isArray(securityGroupIds)) return securityGroupIds;
  const sshKeys: string[] = [];
  for (const key of [
    ...(Array.isArray(body["ssh-keys"]) ? body["ssh-keys"] : []),
    ...(body["ssh-key"] ? [body["ssh-key"]] : []),
  ]) {
    const name = (key as Body)?.name;
    if (typeof name !== "string" || name === "") return invalidField("ssh-keys.name", "must be a non-empty string");
    if (!sshKeys.includes(name)) sshKeys.push(name);
  }
  for (const flag of ["tpm-enabled", "secureboot-enabled", "auto-start"]) {
    if (body[flag] !== undefined && typeof body[flag] !== "boolean") return invalidField(flag, "must be a boolean");
  }
  const id = randomUUID();
  const instance: EmulatedInstance = {
    id,
    name: body.name ?? `vm-${id.slice(0, 8)}`,
    state: "starting",
    instanceTypeId: typeId,
    templateId,
    diskSize: body["disk-size"] as number,
    labels: { ...((body.labels as Record<string, string>) ?? {}) },
    publicIpAssignment: ipAssignment,
    publicIp: randomIpv4(),
    ipv6Address: ipv6For(id),
    macAddress: macFor(id),
    securityGroupIds,
    sshKeys,
    userData: body["user-data"] as string | undefined,
    tpmEnabled: body["tpm-enabled"] === true,
    secureBootEnabled: body["secureboot-enabled"] === true,
    snapshotIds: [],
    createdAt: new Date().toISOString(),
  };
  state.instances[id] = instance;
  state.passwords[id] = newPassword();
  const autoStart = body["auto-start"] !== false;
  const failing = instance.labels[FAIL_LABEL] === "create-instance";
  if (failing) ctx.after(ctx.opDelayMs(), () => (instance.state = "error"));
  return act(services, instance, "create-instance", () => {
    instance.state = autoStart ? "running" : "stopped";
  });
}

/** GET /v2/instance */
export function listInstances(request: EmulatorRequest, { state }: ExoscaleServices): EmulatorResponse {
  const managerId = request.query.get("manager-id");
  if (managerId !== null && !isUuid(managerId)) return invalidField("manager-id", "must be a UUID");
  const managerType = request.query.get("manager-type");
  if (managerType !== null && managerType !== "instance-pool")
    return invalidField("manager-type", "must be instance-pool");
  const ip = request.query.get("ip-address");
  const labels = request.query.get("labels");
  const instances = Object.values(state.instances)
    .filter((i) => i.state !== "destroying")
    // No emulated instance belongs to an instance pool or SKS nodepool.
    .filter(() => managerId === null && managerType === null)
    .filter(
      (i) =>
        ip === null ||
        (i.publicIpAssignment !== "none" && i.publicIp === ip) ||
        (i.publicIpAssignment === "dual" && i.ipv6Address === ip),
    )
    .filter((i) => labels === null || matchesLabelFilter(i.labels, labels));
  return ok({ instances: instances.map((i) => instanceView(i, false)) });
}

/** GET /v2/instance/{id} */
export const getInstance = onInstance((instance) => ok(instanceView(instance)));

const UPDATABLE = ["name", "user-data", "public-ip-assignment", "labels", "application-consistent-snapshot-enabled"];

/** PUT /v2/instance/{id} */
export const updateInstance = onInstance((instance, body, services) => {
  const unknown = Object.keys(body).find((key) => !UPDATABLE.includes(key));
  if (unknown) return invalidField(unknown, `is not an updatable field (updatable: ${UPDATABLE.join(", ")})`);
  if (body.name !== undefined && (typeof body.name !== "string" || body.name.length < 1 || body.name.length > 255))
    return invalidField("name", "must be 1-255 characters");
  if (body["user-data"] !== undefined) {
    const problem = invalidUserData(body["user-data"]);
    if (problem) return invalidField("user-data", problem);
  }
  if (
    body["public-ip-assignment"] !== undefined &&
    !PUBLIC_IP_ASSIGNMENTS.includes(body["public-ip-assignment"] as string)
  ) {
    return invalidField("public-ip-assignment", `must be one of ${PUBLIC_IP_ASSIGNMENTS.join(", ")}`);
  }
  if (body.labels !== undefined && body.labels !== null) {
    const problem = invalidLabels(body.labels);
    if (problem) return invalidField("labels", problem);
  }
  return act(services, instance, "update-instance", () => {
    if (body.name !== undefined) instance.name = body.name as string;
    if (body["user-data"] !== undefined) instance.userData = body["user-data"] as string;
    if (body["public-ip-assignment"] !== undefined)
      instance.publicIpAssignment = body["public-ip-assignment"] as EmulatedInstance["publicIpAssignment"];
    if (body.labels !== undefined) instance.labels = { ...((body.labels as Record<string, string> | null) ?? {}) };
  });
});

/** DELETE /v2/instance/{id} */
export const deleteInstance = onInstance((instance, _body, services) => {
  const { ctx, state } = services;
  if (state.protected[instance.id]) {
    return exoError(
      403,
      `Operation delete-instance on resource ${instance.id} is forbidden - reason: instance is protected against destruction (remove-instance-protection first)`,
    );
  }
  const previous = instance.state;
  instance.state = "destroying";
  const response = act(services, instance, "delete-instance", () => {
    for (const snapshotId of instance.snapshotIds) delete state.snapshots[snapshotId];
    delete state.instances[instance.id];
    delete state.passwords[instance.id];
    delete state.protected[instance.id];
  });
  if (instance.labels[FAIL_LABEL] === "delete-instance") ctx.after(ctx.opDelayMs(), () => (instance.state = previous));
  return response;
});

/** DELETE /v2/instance/{id}/{field} */
export const resetInstanceField = onInstance((instance, _body, services, request) => {
  if (request.params.field !== "labels")
    return invalidField("field", `"${request.params.field}" cannot be reset (allowed: labels)`);
  return act(services, instance, "reset-instance-field", () => {
    instance.labels = {};
  });
});
