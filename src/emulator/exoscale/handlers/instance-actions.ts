/**
 * The `:action` routes of an Exoscale instance, with the real preconditions: scale, disk resize,
 * TPM and snapshot revert need a stopped instance; disks only grow; start of a running instance and
 * stop of a non-running one are 400s.
 *
 * Test hook: an instance labelled `emulator-fail=<command>` (e.g. `start-instance`) makes the next
 * operation of that command end in `failure`, to exercise clients' error paths.
 */
import { randomUUID } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse } from "../../router";
import { exoError, invalidField } from "../errors";
import { FAIL_LABEL, OperationFailure } from "../operations";
import { INSTANCE_TYPES, TEMPLATES } from "../seed";
import { type Body, type ExoscaleServices, ok } from "../services";
import { type EmulatedSnapshot, newPassword } from "../state";
import { invalidDiskSize, isUuid } from "../validation";
import { act, findInstance, isResponse, onInstance, requireState } from "./instance-lookup";

/** PUT /v2/instance/{id}:add-protection */
export const addProtection = onInstance((instance, _body, services) =>
  act(services, instance, "add-instance-protection", () => (services.state.protected[instance.id] = true)),
);

/** PUT /v2/instance/{id}:remove-protection */
export const removeProtection = onInstance((instance, _body, services) =>
  act(services, instance, "remove-instance-protection", () => delete services.state.protected[instance.id]),
);

/** PUT /v2/instance/{id}:start */
export const startInstance = onInstance((instance, body, services) => {
  if (body["rescue-profile"] !== undefined && !["netboot", "netboot-efi"].includes(body["rescue-profile"] as string)) {
    return invalidField("rescue-profile", "must be netboot or netboot-efi");
  }
  if (instance.state === "running") return exoError(400, `start-instance: instance ${instance.id} is already running`);
  const denied = requireState(instance, ["stopped"], "start-instance");
  if (denied) return denied;
  instance.state = "starting";
  return act(services, instance, "start-instance", () => (instance.state = "running"));
});

/** PUT /v2/instance/{id}:stop */
export const stopInstance = onInstance((instance, _body, services) => {
  const denied = requireState(instance, ["running"], "stop-instance");
  if (denied) return denied;
  instance.state = "stopping";
  return act(services, instance, "stop-instance", () => (instance.state = "stopped"));
});

/** PUT /v2/instance/{id}:reboot */
export const rebootInstance = onInstance((instance, _body, services) => {
  const denied = requireState(instance, ["running"], "reboot-instance");
  return denied ?? act(services, instance, "reboot-instance", () => undefined);
});

/** PUT /v2/instance/{id}:scale */
export const scaleInstance = onInstance((instance, body, services) => {
  const typeId = (body["instance-type"] as Body | undefined)?.id;
  if (!isUuid(typeId)) return invalidField("instance-type.id", "is required and must be a UUID");
  if (!INSTANCE_TYPES.some((t) => t.id === typeId)) return exoError(404, `Instance type ${typeId} not found`);
  const denied = requireState(instance, ["stopped"], "scale-instance");
  return denied ?? act(services, instance, "scale-instance", () => (instance.instanceTypeId = typeId));
});

/** PUT /v2/instance/{id}:resize-disk */
export const resizeDisk = onInstance((instance, body, services) => {
  const problem = invalidDiskSize(body["disk-size"]);
  if (problem) return invalidField("disk-size", problem);
  const size = body["disk-size"] as number;
  if (size <= instance.diskSize)
    return invalidField(
      "disk-size",
      `disks can only grow: ${size} GiB is not larger than the current ${instance.diskSize} GiB`,
    );
  const denied = requireState(instance, ["stopped"], "resize-instance-disk");
  return denied ?? act(services, instance, "resize-instance-disk", () => (instance.diskSize = size));
});

