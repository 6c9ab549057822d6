/**
 * IncusInstance lifecycle on the Incus `/1.0/instances` API. Every asynchronous step (create,
 * update, state change, delete) is an Incus operation waited on with `/wait?timeout=` long-polls
 * and reported with its id, status and elapsed time.
 *
 * - create: POST /1.0/instances with a creation token in config (`user.pulumi-creation-token`). An
 *   instance of the same name carrying our token (a lost response, a retried run) is taken over; one
 *   without it is reported, never overwritten. If the create operation fails after the daemon made
 *   the instance (e.g. it could not start), the instance is KEPT IN STATE (PartialCreateError): the
 *   next `pulumi up` updates it towards the inputs, `pulumi destroy` removes it. Nothing is orphaned.
 * - update: config/devices/profiles/description by read-modify-write (GET, then PUT with If-Match:
 *   a concurrent change fails with 412 instead of being overwritten); `state` through
 *   PUT /1.0/instances/{name}/state, a no-op when the instance is already there.
 * - delete: refuses a protected instance before touching it; otherwise stops it (cleanly, then by
 *   force after `stopTimeout`) and deletes it. Gone already = success.
 */
import { incusAccountIdentity } from "./account-identity";
import { creationToken } from "../core/creation-token";
import { sameValue } from "../core/diff";
import {
  ConflictError,
  DeletionProtectedError,
  isNotFound,
  mayHaveActed,
  NotFoundError,
  OperationFailedError,
  ProviderError,
} from "../core/errors";
import { deletedSoFar } from "../core/run-journal";
import { timeoutMs as waitLimitMs } from "../core/timeouts";
import type { ResourceContext, ResourceDefinition } from "../core/provider";
import { PartialCreateError } from "../core/provider";
import { type ApiInstance, type ApiInstancePut, IncusClient, type StartedOperation, type Tagged } from "./client";
import { describeConnection } from "./connection";
import { daemonLabel, requireExtension, UnsupportedByDaemonError } from "./daemon";
import {
  createBody,
  definitionChanged,
  describeChanges,
  desiredDefinition,
  imageSource,
  keysNeedingRestart,
  instanceId,
  type Known,
  looksLikeFingerprint,
  onlyDaemonKeysChanged,
  parseInstanceId,
  powerAction,
  powerState,
  sameImage,
  toOutputs,
} from "./mapping";
import { CREATION_TOKEN_KEY, IncusInstanceInputs, type IncusInstanceOutputs, PROTECTION_KEY } from "./schema";

/** Incus steps are local and quick: 10 minutes is plenty. */
const INCUS_TIMEOUT_SECONDS = 10 * 60;
const DEFAULT_STOP_TIMEOUT_SECONDS = 30;

const timeoutMs = (seconds: number | undefined) => waitLimitMs(seconds, INCUS_TIMEOUT_SECONDS);

