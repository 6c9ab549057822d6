/**
 * ExoscaleInstance lifecycle. Each input change maps to the API operation that applies
 * it in place, or to a replacement, from one field table (`instanceFields`). Updates compare the
 * inputs with the instance as it is now (after waiting out transitional states, see
 * exoscale/terraform-provider-exoscale#551 and #79), so they are idempotent and also repair drift.
 *
 * No orphans, no duplicates: the create request carries a creation-token label; before creating,
 * and after an ambiguous failure, the provider looks for an instance with that token and adopts it.
 * If the create operation itself fails, the broken instance is deleted before the error is
 * reported; any later failure (protection, password, waiting) keeps the instance in state through
 * PartialCreateError, so the next `up` finishes the job and `destroy` can delete it.
 */
import { exoscaleAccountIdentity } from "./account-identity";
import { CREATION_TOKEN_LABEL, creationToken, sendCreate } from "../core/creation-token";
import { sameSet, sameValue, type FieldTable } from "../core/diff";
import {
  DeletionProtectedError,
  isNotFound,
  mayHaveActed,
  OperationFailedError,
  ProviderError,
  timedOut,
} from "../core/errors";
import { hasStatus, lateArrivalWindowMs } from "../core/http";
import { formatElapsed } from "../core/log";
import { deletedSoFar } from "../core/run-journal";
import type { ResourceContext, ResourceDefinition } from "../core/provider";
import { PartialCreateError, settleLookups } from "../core/provider";
import { containsUnknown } from "../core/validation";
import { registerSecret } from "../core/redact";
import { encodeUserData, sameUserData } from "../core/user-data";
import { pollUntil } from "../core/waiter";
import {
  type ApiInstance,
  type ApiOperation,
  type CreateInstanceBody,
  ExoscaleClient,
  type UpdateInstanceBody,
} from "./client";
import { instanceInfo, type KnownFields, sameInstanceType, sameLabels, sameTemplate, toOutputs } from "./mapping";
import { ExoscaleInstanceInputs, type ExoscaleInstanceOutputs, parseZonedId, uuidOf, zonedIdOf } from "./schema";
import { timeoutMs } from "../core/timeouts";

const STABLE_STATES = new Set(["running", "stopped", "error"]);
/** Sends of one power, scale, disk or TPM step in all, after failures that showed no effect. */
const STEP_ATTEMPTS = 3;

type Inputs = ExoscaleInstanceInputs;
type Outputs = ExoscaleInstanceOutputs;

/** Equality for optional inputs: leaving one unset means "whatever the API chose". */
function unsetOr<V>(equals: (a: V | undefined, b: V | undefined) => boolean = sameValue) {
  return (previous: V | undefined, next: V | undefined) => next === undefined || equals(previous, next);
}

/** Which input changes replace the instance and which are applied in place (docs/exoscale.md has the operations table). */
export const instanceFields: FieldTable<Inputs> = {
  zone: "replace",
  name: "update",
  instanceType: { equals: (a, b) => String(a ?? "").toLowerCase() === String(b ?? "").toLowerCase() },
  template: { replaceIf: (_previous, _next, { news }) => news.templateChangeStrategy !== "reset" },
  diskSize: {
    replaceIf: (previous, next) => typeof previous === "number" && typeof next === "number" && next < previous,
  },
  labels: { equals: sameLabels },
  userData: { equals: unsetOr(sameUserData) },
  publicIpAssignment: { equals: unsetOr() },
  sshKeys: { equals: unsetOr(sameSet), replaceIf: () => true },
  securityGroupIds: { equals: unsetOr(sameSet), replaceIf: () => true },
  state: "update",
  tpmEnabled: { equals: unsetOr(), replaceIf: (previous, next) => previous === true && next === false },
  secureBootEnabled: { equals: unsetOr((a, b) => !!a === !!b), replaceIf: () => true },
  rebootTrigger: { equals: unsetOr() },
  passwordResetTrigger: { equals: unsetOr() },
  templateChangeStrategy: "ignore",
  // The snapshot's id (`zone/uuid`) and its bare UUID name the same snapshot.
  restoreSnapshotId: { equals: unsetOr((a, b) => uuidOf(String(a)) === uuidOf(String(b))) },
  deletionProtection: { equals: (a, b) => !!a === !!b },
  adoptId: "ignore",
  timeouts: "ignore",
};

