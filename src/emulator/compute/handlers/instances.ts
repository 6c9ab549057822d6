/**
 * Instance routes of the emulated Instances API. POST answers 201 with the instance in state
 * "provisioning" and an `operation_id`; the operation finishes after the emulator's op delay and the
 * instance becomes "running" with a host and IPs. DELETE answers 202 with an `operation_id`; the
 * instance is "stopping" until the operation finishes, then gone (404). Names are unique among live
 * instances (409). An `image` of "broken-image" makes the create operation fail, for error-path tests.
 */
import { randomBytes } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse } from "../../router";
import { error } from "../errors";
import type { ComputeServices } from "../services";
import { type EmulatedComputeInstance, randomIp } from "../state";
import { invalidCreateField } from "../validation";

/** POST /v1/instances */
export function createInstance(
  request: EmulatorRequest,
  { ctx, state, operations }: ComputeServices,
): EmulatorResponse {
  const problem = invalidCreateField(request.body);
  if (problem) return error(400, `invalid field ${problem[0]}: ${problem[1]}`, problem[0]);
  const body = request.body as {
    metadata: { name: string; labels?: Record<string, string> };
    spec: EmulatedComputeInstance["spec"];
  };
  const taken = Object.values(state.instances).some(
    (i) => i.metadata.name === body.metadata.name && i.status.state !== "terminated",
  );
  if (taken) return error(409, `an instance named "${body.metadata.name}" already exists`, "metadata.name");
  const id = `inst-${randomBytes(4).toString("hex")}`;
  const instance: EmulatedComputeInstance = {
    id,
    metadata: { name: body.metadata.name, labels: body.metadata.labels ?? {}, created_at: new Date().toISOString() },
    spec: { ...body.spec },
    status: { state: "provisioning", host_id: "", private_ip: "", public_ip: "" },
  };
  state.instances[id] = instance;
  const broken = body.spec.image === "broken-image";
  const operation = operations.start(
    `Creating instance ${body.metadata.name}`,
    { instances: [`/v1/instances/${id}`] },
    {
      fail: broken ? `image "${body.spec.image}" could not be provisioned` : undefined,
      onSuccess: () => {
        Object.assign(instance.status, {
          state: "running",
          host_id: `host-${randomBytes(3).toString("hex")}`,
          private_ip: randomIp("10.0"),
          public_ip: randomIp("203.0"),
        });
      },
    },
  );
  if (broken) ctx.after(ctx.opDelayMs(), () => (instance.status.state = "error"));
  return { status: 201, body: { ...instance, operation_id: operation.id } };
}

/** GET /v1/instances */
export function listInstances(_request: EmulatorRequest, { state }: ComputeServices): EmulatorResponse {
  return { status: 200, body: { items: Object.values(state.instances) } };
}

/** GET /v1/instances/{id} */
export function getInstance(request: EmulatorRequest, { state }: ComputeServices): EmulatorResponse {
  const instance = state.instances[request.params.id];
  return instance ? { status: 200, body: instance } : error(404, `instance ${request.params.id} not found`);
}

/** DELETE /v1/instances/{id} */
export function deleteInstance(request: EmulatorRequest, { state, operations }: ComputeServices): EmulatorResponse {
  const instance = state.instances[request.params.id];
  if (!instance) return error(404, `instance ${request.params.id} not found`);
  instance.status.state = "stopping";
  const operation = operations.start(
    `Deleting instance ${instance.metadata.name}`,
    { instances: [`/v1/instances/${instance.id}`] },
    {
      cancellable: false,
      onSuccess: () => {
        delete state.instances[instance.id];
      },
    },
  );
  return { status: 202, body: { operation_id: operation.id } };
}
