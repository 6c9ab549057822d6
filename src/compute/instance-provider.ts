/**
 * ComputeInstance lifecycle on the generic Instances API. The API has no update, so every input
 * change is a replacement (delete first when the name stays, since names are unique). Create and
 * delete wait on the returned `operation_id` through `/1.0/operations/{id}/wait`, then read the
 * instance until it is running / gone.
 *
 * No orphans: the create request carries a creation-token label; before creating, and after an
 * ambiguous failure, the provider looks for an instance with that token and adopts it. If the
 * provisioning operation fails, the broken instance is deleted before the error is returned; if that
 * delete fails too, or waiting times out, the instance is kept in state (PartialCreateError).
 */
import { CREATION_TOKEN_LABEL, creationToken, sendCreate } from "../core/creation-token";
import { sameSet } from "../core/diff";
import { isNotFound, NotFoundError, OperationFailedError } from "../core/errors";
import type { ResourceContext, ResourceDefinition } from "../core/provider";
import { PartialCreateError } from "../core/provider";
import { timeoutMs } from "../core/timeouts";
import { encodeUserData, sameUserData } from "../core/user-data";
import { pollUntil } from "../core/waiter";
import { type ApiComputeInstance, ComputeClient, type CreateComputeInstanceBody } from "./client";
import { toOutputs } from "./mapping";
import { ComputeInstanceInputs, type ComputeInstanceOutputs } from "./schema";

/** The API body for the inputs, with the creation token among the labels. */
function toCreateBody(inputs: ComputeInstanceInputs, token: string): CreateComputeInstanceBody {
  return {
    metadata: { name: inputs.name, labels: { ...inputs.labels, [CREATION_TOKEN_LABEL]: token } },
    spec: {
      type: inputs.type,
      image: inputs.image,
      vcpus: inputs.vcpus,
      memory_mb: inputs.memoryMb,
      disk_gb: inputs.diskGb,
      vpc_id: inputs.vpcId,
      subnet_id: inputs.subnetId,
      security_groups: inputs.securityGroups,
      ssh_key_ids: inputs.sshKeyIds,
      user_data: inputs.userData === undefined ? undefined : encodeUserData(inputs.userData),
    },
  };
}

async function findByToken(client: ComputeClient, token: string): Promise<ApiComputeInstance | undefined> {
  const instances = await client.listInstances();
  return instances.find((i) => i.metadata.labels?.[CREATION_TOKEN_LABEL] === token && i.status.state !== "terminated");
}

/** Reads until the instance is running; throws on "error"/"terminated". */
async function waitRunning(
  client: ComputeClient,
  id: string,
  ctx: ResourceContext,
  deadlineMs: number,
): Promise<ApiComputeInstance> {
  return pollUntil({
    what: `instance ${id}`,
    cloud: "compute",
    operation: "getInstance",
    timeoutMs: deadlineMs,
    log: ctx.log,
    poll: () => client.getInstance(id),
    status: (instance) => ({
      state: instance.status.state,
      done:
        instance.status.state === "running" ||
        instance.status.state === "error" ||
        instance.status.state === "terminated",
      failure:
        instance.status.state === "error" || instance.status.state === "terminated"
          ? `instance ended in state ${instance.status.state}`
          : undefined,
    }),
  });
}

async function finishCreate(
  client: ComputeClient,
  instance: ApiComputeInstance,
  inputs: ComputeInstanceInputs,
  ctx: ResourceContext,
): Promise<{ id: string; outs: ComputeInstanceOutputs }> {
  const deadline = timeoutMs(inputs.timeouts?.create);
  const started = Date.now();
  try {
    if (instance.operation_id) {
      await client.operations.waitUntilDone(instance.operation_id, {
        what: `operation ${instance.operation_id} (create ${instance.id})`,
        timeoutMs: deadline,
        log: ctx.log,
        cloud: "compute",
        operation: "createInstance",
      });
    }
    const running = await waitRunning(client, instance.id, ctx, Math.max(1000, deadline - (Date.now() - started)));
    return { id: running.id, outs: toOutputs(running, inputs) };
  } catch (error) {
    if (error instanceof OperationFailedError) {
      // Nothing usable was made: remove the broken instance so nothing is left behind, then report.
      ctx.log.warn(`provisioning failed; deleting ${instance.id} so that nothing is left behind`);
      try {
        await deleteAndWait(client, instance.id, ctx, timeoutMs(inputs.timeouts?.delete));
      } catch (cleanupError) {
        throw new PartialCreateError(
          instance.id,
          toOutputs(instance, inputs),
          `${(error as Error).message}; cleanup also failed: ${(cleanupError as Error).message}`,
        );
      }
      throw error;
    }
    throw new PartialCreateError(instance.id, toOutputs(instance, inputs), error);
  }
}