/** Runs one operation and waits for it; the progress line names it. */
async function run(
  client: ExoscaleClient,
  what: string,
  start: () => Promise<ApiOperation>,
  ctx: ResourceContext,
  deadlineMs: number,
): Promise<ApiOperation> {
  ctx.log.progress(what);
  return client.waitForOperation(await start(), { what, timeoutMs: deadlineMs, log: ctx.log });
}

/** Reads the instance until it is running, stopped or in error (never act on a transitional state). */
async function settle(
  client: ExoscaleClient,
  id: string,
  ctx: ResourceContext,
  deadlineMs: number,
): Promise<ApiInstance> {
  return pollUntil({
    what: `instance ${id}`,
    cloud: "exoscale",
    operation: "getInstance",
    timeoutMs: deadlineMs,
    log: ctx.log,
    poll: () => client.getInstance(id),
    status: (instance) => ({ state: instance.state ?? "unknown", done: STABLE_STATES.has(instance.state ?? "") }),
  });
}

/** Reads the instance until `done` holds in a stable state, for the late-arrival window at most. */
async function watchForEffect(
  client: ExoscaleClient,
  id: string,
  what: string,
  done: (instance: ApiInstance) => boolean,
  ctx: ResourceContext,
): Promise<ApiInstance> {
  const windowMs = lateArrivalWindowMs();
  ctx.log.info(`${what}: timed out; watching ${formatElapsed(windowMs)} for the request to take effect`);
  return pollUntil({
    what: `instance ${id} (${what})`,
    cloud: "exoscale",
    operation: "getInstance",
    timeoutMs: windowMs,
    log: ctx.log,
    poll: () => client.getInstance(id),
    status: (instance) => ({
      state: instance.state ?? "unknown",
      done: STABLE_STATES.has(instance.state ?? "") && done(instance),
    }),
  });
}

async function findByToken(client: ExoscaleClient, token: string): Promise<ApiInstance | undefined> {
  const found = await client.listInstances({ labels: `${CREATION_TOKEN_LABEL}=${token}` });
  return found.find((instance) => instance.labels?.[CREATION_TOKEN_LABEL] === token && instance.state !== "destroying");
}

/** Reveals the password (a secret output); a template without password login has none. */
async function revealPassword(client: ExoscaleClient, id: string, ctx: ResourceContext): Promise<string | undefined> {
  try {
    const { password } = await client.revealInstancePassword(id);
    registerSecret(password);
    return password;
  } catch (error) {
    if (error instanceof ProviderError && error.statusCode !== undefined && error.statusCode < 500) {
      ctx.log.warn(`no password to reveal: ${error.vendorMessage ?? error.message}`);
      return undefined;
    }
    throw error;
  }
}

/** The create request for the inputs (catalogue names already resolved to UUIDs). */
function toCreateBody(
  inputs: Inputs,
  ids: { instanceTypeId: string; templateId: string },
  token: string,
): CreateInstanceBody {
  return {
    name: inputs.name,
    "instance-type": { id: ids.instanceTypeId },
    template: { id: ids.templateId },
    "disk-size": inputs.diskSize,
    labels: { ...inputs.labels, [CREATION_TOKEN_LABEL]: token },
    "user-data": inputs.userData === undefined ? undefined : encodeUserData(inputs.userData),
    "public-ip-assignment": inputs.publicIpAssignment,
    "ssh-keys": inputs.sshKeys?.map((name) => ({ name })),
    "security-groups": inputs.securityGroupIds?.map((id) => ({ id })),
    "tpm-enabled": inputs.tpmEnabled,
    "secureboot-enabled": inputs.secureBootEnabled,
    "auto-start": inputs.state !== "stopped",
  };
}