/** The instance with its ETag, or undefined when it does not exist. */
async function findInstance(client: IncusClient, name: string): Promise<Tagged<ApiInstance> | undefined> {
  try {
    return await client.getInstance(name);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Local aliases of an image, best effort (the image may have been removed from the store since). */
async function imageAliasesOf(
  client: IncusClient,
  fingerprint: string | undefined,
  ctx: ResourceContext,
): Promise<string[] | undefined> {
  if (!fingerprint) return undefined;
  try {
    return (await client.getImage(fingerprint)).aliases.map((alias) => alias.name);
  } catch (error) {
    ctx.log.debug(
      `image ${fingerprint.slice(0, 12)} not readable (${(error as Error).message}); keeping the aliases last seen`,
    );
    return undefined;
  }
}

async function readOutputs(
  client: IncusClient,
  name: string,
  known: Known,
  ctx: ResourceContext,
): Promise<IncusInstanceOutputs | undefined> {
  const found = await findInstance(client, name);
  if (!found) return undefined;
  const aliases = await imageAliasesOf(client, found.value.config["volatile.base_image"], ctx);
  return toOutputs(found.value, known, aliases);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a step (request and wait) again while the daemon says the instance is busy with another
 * operation (e.g. the stop it runs by itself after a failed start): the busy step did nothing, so
 * repeating it is safe. Backs off up to 5 s, until `deadlineMs` has passed.
 */
async function whenNotBusy<T>(
  what: string,
  step: () => Promise<T>,
  ctx: ResourceContext,
  deadlineMs: number,
): Promise<T> {
  const began = Date.now();
  for (let delay = 500; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      return await step();
    } catch (error) {
      const busy = error instanceof ProviderError && /instance is busy/i.test(error.vendorMessage ?? "");
      if (!busy || Date.now() - began + delay > deadlineMs) throw error;
      ctx.log.info(`${what}: ${error.vendorMessage}; trying again in ${delay / 1000}s`);
      await sleep(delay);
    }
  }
}

/**
 * Waits, after a start that failed, until the daemon has cleaned up: Incus ends the start operation
 * at once and then reports the instance Running for about a second (refusing a delete as "Instance
 * is running") before it reads Stopped with its own power record (volatile.last_state.power)
 * agreeing; LXD ends the operation only after that. So what is recorded, and whatever runs next,
 * sees the settled instance on both. Gives up quietly after 30 s.
 */
async function settleAfterFailedStart(client: IncusClient, name: string, ctx: ResourceContext) {
  const settled = (instance: ApiInstance) =>
    instance.status === "Stopped" && (instance.config["volatile.last_state.power"] ?? "STOPPED") === "STOPPED";
  const deadline = Date.now() + 30_000;
  for (let delay = 100; Date.now() < deadline; delay = Math.min(delay * 2, 1_000)) {
    const found = await findInstance(client, name);
    if (!found || settled(found.value)) return;
    await sleep(delay);
  }
  ctx.log.debug(
    `${name} still reads as ${(await findInstance(client, name))?.value.status ?? "gone"} 30 s after its start failed`,
  );
}

/** Brings the power state to `desired`; a clean stop that does not finish in time is forced. */
async function setPowerState(
  client: IncusClient,
  instance: ApiInstance,
  desired: "running" | "stopped",
  stopTimeout: number,
  ctx: ResourceContext,
  deadlineMs: number,
) {
  const action = powerAction(instance.status, desired, stopTimeout);
  if (!action) return;
  ctx.log.progress(`${action.action} ${instance.name} (${instance.status} → ${desired})`);
  const wait = {
    what: `${action.action} ${instance.name}`,
    operation: "updateInstanceState",
    timeoutMs: deadlineMs,
    log: ctx.log,
  };
  try {
    await whenNotBusy(
      wait.what,
      async () => client.waitFor(await client.setInstanceState(instance.name, action), wait),
      ctx,
      deadlineMs,
    );
  } catch (error) {
    if (action.action === "start" && error instanceof OperationFailedError)
      await settleAfterFailedStart(client, instance.name, ctx);
    if (!(action.action === "stop" && !action.force && error instanceof OperationFailedError)) throw error;
    ctx.log.warn(
      `clean shutdown of ${instance.name} did not finish (${error.vendorMessage ?? error.message}); stopping it by force`,
    );
    await client.waitFor(await client.setInstanceState(instance.name, { action: "stop", force: true }), {
      ...wait,
      what: `force-stop ${instance.name}`,
    });
  }
}

/**
 * Applies the inputs to an existing instance (definition by PUT with If-Match, then the power state)
 * and returns its outputs. `previous` names what the user managed before, so dropped keys are removed.
 */
async function converge(
  client: IncusClient,
  name: string,
  inputs: IncusInstanceInputs,
  previous: Known,
  ctx: ResourceContext,
  deadlineMs: number,
): Promise<IncusInstanceOutputs> {
  const gone = () =>
    new NotFoundError(`instance ${name} disappeared while it was being updated; run \`pulumi refresh\``, {
      cloud: "incus",
    });
  // Keys written that a running instance takes only at its next start.
  let pendingRestart: string[] = [];
  // Read, change and write as one step: if the daemon is busy (its own operation changes the
  // instance, and so its ETag), the whole step is repeated from a fresh read.
  let instance = await whenNotBusy(
    `update ${name}`,
    async () => {
      let found = await findInstance(client, name);
      for (let attempt = 1; ; attempt++) {
        if (!found) throw gone();
        const desired = desiredDefinition(found.value, inputs, previous);
        if (!definitionChanged(found.value, desired)) return found.value;
        ctx.log.progress(`updating ${name}: ${describeChanges(found.value, desired)}`);
        pendingRestart = keysNeedingRestart(found.value.type, found.value, desired);
        const written = await writeDefinition(client, name, desired, found, attempt < MAX_DEFINITION_WRITES);
        if ("reread" in written) {
          ctx.log.info(
            `${name} changed only in the daemon's own volatile.* keys since it was read; writing again from the fresh read`,
          );
          found = written.reread;
          continue;
        }
        await client.waitFor(written, {
          what: `update ${name}`,
          operation: "updateInstance",
          timeoutMs: deadlineMs,
          log: ctx.log,
        });
        return (await client.getInstance(name)).value;
      }
    },
    ctx,
    deadlineMs,
  );
  if (pendingRestart.length > 0 && powerState(instance.status) === "running")
    instance = await restartForConfig(client, instance, inputs, pendingRestart, ctx, deadlineMs);
  // Always last, so any side step above cannot leave the instance in another power state (TF incus#164).
  await setPowerState(
    client,
    instance,
    inputs.state,
    inputs.stopTimeout ?? DEFAULT_STOP_TIMEOUT_SECONDS,
    ctx,
    deadlineMs,
  );
  const outs = await readOutputs(client, name, inputs, ctx);
  if (!outs) throw gone();
  return outs;
}

/**
 * A running instance whose new config includes keys it takes only at start (`keys`): stopped here
 * when `restartOnConfigChange` is set and the desired state is running (the final power step starts
 * it again), otherwise left running with a warning naming the keys. Returns the instance as it is now.
 */
async function restartForConfig(
  client: IncusClient,
  instance: ApiInstance,
  inputs: IncusInstanceInputs,
  keys: string[],
  ctx: ResourceContext,
  deadlineMs: number,
): Promise<ApiInstance> {
  const listed = keys.join(", ");
  if (inputs.state !== "running") return instance;
  if (!inputs.restartOnConfigChange) {
    ctx.log.warn(
      `${instance.name} takes ${listed} only at its next start; it keeps running with the old values until restarted (restartOnConfigChange: true restarts it now)`,
    );
    return instance;
  }
  ctx.log.info(`restarting ${instance.name}: ${listed} take${keys.length === 1 ? "s" : ""} effect at start`);
  const stopTimeout = inputs.stopTimeout ?? DEFAULT_STOP_TIMEOUT_SECONDS;
  await setPowerState(client, instance, "stopped", stopTimeout, ctx, deadlineMs);
  return (await client.getInstance(instance.name)).value;
}

/**
 * Refuses a rebuild the daemon cannot do, before anything is touched: LXD 5.0 has no rebuild API,
 * and the daemon refuses to rebuild an instance that has snapshots (its root volume is recreated).
 */
async function checkRebuild(client: IncusClient, name: string): Promise<void> {
  requireExtension(await client.daemon(), "instances_rebuild", 'imageChangeStrategy "rebuild"', "rebuildInstance");
  const snapshots = await client.listSnapshots(name).catch((error) => (isNotFound(error) ? [] : Promise.reject(error)));
  if (snapshots.length === 0) return;
  throw new ConflictError(
    `image: cannot rebuild ${name} in place, it has snapshots (${snapshots.map((s) => s.name).join(", ")}) and the daemon recreates the root volume of a rebuilt instance; delete them first, or use imageChangeStrategy "replace"`,
    { cloud: "incus", operation: "rebuildInstance" },
  );
}

/** Rebuilds the instance from `news.image` (stopped for it; `converge` then brings the power state back). */
async function rebuild(
  client: IncusClient,
  olds: IncusInstanceOutputs,
  news: IncusInstanceInputs,
  ctx: ResourceContext,
  deadlineMs: number,
): Promise<void> {
  const name = olds.name;
  await checkRebuild(client, name);
  const found = await findInstance(client, name);
  if (!found) throw new NotFoundError(`instance ${name} no longer exists; run \`pulumi refresh\``, { cloud: "incus" });
  const stopTimeout = news.stopTimeout ?? DEFAULT_STOP_TIMEOUT_SECONDS;
  await setPowerState(client, found.value, "stopped", stopTimeout, ctx, deadlineMs);
  ctx.log.info(
    `rebuilding ${name} in place from image ${news.image} (was ${olds.imageFingerprint?.slice(0, 12) ?? olds.image})`,
  );
  const wait = { what: `rebuild ${name}`, operation: "rebuildInstance", timeoutMs: deadlineMs, log: ctx.log };
  try {
    await whenNotBusy(
      wait.what,
      async () => client.waitFor(await client.rebuildInstance(name, imageSource(news)), wait),
      ctx,
      deadlineMs,
    );
  } catch (error) {
    // Not left stopped by a rebuild that did not happen: back to the power state it had.
    const now = await findInstance(client, name).catch(() => undefined);
    if (now && powerState(found.value.status) === "running")
      await setPowerState(client, now.value, "running", stopTimeout, ctx, deadlineMs).catch((restart) =>
        ctx.log.warn(`${name} could not be started again after the failed rebuild: ${(restart as Error).message}`),
      );
    throw error;
  }
}

/** Reads of an instance a definition write may be based on before a moving ETag is reported. */
const MAX_DEFINITION_WRITES = 3;

/**
 * PUT with If-Match on the ETag of `read`. A 412 means the instance changed after it was read: when
 * only the daemon's own keys moved (it records power state after a failed start, for one) and
 * `mayReread`, the answer is the fresh read, for the caller to start again from; any other change
 * is someone's edit, reported and never overwritten.
 */
async function writeDefinition(
  client: IncusClient,
  name: string,
  desired: ApiInstancePut,
  read: Tagged<ApiInstance>,
  mayReread: boolean,
): Promise<StartedOperation | { reread: Tagged<ApiInstance> }> {
  try {
    return await client.updateInstance(name, desired, read.etag);
  } catch (error) {
    if (!(error instanceof ConflictError && error.statusCode === 412)) throw error;
    const now = mayReread ? await findInstance(client, name) : undefined;
    if (now && onlyDaemonKeysChanged(read.value, now.value)) return { reread: now };
    throw new ConflictError("HTTP 412", {
      cloud: "incus",
      operation: "updateInstance",
      statusCode: 412,
      vendorMessage: `${error.vendorMessage ?? "precondition failed"}: instance ${name} was changed by someone else after it was read (ETag mismatch). Nothing was overwritten; run \`pulumi refresh\` and then \`pulumi up\` again`,
      cause: error,
    });
  }
}

/** Converges a freshly made or adopted instance; if that fails, the instance stays in state. */
async function finishCreate(
  client: IncusClient,
  inputs: IncusInstanceInputs,
  ctx: ResourceContext,
  deadlineMs: number,
): Promise<{ id: string; outs: IncusInstanceOutputs }> {
  try {
    const outs = await converge(client, inputs.name, inputs, inputs, ctx, deadlineMs);
    return { id: instanceId(outs.project, outs.name), outs };
  } catch (error) {
    const made = await findInstance(client, inputs.name).catch(() => undefined);
    if (!made) throw error;
    throw new PartialCreateError(instanceId(made.value.project, inputs.name), toOutputs(made.value, inputs), error);
  }
}

/**
 * A create the daemon failed for its `imageProtocol` ("Unsupported protocol: incus" from LXD, which
 * calls that protocol "lxd"; "oci" from daemons without OCI images), said with the daemon's name
 * and version. Any other failure is returned as it is.
 */
async function unsupportedProtocol(client: IncusClient, inputs: IncusInstanceInputs, error: unknown): Promise<unknown> {
  const message = error instanceof ProviderError ? (error.vendorMessage ?? "") : "";
  if (inputs.imageProtocol === undefined || !/unsupported protocol/i.test(message)) return error;
  const daemon = await client.daemon().catch(() => undefined);
  if (!daemon) return error;
  const instead =
    daemon.product === "LXD"
      ? '"simplestreams" or "lxd" (LXD\'s name for the protocol Incus calls "incus")'
      : '"simplestreams" or "incus"';
  return new UnsupportedByDaemonError(
    `imageProtocol "${inputs.imageProtocol}" is not supported by ${daemonLabel(daemon)}; use ${instead}`,
    {
      cloud: "incus",
      operation: "createInstance",
      vendorMessage: message,
      cause: error,
    },
  );
}

/** A create request that may have reached the daemon, or lost a race with itself. */
function ambiguous(error: unknown): boolean {
  return mayHaveActed(error) || (error instanceof ConflictError && error.statusCode === 409);
}

/**
 * The image to record for an adopted instance. An image given as a fingerprint (prefix) or a local
 * alias is checked against the instance's base image: when it names it, the program's spelling is
 * kept; otherwise the fingerprint is, and the field table refuses the adoption (image cannot change
 * in place). An alias that cannot be checked here (on a remote server, or not in the local store)
 * is recorded as given, with a warning.
 */
async function adoptedImage(
  client: IncusClient,
  instance: ApiInstance,
  image: string | undefined,
  imageServer: string | undefined,
  ctx: ResourceContext,
): Promise<string | undefined> {
  const fingerprint = instance.config["volatile.base_image"] || undefined;
  if (image === undefined || !fingerprint) return image ?? fingerprint;
  const short = fingerprint.slice(0, 12);
  if (looksLikeFingerprint(image)) return fingerprint.startsWith(image) ? image : fingerprint;
  if (imageServer !== undefined) {
    ctx.log.warn(
      `image "${image}" is on ${imageServer} and cannot be compared here with the instance's base image ${short}; recording it as given`,
    );
    return image;
  }
  const alias = await client
    .getImageAlias(image)
    .catch((error) => (isNotFound(error) ? undefined : Promise.reject(error)));
  if (!alias) {
    ctx.log.warn(
      `image alias "${image}" does not exist locally, so it cannot be compared with the instance's base image ${short}; recording it as given`,
    );
    return image;
  }
  if (alias.target === fingerprint) return image;
  ctx.log.warn(
    `the instance was created from image ${short}, but alias "${image}" points at ${alias.target.slice(0, 12)}; set image to "${short}" to adopt the instance as it is`,
  );
  return fingerprint;
}

/** The instance `adoptId` names, as outputs for the provider's adoption. */
async function readForAdoption(
  adoptId: string,
  known: Partial<IncusInstanceInputs>,
  ctx: ResourceContext,
): Promise<{ id: string; outs: IncusInstanceOutputs }> {
  const target = parseInstanceId(adoptId);
  const client = IncusClient.fromSettings({ project: target.project ?? known.project, log: ctx.log });
  const found = await findInstance(client, target.name);
  if (!found)
    throw new NotFoundError(
      `adoptId "${adoptId}": there is no instance "${target.name}" in project "${client.project ?? "default"}"`,
      { cloud: "incus" },
    );
  ctx.log.info(`found ${target.name} (${found.value.status}) in project ${found.value.project}`);
  const image = await adoptedImage(client, found.value, known.image, known.imageServer, ctx);
  // What the server has, not what the program says: protection is read back from the instance.
  const aliases = await imageAliasesOf(client, found.value.config["volatile.base_image"], ctx);
  const outs = toOutputs(found.value, { ...known, image, deletionProtection: undefined }, aliases);
  return { id: instanceId(outs.project, outs.name), outs };
}

/** The IncusInstance resource: schema, replace/update table and lifecycle (see the file header). */
export const incusInstanceDefinition: ResourceDefinition<IncusInstanceInputs, IncusInstanceOutputs> = {
  kind: "incus:Instance",
  inputs: IncusInstanceInputs,
  accountIdentity: incusAccountIdentity,
  fields: {
    name: "replace",
    // An alias, the fingerprint read back, or a prefix of it all name the same image (TF incus#475).
    image: {
      equals: (previous, next, { olds }) => sameImage(previous, next, olds),
      replaceIf: (_previous, _next, { news }) => news.imageChangeStrategy !== "rebuild",
    },
    // Where the image was fetched from matters only when creating.
    imageServer: "ignore",
    imageProtocol: "ignore",
    type: "replace",
    // Unset = not managed: no diff against what the daemon (or another tool) put there.
    profiles: { equals: (previous, next) => next === undefined || sameValue(previous, next) },
    config: { equals: (previous, next) => sameValue(previous ?? {}, next ?? {}) },
    snapshotSchedule: { equals: (previous, next) => sameValue(previous ?? {}, next ?? {}) },
    restartOnConfigChange: "ignore",
    imageChangeStrategy: "ignore",
    devices: { equals: (previous, next) => sameValue(previous ?? {}, next ?? {}) },
    description: { equals: (previous, next) => next === undefined || (previous ?? "") === next },
    state: "update",
    deletionProtection: { equals: (previous, next) => next === undefined || Boolean(previous) === next },
    project: { equals: (previous, next) => next === undefined || previous === next, replaceIf: () => true },
    adoptId: "ignore",
    stopTimeout: "ignore",
    timeouts: "ignore",
  },
  // Names are unique per project: a replacement keeping the name must remove the old one first.
  deleteBeforeReplace: (olds, news) =>
    olds.name === news.name && (news.project === undefined || news.project === olds.project),

  adopt: { read: readForAdoption },
  // The connection create would use (socket, or remote with its certificates): no request is sent.
  preflight: async () => void IncusClient.fromSettings(),

  async checkInPlaceUpdate(olds, news, updates, ctx) {
    if (!updates.includes("image")) return;
    await checkRebuild(IncusClient.fromSettings({ project: olds.project, log: ctx.log }), olds.name);
  },

  async create(inputs, ctx) {
    const client = IncusClient.fromSettings({ project: inputs.project, log: ctx.log });
    const deadline = timeoutMs(inputs.timeouts?.create);
    const token = creationToken(ctx.identity, inputs);

    const existing = await findInstance(client, inputs.name);
    if (existing) {
      if (existing.value.config[CREATION_TOKEN_KEY] !== token) {
        const id = instanceId(existing.value.project, inputs.name);
        throw new ConflictError(
          `an instance named "${inputs.name}" already exists in project "${existing.value.project}"; set adoptId: "${id}" to take it over, or choose another name`,
          { cloud: "incus" },
        );
      }
      ctx.log.info(
        `found ${inputs.name} made by an earlier attempt of this create (creation token ${token}); continuing with it`,
      );
      return finishCreate(client, inputs, ctx, deadline);
    }

    let started;
    try {
      started = await client.createInstance(createBody(inputs, token));
    } catch (error) {
      if (!ambiguous(error)) throw error;
      const found = await findInstance(client, inputs.name);
      if (found?.value.config[CREATION_TOKEN_KEY] !== token) throw error;
      ctx.log.info(
        `create request failed (${(error as Error).message}) but ${inputs.name} exists with our creation token; continuing with it`,
      );
      return finishCreate(client, inputs, ctx, deadline);
    }
    ctx.log.progress(
      `creating ${inputs.type} ${inputs.name} from image ${inputs.image} on ${describeConnection(client.connection)}`,
    );
    try {
      await client.waitFor(started, {
        what: `create ${inputs.name}`,
        operation: "createInstance",
        timeoutMs: deadline,
        log: ctx.log,
      });
    } catch (error) {
      const made = await findInstance(client, inputs.name).catch(() => undefined);
      if (!made) throw await unsupportedProtocol(client, inputs, error);
      throw new PartialCreateError(instanceId(made.value.project, inputs.name), toOutputs(made.value, inputs), error);
    }
    return finishCreate(client, inputs, ctx, deadline);
  },

  async read(id, olds, ctx) {
    const fromId = parseInstanceId(id);
    const client = IncusClient.fromSettings({ project: olds.project ?? fromId.project });
    return readOutputs(client, olds.name ?? fromId.name, olds, ctx);
  },

  async update(_id, olds, news, ctx) {
    const client = IncusClient.fromSettings({ project: olds.project, log: ctx.log });
    const deadline = timeoutMs(news.timeouts?.update);
    // The field table lets an image change through only with imageChangeStrategy "rebuild".
    if (!sameImage(olds.image, news.image, olds)) await rebuild(client, olds, news, ctx, deadline);
    return converge(client, olds.name, news, olds, ctx, deadline);
  },

  async delete(id, olds, ctx) {
    const name = olds.name ?? parseInstanceId(id).name;
    const client = IncusClient.fromSettings({ project: olds.project, log: ctx.log });
    const found = await findInstance(client, name);
    if (!found) {
      ctx.log.info(`${name} is already gone`);
      return;
    }
    const instance = found.value;
    // Checked before anything is stopped: a protected instance is left exactly as it was.
    if (instance.expanded_config?.[PROTECTION_KEY] === "true") {
      const viaProfile = instance.config[PROTECTION_KEY] !== "true";
      throw new DeletionProtectedError(
        `instance ${name} was not deleted: it is protected against deletion (${PROTECTION_KEY}=true${viaProfile ? ", set by one of its profiles" : ""}). Not stopped or deleted: the instance and its snapshots. ${deletedSoFar()} ` +
          (viaProfile
            ? "Remove the setting from the profile first."
            : "Set deletionProtection: false and run `pulumi up`, then destroy again."),
      );
    }
    const deadline = timeoutMs(olds.timeouts?.delete);
    await setPowerState(client, instance, "stopped", olds.stopTimeout ?? DEFAULT_STOP_TIMEOUT_SECONDS, ctx, deadline);
    const wait = { what: `delete ${name}`, operation: "deleteInstance", timeoutMs: deadline, log: ctx.log };
    try {
      await whenNotBusy(wait.what, async () => client.waitFor(await client.deleteInstance(name), wait), ctx, deadline);
    } catch (error) {
      // Gone in the meantime: what we wanted.
      if (isNotFound(error)) return;
      throw error;
    }
  },
};
