/**
 * Compute instance routes of the emulated Exoscale API v2: create, list (with its
 * filters), get, update, delete, field reset and every `:action`, with the real preconditions:
 * scale, disk resize, TPM and snapshot revert need a stopped instance; disks only grow; start of a
 * running instance and stop of a non-running one are 400s; delete of a protected instance is a 403.
 *
 * Test hook: an instance labelled `emulator-fail=<command>` (e.g. `start-instance`) makes the next
 * operation of that command end in `failure`, to exercise clients' error paths.
 */
import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../api";
import type { EmulatorRequest, EmulatorResponse, Router } from "../router";
import { INSTANCE_TYPES, TEMPLATES } from "./catalogue";
import {
  badId,
  exoError,
  invalidDiskSize,
  invalidField,
  invalidLabels,
  invalidUserData,
  isUuid,
  PUBLIC_IP_ASSIGNMENTS,
} from "./errors";
import { OperationFailure, type Operations } from "./operations";
import {
  type EmulatedInstance,
  type EmulatedSnapshot,
  type ExoscaleState,
  instanceView,
  ipv6For,
  macFor,
  newPassword,
  randomIpv4,
} from "./state";

/** Label that makes an operation of the named command fail (for error-path tests). */
export const FAIL_LABEL = "emulator-fail";

type Body = Record<string, unknown>;
const ok = (body: unknown): EmulatorResponse => ({ status: 200, body });

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