/** Inputs that define the object (what the creation token is derived from). */
function tokenInputs(inputs: Inputs): Record<string, unknown> {
  const {
    adoptId: _adopt,
    timeouts: _timeouts,
    deletionProtection: _protection,
    rebootTrigger: _reboot,
    passwordResetTrigger: _reset,
    ...rest
  } = inputs;
  return rest;
}

/**
 * Brings an existing instance from `olds` to `news`, one API operation per difference, in an order
 * that respects the API's preconditions: reinstall, in-place fields, then the changes that need a
 * stopped instance (revert, scale, disk, TPM), then power state, reboot, password and protection.
 * Throws PartialCreateError with the state reached when a step fails after others were applied.
 */
async function converge(
  client: ExoscaleClient,
  id: string,
  olds: Outputs,
  news: Inputs,
  ctx: ResourceContext,
  deadlineMs: number,
): Promise<Outputs> {
  // Fields whose effect cannot be read back from the API: only recorded once applied.
  const applied: KnownFields = {
    rebootTrigger: olds.rebootTrigger,
    passwordResetTrigger: olds.passwordResetTrigger,
    restoreSnapshotId: olds.restoreSnapshotId,
    deletionProtection: olds.deletionProtection,
    password: olds.password,
    templateId: olds.templateId,
  };
  const known = (): KnownFields & { zone: string } => ({ ...news, ...applied, zone: news.zone });
  let instance = await settle(client, id, ctx, deadlineMs);
  let mutated = false;
  const step = async (what: string, start: () => Promise<ApiOperation>) => {
    mutated = true;
    await run(client, what, start, ctx, deadlineMs);
  };
  // A step whose effect can be read back, sent at most STEP_ATTEMPTS times. After a failure that may
  // have reached the server, the instance is read: when it shows the effect, an earlier attempt went
  // through (the API refuses a repeat: "must be running, got stopping"); after a timeout the effect
  // is watched for a while first, since the request may still act. Only with no effect in sight is
  // the request sent again, so a late original can never undo the steps after it.
  const stepTo = async (what: string, start: () => Promise<ApiOperation>, done: (instance: ApiInstance) => boolean) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await step(what, start);
      } catch (error) {
        if (!(error instanceof ProviderError) || error instanceof OperationFailedError) throw error;
        const now = await (
          timedOut(error) ? watchForEffect(client, id, what, done, ctx) : settle(client, id, ctx, deadlineMs)
        ).catch(() => undefined);
        if (now && done(now)) {
          ctx.log.info(`${what}: already done by an earlier attempt whose response was lost (${error.message})`);
          return;
        }
        if (!mayHaveActed(error) || attempt >= STEP_ATTEMPTS) throw error;
        ctx.log.info(`${what}: ${error.message}; no effect seen, sending it again`);
      }
    }
  };

  try {
    const info = instanceInfo(instance, news.zone);
    if (news.templateChangeStrategy === "reset" && !sameTemplate(news.template, info, olds.templateId)) {
      const templateId = await client.resolveTemplate(news.template);
      if (templateId !== info.templateId) {
        await step(`reinstall from template ${news.template} (:reset)`, () =>
          client.resetInstance(id, { template: { id: templateId } }),
        );
        applied.password = undefined;
      }
      applied.templateId = templateId;
    }

    const body: UpdateInstanceBody = {};
    if (news.name !== info.name) body.name = news.name;
    if (news.userData !== undefined && !sameUserData(news.userData, info.userData))
      body["user-data"] = encodeUserData(news.userData);
    if (news.userData === undefined && olds.userData !== undefined)
      ctx.log.warn(
        "userData cannot be removed from an existing instance (the API has no way to clear it); the current script stays",
      );
    if (news.publicIpAssignment !== undefined && news.publicIpAssignment !== info.publicIpAssignment)
      body["public-ip-assignment"] = news.publicIpAssignment;
    const removeLabels = Object.keys(news.labels ?? {}).length === 0 && Object.keys(info.labels).length > 0;
    if (!removeLabels && !sameLabels(news.labels, info.labels)) {
      // Keep the creation marker so a later lost response on this object is still recognised.
      const token = instance.labels?.[CREATION_TOKEN_LABEL];
      body.labels = { ...news.labels, ...(token ? { [CREATION_TOKEN_LABEL]: token } : {}) };
    }
    if (Object.keys(body).length > 0)
      await step(`update ${Object.keys(body).join(", ")}`, () => client.updateInstance(id, body));
    if (removeLabels) await step("remove all labels", () => client.resetInstanceField(id, "labels"));

    const revert =
      news.restoreSnapshotId !== undefined &&
      (olds.restoreSnapshotId === undefined || uuidOf(news.restoreSnapshotId) !== uuidOf(olds.restoreSnapshotId));
    const scale = !sameInstanceType(news.instanceType, info);
    const grow = news.diskSize > info.diskSize;
    const enableTpm = news.tpmEnabled === true && !info.tpmEnabled;
    let running = instance.state === "running";
    if ((revert || scale || grow || enableTpm) && running) {
      await stepTo(
        "stop (the next changes need a stopped instance)",
        () => client.stopInstance(id),
        (i) => i.state === "stopped",
      );
      running = false;
    }
    if (revert) {
      await step(`revert to snapshot ${news.restoreSnapshotId}`, () =>
        client.revertInstanceToSnapshot(id, uuidOf(news.restoreSnapshotId as string)),
      );
      applied.restoreSnapshotId = news.restoreSnapshotId;
    }
    if (scale) {
      const typeId = await client.resolveInstanceType(news.instanceType);
      if (typeId !== info.instanceTypeId)
        await stepTo(
          `scale to ${news.instanceType}`,
          () => client.scaleInstance(id, typeId),
          (i) => i["instance-type"]?.id === typeId,
        );
    }
    if (grow)
      await stepTo(
        `grow disk ${info.diskSize} → ${news.diskSize} GiB`,
        () => client.resizeInstanceDisk(id, news.diskSize),
        (i) => (i["disk-size"] ?? 0) >= news.diskSize,
      );
    if (enableTpm)
      await stepTo(
        "enable TPM",
        () => client.enableTpm(id),
        (i) => i["tpm-enabled"] === true,
      );

    if (news.state === "running" && !running) {
      await stepTo(
        "start",
        () => client.startInstance(id),
        (i) => i.state === "running",
      );
      running = true;
    } else if (news.state === "stopped" && running) {
      await stepTo(
        "stop",
        () => client.stopInstance(id),
        (i) => i.state === "stopped",
      );
      running = false;
    }

    if (news.rebootTrigger !== undefined && !sameValue(news.rebootTrigger, olds.rebootTrigger)) {
      if (running) await step("reboot (rebootTrigger changed)", () => client.rebootInstance(id));
      else ctx.log.info("rebootTrigger changed but the instance is stopped: nothing to reboot");
      applied.rebootTrigger = news.rebootTrigger;
    }
    if (news.passwordResetTrigger !== undefined && !sameValue(news.passwordResetTrigger, olds.passwordResetTrigger)) {
      await step("reset password (passwordResetTrigger changed)", () => client.resetInstancePassword(id));
      applied.password = undefined;
      applied.passwordResetTrigger = news.passwordResetTrigger;
    }
    if (applied.password === undefined && mutated) applied.password = await revealPassword(client, id, ctx);

    // Protection cannot be read back, so it is applied on every update rather than trusted.
    if (news.deletionProtection !== undefined) {
      await step(news.deletionProtection ? "add destruction protection" : "remove destruction protection", () =>
        news.deletionProtection ? client.addInstanceProtection(id) : client.removeInstanceProtection(id),
      );
      applied.deletionProtection = news.deletionProtection;
    }
    instance = await client.getInstance(id);
    return toOutputs(instance, known());
  } catch (error) {
    if (!mutated) throw error;
    const current = await client.getInstance(id).catch(() => instance);
    throw new PartialCreateError(zonedIdOf(news.zone, id), toOutputs(current, known()), error);
  }
}