/** PUT /v2/instance/{id}:reset */
export const resetInstance = onInstance((instance, body, services) => {
  const templateId = (body.template as Body | undefined)?.id;
  if (templateId !== undefined && !isUuid(templateId)) return invalidField("template.id", "must be a UUID");
  if (templateId !== undefined && !TEMPLATES.some((t) => t.id === templateId))
    return exoError(404, `Template ${templateId} not found`);
  if (body["disk-size"] !== undefined) {
    const problem = invalidDiskSize(body["disk-size"]);
    if (problem) return invalidField("disk-size", problem);
    if ((body["disk-size"] as number) < instance.diskSize)
      return invalidField(
        "disk-size",
        `disks can only grow: ${body["disk-size"] as number} GiB is smaller than the current ${instance.diskSize} GiB`,
      );
  }
  const denied = requireState(instance, ["running", "stopped"], "reset-instance");
  return (
    denied ??
    act(services, instance, "reset-instance", () => {
      if (templateId) instance.templateId = templateId;
      if (body["disk-size"] !== undefined) instance.diskSize = body["disk-size"] as number;
      services.state.passwords[instance.id] = newPassword();
    })
  );
});

/** PUT /v2/instance/{id}:reset-password */
export const resetPassword = onInstance((instance, _body, services) =>
  act(services, instance, "reset-instance-password", () => (services.state.passwords[instance.id] = newPassword())),
);

/** GET /v2/instance/{id}:password */
export const getPassword = onInstance((instance, _body, { state }) => ok({ password: state.passwords[instance.id] }));

/** POST /v2/instance/{id}:enable-tpm */
export const enableTpm = onInstance((instance, _body, services) => {
  if (instance.tpmEnabled) return exoError(400, `enable-tpm: TPM is already enabled on instance ${instance.id}`);
  const denied = requireState(instance, ["stopped"], "enable-tpm");
  return denied ?? act(services, instance, "enable-tpm", () => (instance.tpmEnabled = true));
});

/** POST /v2/instance/{id}:create-snapshot */
export const createSnapshot = onInstance((instance, _body, { ctx, state, operations }) => {
  const denied = requireState(instance, ["running", "stopped"], "create-snapshot");
  if (denied) return denied;
  const snapshot: EmulatedSnapshot = {
    id: randomUUID(),
    name: `${instance.name}-${new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14)}`,
    instanceId: instance.id,
    instanceName: instance.name,
    state: "snapshotting",
    size: instance.diskSize,
    createdAt: new Date().toISOString(),
  };
  state.snapshots[snapshot.id] = snapshot;
  instance.snapshotIds.push(snapshot.id);
  const failure =
    instance.labels[FAIL_LABEL] === "create-snapshot"
      ? new OperationFailure("fault", `injected failure for instance ${instance.id}`)
      : undefined;
  const operation = operations.start(
    "create-snapshot",
    { id: snapshot.id, kind: "snapshot" },
    () => (snapshot.state = "ready"),
    failure,
  );
  if (failure) ctx.after(ctx.opDelayMs(), () => (snapshot.state = "error"));
  return ok(operation);
});

/** POST /v2/instance/{instance-id}:revert-snapshot */
export function revertSnapshot(request: EmulatorRequest, services: ExoscaleServices): EmulatorResponse {
  const { state } = services;
  const instance = findInstance(request, services, "instance-id");
  if (isResponse(instance)) return instance;
  const snapshotId = (request.body as Body | undefined)?.id;
  if (!isUuid(snapshotId)) return invalidField("id", "is required and must be a snapshot UUID");
  const snapshot = state.snapshots[snapshotId];
  if (!snapshot) return exoError(404, `Snapshot ${snapshotId} not found`);
  if (snapshot.instanceId !== instance.id)
    return invalidField("id", `snapshot ${snapshotId} belongs to another instance`);
  if (snapshot.state !== "ready")
    return exoError(400, `revert-instance-to-snapshot: snapshot ${snapshotId} is ${snapshot.state}, not ready`);
  const denied = requireState(instance, ["stopped"], "revert-instance-to-snapshot");
  return (
    denied ??
    act(
      services,
      instance,
      "revert-instance-to-snapshot",
      () => (instance.diskSize = Math.max(instance.diskSize, snapshot.size)),
    )
  );
}

/** GET /v2/console/{id} */
export const getConsole = onInstance((instance, _body, _services, request) => {
  const host = String(request.headers.host ?? "127.0.0.1");
  const expires = Math.floor(Date.now() / 1000) + 60;
  const path = `/console-proxy/${instance.id}`;
  const token = randomUUID().replace(/-/g, "");
  return ok({ url: `wss://${host}${path}?expires=${expires}&signature=${token}`, host, path });
});