export function registerInstances(
  router: Router,
  ctx: EmulatorContext,
  state: ExoscaleState,
  operations: Operations,
): void {
  const P = "/v2/instance";

  /** Runs `command` on an instance; the `emulator-fail` label makes it fail. */
  const act = (instance: EmulatedInstance, command: string, effect: () => void) => {
    const failure =
      instance.labels[FAIL_LABEL] === command
        ? new OperationFailure("fault", `injected failure for instance ${instance.id}`)
        : undefined;
    return ok(operations.start(command, { id: instance.id, kind: "instance" }, effect, failure));
  };

  /** The instance addressed by `{id}`, or the API's 400/404. */
  const find = (request: EmulatorRequest, name = "id"): EmulatedInstance | EmulatorResponse => {
    const id = request.params[name];
    const invalid = badId(id, name);
    if (invalid) return invalid;
    const instance = state.instances[id];
    return instance && instance.state !== "destroying" ? instance : exoError(404, `Instance ${id} not found`);
  };
  const isResponse = (value: EmulatedInstance | EmulatorResponse): value is EmulatorResponse => "status" in value;

  const requireState = (instance: EmulatedInstance, allowed: string[], action: string): EmulatorResponse | undefined =>
    allowed.includes(instance.state)
      ? undefined
      : exoError(400, `${action}: instance ${instance.id} must be ${allowed.join(" or ")}, got ${instance.state}`);

  router.on("POST", P, (request) => {
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
    return act(instance, "create-instance", () => {
      instance.state = autoStart ? "running" : "stopped";
    });
  });

  router.on("GET", P, (request) => {
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
  });

  router.on("GET", `${P}/{id}`, (request) => {
    const instance = find(request);
    return isResponse(instance) ? instance : ok(instanceView(instance));
  });

  router.on("PUT", `${P}/{id}`, (request) => {
    const instance = find(request);
    if (isResponse(instance)) return instance;
    const body = (request.body ?? {}) as Body;
    const known = ["name", "user-data", "public-ip-assignment", "labels", "application-consistent-snapshot-enabled"];
    const unknown = Object.keys(body).find((key) => !known.includes(key));
    if (unknown) return invalidField(unknown, `is not an updatable field (updatable: ${known.join(", ")})`);
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
    return act(instance, "update-instance", () => {
      if (body.name !== undefined) instance.name = body.name as string;
      if (body["user-data"] !== undefined) instance.userData = body["user-data"] as string;
      if (body["public-ip-assignment"] !== undefined)
        instance.publicIpAssignment = body["public-ip-assignment"] as EmulatedInstance["publicIpAssignment"];
      if (body.labels !== undefined) instance.labels = { ...((body.labels as Record<string, string> | null) ?? {}) };
    });
  });

  router.on("DELETE", `${P}/{id}`, (request) => {
    const instance = find(request);
    if (isResponse(instance)) return instance;
    if (state.protected[instance.id]) {
      return exoError(
        403,
        `Operation delete-instance on resource ${instance.id} is forbidden - reason: instance is protected against destruction (remove-instance-protection first)`,
      );
    }
    const previous = instance.state;
    instance.state = "destroying";
    const response = act(instance, "delete-instance", () => {
      for (const snapshotId of instance.snapshotIds) delete state.snapshots[snapshotId];
      delete state.instances[instance.id];
      delete state.passwords[instance.id];
      delete state.protected[instance.id];
    });
    if (instance.labels[FAIL_LABEL] === "delete-instance")
      ctx.after(ctx.opDelayMs(), () => (instance.state = previous));
    return response;
  });

  router.on("DELETE", `${P}/{id}/{field}`, (request) => {
    const instance = find(request);
    if (isResponse(instance)) return instance;
    if (request.params.field !== "labels")
      return invalidField("field", `"${request.params.field}" cannot be reset (allowed: labels)`);
    return act(instance, "reset-instance-field", () => {
      instance.labels = {};
    });
  });

  const action = (
    method: string,
    name: string,
    handler: (instance: EmulatedInstance, body: Body) => EmulatorResponse,
  ) => {
    router.on(method, `${P}/{id}:${name}`, (request) => {
      const instance = find(request);
      return isResponse(instance) ? instance : handler(instance, (request.body ?? {}) as Body);
    });
  };

  action("PUT", "add-protection", (instance) =>
    act(instance, "add-instance-protection", () => (state.protected[instance.id] = true)),
  );
  action("PUT", "remove-protection", (instance) =>
    act(instance, "remove-instance-protection", () => delete state.protected[instance.id]),
  );

  action("PUT", "start", (instance, body) => {
    if (
      body["rescue-profile"] !== undefined &&
      !["netboot", "netboot-efi"].includes(body["rescue-profile"] as string)
    ) {
      return invalidField("rescue-profile", "must be netboot or netboot-efi");
    }
    if (instance.state === "running")
      return exoError(400, `start-instance: instance ${instance.id} is already running`);
    const denied = requireState(instance, ["stopped"], "start-instance");
    if (denied) return denied;
    instance.state = "starting";
    return act(instance, "start-instance", () => (instance.state = "running"));
  });

  action("PUT", "stop", (instance) => {
    const denied = requireState(instance, ["running"], "stop-instance");
    if (denied) return denied;
    instance.state = "stopping";
    return act(instance, "stop-instance", () => (instance.state = "stopped"));
  });

  action("PUT", "reboot", (instance) => {
    const denied = requireState(instance, ["running"], "reboot-instance");
    return denied ?? act(instance, "reboot-instance", () => undefined);
  });

  action("PUT", "scale", (instance, body) => {
    const typeId = (body["instance-type"] as Body | undefined)?.id;
    if (!isUuid(typeId)) return invalidField("instance-type.id", "is required and must be a UUID");
    if (!INSTANCE_TYPES.some((t) => t.id === typeId)) return exoError(404, `Instance type ${typeId} not found`);
    const denied = requireState(instance, ["stopped"], "scale-instance");
    return denied ?? act(instance, "scale-instance", () => (instance.instanceTypeId = typeId));
  });

  action("PUT", "resize-disk", (instance, body) => {
    const problem = invalidDiskSize(body["disk-size"]);
    if (problem) return invalidField("disk-size", problem);
    const size = body["disk-size"] as number;
    if (size <= instance.diskSize)
      return invalidField(
        "disk-size",
        `disks can only grow: ${size} GiB is not larger than the current ${instance.diskSize} GiB`,
      );
    const denied = requireState(instance, ["stopped"], "resize-instance-disk");
    return denied ?? act(instance, "resize-instance-disk", () => (instance.diskSize = size));
  });

  action("PUT", "reset", (instance, body) => {
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
      act(instance, "reset-instance", () => {
        if (templateId) instance.templateId = templateId;
        if (body["disk-size"] !== undefined) instance.diskSize = body["disk-size"] as number;
        state.passwords[instance.id] = newPassword();
      })
    );
  });

  action("PUT", "reset-password", (instance) =>
    act(instance, "reset-instance-password", () => (state.passwords[instance.id] = newPassword())),
  );

  action("GET", "password", (instance) => ok({ password: state.passwords[instance.id] }));

  action("POST", "enable-tpm", (instance) => {
    if (instance.tpmEnabled) return exoError(400, `enable-tpm: TPM is already enabled on instance ${instance.id}`);
    const denied = requireState(instance, ["stopped"], "enable-tpm");
    return denied ?? act(instance, "enable-tpm", () => (instance.tpmEnabled = true));
  });

  action("POST", "create-snapshot", (instance) => {
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

  router.on("POST", "/v2/instance/{instance-id}:revert-snapshot", (request) => {
    const instance = find(request, "instance-id");
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
        instance,
        "revert-instance-to-snapshot",
        () => (instance.diskSize = Math.max(instance.diskSize, snapshot.size)),
      )
    );
  });

  router.on("GET", "/v2/console/{id}", (request) => {
    const instance = find(request);
    if (isResponse(instance)) return instance;
    const host = String(request.headers.host ?? "127.0.0.1");
    const expires = Math.floor(Date.now() / 1000) + 60;
    const path = `/console-proxy/${instance.id}`;
    const token = randomUUID().replace(/-/g, "");
    return ok({ url: `wss://${host}${path}?expires=${expires}&signature=${token}`, host, path });
  });
}