/** Waits for a create operation (when we have it), then protects and reads the new instance. */
async function finishCreate(
  client: ExoscaleClient,
  id: string,
  operation: ApiOperation | undefined,
  inputs: Inputs,
  ctx: ResourceContext,
): Promise<{ id: string; outs: Outputs }> {
  const deadline = timeoutMs(inputs.timeouts?.create);
  const known: KnownFields & { zone: string } = { ...inputs, deletionProtection: undefined };
  const stateId = zonedIdOf(inputs.zone, id);
  try {
    if (operation)
      await client.waitForOperation(operation, {
        what: `create instance ${inputs.name}`,
        timeoutMs: deadline,
        log: ctx.log,
      });
  } catch (error) {
    if (!(error instanceof OperationFailedError))
      throw new PartialCreateError(stateId, { ...known, state: "unknown" }, error);
    // Nothing usable was made: remove it so nothing is left behind, then report why.
    ctx.log.warn(`creation failed; deleting ${id} so that nothing is left behind`);
    try {
      await deleteInstance(client, id, ctx, timeoutMs(inputs.timeouts?.delete));
    } catch (cleanupError) {
      throw new PartialCreateError(
        stateId,
        { ...known, state: "error" },
        `${(error as Error).message}; deleting the failed instance also failed: ${(cleanupError as Error).message}`,
      );
    }
    throw error;
  }
  let instance: ApiInstance | undefined;
  // The password exists once the create operation succeeded, and revealing it changes nothing, so
  // it is read while the instance settles: one round trip less per create.
  const password = revealPassword(client, id, ctx);
  password.catch(() => undefined); // awaited below; must not count as unhandled if settling fails first
  try {
    instance = await settle(client, id, ctx, deadline);
    if (inputs.deletionProtection) {
      await run(client, "add destruction protection", () => client.addInstanceProtection(id), ctx, deadline);
      known.deletionProtection = true;
      instance = await client.getInstance(id);
    } else if (inputs.deletionProtection === false) {
      known.deletionProtection = false;
    }
    known.password = await password;
    return { id: stateId, outs: toOutputs(instance, known) };
  } catch (error) {
    throw new PartialCreateError(
      stateId,
      instance ? toOutputs(instance, known) : { ...known, state: "unknown" },
      error,
    );
  }
}