async function deleteAndWait(client: ComputeClient, id: string, ctx: ResourceContext, deadline: number): Promise<void> {
  let operationId: string;
  try {
    ({ operation_id: operationId } = await client.deleteInstance(id));
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  await client.operations.waitUntilDone(operationId, {
    what: `operation ${operationId} (delete ${id})`,
    timeoutMs: deadline,
    log: ctx.log,
    cloud: "compute",
    operation: "deleteInstance",
  });
  await pollUntil({
    what: `instance ${id}`,
    cloud: "compute",
    operation: "getInstance",
    timeoutMs: deadline,
    log: ctx.log,
    poll: () =>
      client.getInstance(id).then(
        (i) => i.status.state,
        (error) => (isNotFound(error) ? "gone" : Promise.reject(error)),
      ),
    status: (state) => ({ state, done: state === "gone" || state === "terminated" }),
  });
}

/** The instance `adoptId` names, as outputs; one still provisioning is waited for. */
async function readForAdoption(
  adoptId: string,
  known: Partial<ComputeInstanceInputs>,
  ctx: ResourceContext,
): Promise<{ id: string; outs: ComputeInstanceOutputs }> {
  const client = ComputeClient.fromSettings(ctx.log);
  let instance = await client.getInstance(adoptId);
  if (instance.status.state === "provisioning")
    instance = await waitRunning(client, instance.id, ctx, timeoutMs(known.timeouts?.create));
  return { id: instance.id, outs: toOutputs(instance, known) };
}

export const computeInstanceDefinition: ResourceDefinition<ComputeInstanceInputs, ComputeInstanceOutputs> = {
  kind: "compute:Instance",
  inputs: ComputeInstanceInputs,
  // The Instances API has no account call: the server behind the endpoint is the account.
  accountIdentity: async () => `instances API ${new URL(ComputeClient.endpoint()).origin}`,
  sensitiveInputs: ["userData"],
  fields: {
    name: "replace",
    labels: "replace",
    type: "replace",
    image: "replace",
    vcpus: "replace",
    memoryMb: "replace",
    diskGb: "replace",
    vpcId: "replace",
    subnetId: "replace",
    securityGroups: { equals: sameSet, replaceIf: () => true },
    sshKeyIds: { equals: sameSet, replaceIf: () => true },
    userData: { equals: sameUserData, replaceIf: () => true },
    adoptId: "ignore",
    deletionProtection: "ignore",
    timeouts: "ignore",
  },
  // Names are unique: a replacement that keeps the name must remove the old instance first.
  deleteBeforeReplace: (olds, news) => olds.name === news.name,

  adopt: { read: readForAdoption },
  // The API has no catalogue to look names up in: only the settings every request needs.
  preflight: async () => ComputeClient.checkSettings(),

  async create(inputs, ctx) {
    const client = ComputeClient.fromSettings(ctx.log);
    const token = creationToken(ctx.identity, inputs);
    const earlier = await findByToken(client, token);
    if (earlier) {
      ctx.log.info(`found instance ${earlier.id} created by an earlier attempt whose response was lost; adopting it`);
      return finishCreate(client, earlier, inputs, ctx);
    }
    const outcome = await sendCreate({
      create: () => client.createInstance(toCreateBody(inputs, token)),
      find: () => findByToken(client, token),
      log: ctx.log,
      what: `create instance ${inputs.name}`,
    });
    if (!("created" in outcome))
      ctx.log.info(
        `create failed (${(outcome.failure as Error).message}) but the instance exists as ${outcome.found.id}; adopting it`,
      );
    const created = "created" in outcome ? outcome.created : outcome.found;
    ctx.log.progress(`created ${created.id}, waiting for operation ${created.operation_id ?? "(none)"}`);
    return finishCreate(client, created, inputs, ctx);
  },

  async read(id, olds) {
    const client = ComputeClient.fromSettings();
    try {
      return toOutputs(await client.getInstance(id), olds);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  },

  // Every input change replaces, so update only runs to finish a create that did not complete
  // (the engine retries those); it waits for the instance to be running again.
  async update(id, _olds, news, ctx) {
    const client = ComputeClient.fromSettings(ctx.log);
    const running = await waitRunning(client, id, ctx, timeoutMs(news.timeouts?.create));
    return toOutputs(running, news);
  },

  async delete(id, olds, ctx) {
    const client = ComputeClient.fromSettings(ctx.log);
    await deleteAndWait(client, id, ctx, timeoutMs(olds.timeouts?.delete));
  },
};