/**
 * The instance `adoptId` names, as outputs, for the provider's adoption (which fills unset inputs
 * from it and refuses what cannot change in place). Its password is revealed as at creation;
 * protection cannot be read back, so it counts as unset until the inputs say.
 */
async function readForAdoption(
  adoptId: string,
  known: Partial<Inputs>,
  ctx: ResourceContext,
): Promise<{ id: string; outs: Outputs }> {
  const { zone, id } = parseZonedId(adoptId, "adoptId");
  const client = ExoscaleClient.forZone(zone, ctx.log);
  const instance = await client.getInstance(id);
  ctx.log.info(`found instance ${id} (${instance.name ?? "unnamed"}, ${instance.state ?? "unknown"}) in ${zone}`);
  const password = await revealPassword(client, id, ctx);
  return {
    id: zonedIdOf(zone, id),
    outs: toOutputs(instance, { ...known, zone, deletionProtection: undefined, password }),
  };
}

/** The refusal of a protected instance's delete: exactly what was and was not deleted, and what to do. */
async function protectedInstanceError(
  client: ExoscaleClient,
  id: string,
  error: unknown,
): Promise<DeletionProtectedError> {
  const snapshots = await client
    .getInstance(id)
    .then((instance) => (instance.snapshots ?? []).map((snapshot) => snapshot.id ?? "?"))
    .catch(() => undefined);
  const kept =
    snapshots === undefined
      ? "the instance (its snapshots could not be listed)"
      : snapshots.length === 0
        ? "the instance (it has no snapshots)"
        : `the instance and its snapshots ${snapshots.join(", ")}`;
  return new DeletionProtectedError(
    `instance ${id} was not deleted: it is protected against destruction server-side. Not deleted: ${kept}. ${deletedSoFar()} ` +
      `To delete it, set deletionProtection: false (and remove protect: true if you set it), run \`pulumi up\`, then delete it again (docs/exoscale.md, "Retiring a protected instance"). API said: ${(error as Error).message}`,
    { cause: error },
  );
}

/** Deletes and waits; a missing instance is already deleted; protection gives an actionable error. */
async function deleteInstance(
  client: ExoscaleClient,
  id: string,
  ctx: ResourceContext,
  deadlineMs: number,
): Promise<void> {
  let operation: ApiOperation;
  try {
    operation = await client.deleteInstance(id);
  } catch (error) {
    if (isNotFound(error)) return;
    if (hasStatus(error, 403)) throw await protectedInstanceError(client, id, error);
    throw error;
  }
  await client.waitForOperation(operation, { what: `delete instance ${id}`, timeoutMs: deadlineMs, log: ctx.log });
}

export const exoscaleInstanceDefinition: ResourceDefinition<Inputs, Outputs> = {
  kind: "exoscale:Instance",
  inputs: ExoscaleInstanceInputs,
  fields: instanceFields,
  sensitiveInputs: ["userData"],
  accountIdentity: exoscaleAccountIdentity,

  async create(inputs, ctx) {
    const client = ExoscaleClient.forZone(inputs.zone, ctx.log);
    const token = creationToken(ctx.identity, tokenInputs(inputs));
    const earlier = await findByToken(client, token);
    if (earlier) {
      ctx.log.info(`found instance ${earlier.id} created by an earlier attempt whose response was lost; adopting it`);
      return finishCreate(client, earlier.id, undefined, inputs, ctx);
    }
    const [instanceTypeId, templateId] = await Promise.all([
      client.resolveInstanceType(inputs.instanceType),
      client.resolveTemplate(inputs.template),
    ]);
    let operation: ApiOperation | undefined;
    let id: string;
    const outcome = await sendCreate({
      create: () => client.createInstance(toCreateBody(inputs, { instanceTypeId, templateId }, token)),
      find: () => findByToken(client, token),
      log: ctx.log,
      what: `create instance ${inputs.name}`,
    });
    if ("created" in outcome) {
      operation = outcome.created;
      id = operation.reference?.id as string;
    } else {
      ctx.log.info(
        `create failed (${(outcome.failure as Error).message}) but the instance exists as ${outcome.found.id}; adopting it`,
      );
      id = outcome.found.id;
    }
    ctx.log.progress(`created instance ${id}`);
    return finishCreate(client, id, operation, inputs, ctx);
  },

  // The client and resolvers create and update use: the same credential check and messages.
  async preflight(inputs, scope, ctx) {
    const client = ExoscaleClient.forZone(String(inputs.zone), ctx.log);
    if (containsUnknown(inputs.zone)) return;
    await settleLookups([
      ...(scope.changed("instanceType") ? [client.resolveInstanceType(inputs.instanceType)] : []),
      ...(scope.changed("template") ? [client.resolveTemplate(inputs.template)] : []),
    ]);
  },

  adopt: { read: readForAdoption },

  // Stacks written before ids carried the zone hold bare UUIDs: every method takes both forms.
  canonicalId: (id, outs) => zonedIdOf(outs.zone, uuidOf(id)),

  async read(id, olds) {
    // `ExoscaleInstance.get` passes "zone/uuid" with no state; managed instances also know their zone from state.
    const { zone, id: uuid } = parseZonedId(id, "id", olds.zone);
    const client = ExoscaleClient.forZone(zone);
    try {
      return toOutputs(await client.getInstance(uuid), { ...olds, zone });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },

  async update(id, olds, news, ctx) {
    const { zone, id: uuid } = parseZonedId(id, "id", olds.zone);
    const client = ExoscaleClient.forZone(zone, ctx.log);
    return converge(client, uuid, olds, news, ctx, timeoutMs(news.timeouts?.update));
  },

  async delete(id, olds, ctx) {
    const { zone, id: uuid } = parseZonedId(id, "id", olds.zone);
    const client = ExoscaleClient.forZone(zone, ctx.log);
    await deleteInstance(client, uuid, ctx, timeoutMs(olds.timeouts?.delete));
  },
};
