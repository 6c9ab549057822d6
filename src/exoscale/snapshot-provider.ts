/**
 * ExoscaleInstanceSnapshot lifecycle: `:create-snapshot` on the instance (the operation's reference
 * is the snapshot), wait until the snapshot is `ready`; delete with `DELETE /snapshot/{id}`, where a
 * 404 is success (the instance, and its snapshots with it, may be gone already).
 *
 * While its instance is protected server-side, a snapshot is deleted only when the instance stays in
 * the stack (src/core/snapshot-guard.ts). Exoscale never shows the protection, so the snapshot
 * carries its instance's `deletionProtection` as an input (`instanceDeletionProtection`).
 *
 * Snapshots carry no labels, so a lost create response is recovered by comparing the instance's
 * snapshot list before and after: exactly one new snapshot is adopted, several are reported, none
 * after a 5xx answer means nothing was made and the request is sent again (see `sendCreate`).
 * A request that timed out may still be running on the server, so after a timeout the list is
 * watched for a while before the create is reported as failed: a snapshot that lands late is
 * adopted instead of being left behind unmanaged.
 */
import { exoscaleAccountIdentity } from "./account-identity";
import { sendCreate } from "../core/creation-token";
import { isNotFound, NotFoundError, OperationFailedError } from "../core/errors";
import type { ResourceContext, ResourceDefinition } from "../core/provider";
import { instanceStays, protectedSnapshotError } from "../core/snapshot-guard";
import { PartialCreateError } from "../core/provider";
import { pollUntil } from "../core/waiter";
import { type ApiOperation, type ApiSnapshot, ExoscaleClient } from "./client";
import { snapshotOutputs } from "./mapping";
import {
  ExoscaleInstanceSnapshotInputs,
  type ExoscaleInstanceSnapshotOutputs,
  parseZonedId,
  uuidOf,
  zonedIdOf,
} from "./schema";
import { timeoutMs } from "../core/timeouts";

type Inputs = ExoscaleInstanceSnapshotInputs;
type Outputs = ExoscaleInstanceSnapshotOutputs;

/** The snapshot `adoptId` names, as outputs: the instance it belongs to is what the field table compares. */
async function readForAdoption(
  adoptId: string,
  known: Partial<Inputs>,
  ctx: ResourceContext,
): Promise<{ id: string; outs: Outputs }> {
  const { zone, id } = parseZonedId(adoptId, "adoptId");
  const snapshot = await ExoscaleClient.forZone(zone, ctx.log).getSnapshot(id);
  const owner = snapshot.instance?.id;
  // Keep the program's spelling of the instance id when it names the snapshot's instance.
  const instanceId =
    owner !== undefined && known.instanceId !== undefined && uuidOf(known.instanceId) === owner.toLowerCase()
      ? known.instanceId
      : zonedIdOf(zone, owner ?? "unknown");
  return { id: zonedIdOf(zone, id), outs: snapshotOutputs(snapshot, { ...known, instanceId, zone }) };
}

async function snapshotIdsOf(client: ExoscaleClient, instanceId: string): Promise<Set<string>> {
  const instance = await client.getInstance(instanceId);
  return new Set((instance.snapshots ?? []).map((s) => s.id ?? ""));
}

/** Snapshots of the instance that were not there `before`. */
async function newSnapshots(client: ExoscaleClient, instanceId: string, before: Set<string>): Promise<string[]> {
  return [...(await snapshotIdsOf(client, instanceId))].filter((s) => !before.has(s));
}

async function waitReady(
  client: ExoscaleClient,
  id: string,
  ctx: ResourceContext,
  deadlineMs: number,
): Promise<ApiSnapshot> {
  return pollUntil({
    what: `snapshot ${id}`,
    cloud: "exoscale",
    operation: "getSnapshot",
    timeoutMs: deadlineMs,
    log: ctx.log,
    poll: () => client.getSnapshot(id),
    status: (snapshot) => ({
      state: snapshot.state ?? "unknown",
      done: snapshot.state !== "snapshotting",
      failure: snapshot.state === "error" ? "the snapshot ended in state error" : undefined,
    }),
  });
}

async function deleteSnapshot(
  client: ExoscaleClient,
  id: string,
  ctx: ResourceContext,
  deadlineMs: number,
): Promise<void> {
  let operation: ApiOperation;
  try {
    operation = await client.deleteSnapshot(id);
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  await client.waitForOperation(operation, { what: `delete snapshot ${id}`, timeoutMs: deadlineMs, log: ctx.log });
}

export const exoscaleSnapshotDefinition: ResourceDefinition<Inputs, Outputs> = {
  kind: "exoscale:InstanceSnapshot",
  inputs: ExoscaleInstanceSnapshotInputs,
  accountIdentity: exoscaleAccountIdentity,
  fields: {
    // `instance.id` is `zone/uuid`; stacks written before ids carried the zone hold the bare UUID.
    instanceId: {
      equals: (a, b) => a !== undefined && b !== undefined && uuidOf(a) === uuidOf(b),
      replaceIf: () => true,
    },
    zone: "replace",
    instanceDeletionProtection: { equals: (a, b) => !!a === !!b },
    // One snapshot or a series: switching between the two replaces the resource.
    retain: { replaceIf: (previous, next) => (previous === undefined) !== (next === undefined) },
    trigger: "update",
    adoptId: "ignore",
    timeouts: "ignore",
  },

  adopt: { read: readForAdoption },
  canonicalId: (id, outs) => zonedIdOf(outs.zone, uuidOf(id)),
  // What create's client checks first; the zone may still be unknown (the instance is new too).
  preflight: async () => void ExoscaleClient.credentials(),

  async create(inputs, ctx) {
    if (inputs.retain !== undefined) return createSeries(inputs, ctx);
    const client = ExoscaleClient.forZone(inputs.zone, ctx.log);
    const deadline = timeoutMs(inputs.timeouts?.create);
    const instanceId = uuidOf(inputs.instanceId);
    const before = await snapshotIdsOf(client, instanceId);
    let operation: ApiOperation | undefined;
    let id: string;
    const outcome = await sendCreate({
      create: () => client.createSnapshot(instanceId),
      // No creation token on snapshots: what appeared on the instance since `before` stands in for it.
      find: async (failure) => {
        const added = await newSnapshots(client, instanceId, before);
        if (added.length > 1) throw failure;
        return added[0];
      },
      log: ctx.log,
      what: `snapshot instance ${instanceId}`,
    });
    if ("created" in outcome) {
      operation = outcome.created;
      id = operation.reference?.id as string;
    } else {
      ctx.log.info(
        `create-snapshot failed (${(outcome.failure as Error).message}) but snapshot ${outcome.found} appeared; adopting it`,
      );
      id = outcome.found;
    }
    ctx.log.progress(`snapshotting instance ${instanceId} as ${id}`);
    const stateId = zonedIdOf(inputs.zone, id);
    try {
      if (operation)
        await client.waitForOperation(operation, {
          what: `snapshot instance ${instanceId}`,
          timeoutMs: deadline,
          log: ctx.log,
        });
      return { id: stateId, outs: snapshotOutputs(await waitReady(client, id, ctx, deadline), inputs) };
    } catch (error) {
      if (error instanceof OperationFailedError) {
        ctx.log.warn(`snapshot failed; deleting ${id} so that nothing is left behind`);
        await deleteSnapshot(client, id, ctx, timeoutMs(inputs.timeouts?.delete)).catch((cleanup) => {
          throw new PartialCreateError(
            stateId,
            { ...inputs, name: id, state: "error" },
            `${(error as Error).message}; deleting it also failed: ${(cleanup as Error).message}`,
          );
        });
        throw error;
      }
      throw new PartialCreateError(stateId, { ...inputs, name: id, state: "unknown" }, error);
    }
  },

  async read(id, olds) {
    if (olds.retain !== undefined) return readSeries(olds);
    const { zone, id: uuid } = parseZonedId(id, "id", olds.zone);
    try {
      return snapshotOutputs(await ExoscaleClient.forZone(zone).getSnapshot(uuid), { ...olds, zone });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },

  // Without retain, only the instance's recorded protection and ignored inputs (timeouts) change
  // without a replacement: nothing to send, the outputs are refreshed and record the new inputs.
  async update(id, olds, news, ctx) {
    if (news.retain !== undefined) return advanceSeries(id, olds, news, ctx);
    const { zone, id: uuid } = parseZonedId(id, "id", olds.zone);
    return snapshotOutputs(await ExoscaleClient.forZone(zone, ctx.log).getSnapshot(uuid), news);
  },

  async delete(id, olds, ctx) {
    const { zone, id: uuid } = parseZonedId(id, "id", olds.zone);
    const instance = {
      instanceKind: "exoscale:Instance",
      isInstance: (other: string) => uuidOf(other) === uuidOf(olds.instanceId),
    };
    if (olds.instanceDeletionProtection === true && !instanceStays(instance))
      throw protectedSnapshotError({
        ...instance,
        cloud: "exoscale",
        snapshot: zonedIdOf(zone, uuid),
        instance: zonedIdOf(zone, uuidOf(olds.instanceId)),
        protection: "deletionProtection: true",
        docs: "docs/exoscale.md",
      });
    // A series is guarded like one snapshot: its whole series stays while the instance does not.
    if (olds.retain !== undefined) return deleteSeries(olds, ctx);
    await deleteSnapshot(ExoscaleClient.forZone(zone, ctx.log), uuid, ctx, timeoutMs(olds.timeouts?.delete));
  },
};

// A series (`retain`): each change of `trigger` takes a snapshot, and the oldest beyond `retain` are
// deleted once it is ready. State lists the series' own snapshots (snapshotIds); nothing else is
// ever deleted. The resource id stays the first snapshot's (an update cannot change it).

/** Outputs of a series: the newest snapshot's details and the ids, oldest first. */
function seriesOutputs(newest: ApiSnapshot, ids: string[], inputs: Inputs): Outputs {
  return { ...snapshotOutputs(newest, inputs), snapshotIds: ids, latestId: ids[ids.length - 1] };
}

/** The series' snapshots that still exist, oldest first, and the newest of them. */
async function existingMembers(ids: readonly string[], zone: Inputs["zone"]) {
  const client = ExoscaleClient.forZone(zone);
  const found: Array<{ id: string; snapshot: ApiSnapshot }> = [];
  for (const id of ids) {
    try {
      found.push({ id, snapshot: await client.getSnapshot(uuidOf(id)) });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return { ids: found.map((member) => member.id), newest: found[found.length - 1]?.snapshot };
}

/**
 * Takes the next snapshot (when `takeNext`), then deletes the oldest beyond `retain`, in order. A
 * failure after the new snapshot exists keeps it in state (PartialCreateError), for the next run.
 */
async function rotate(
  stateId: string,
  previous: readonly string[],
  inputs: Inputs,
  takeNext: boolean,
  ctx: ResourceContext,
): Promise<{ id: string; outs: Outputs }> {
  let ids = [...previous];
  if (takeNext) {
    const one = await exoscaleSnapshotDefinition.create({ ...inputs, retain: undefined }, ctx).catch((error) => {
      if (!(error instanceof PartialCreateError)) throw error;
      // The new snapshot exists (or may): recorded with the series, never lost.
      throw new PartialCreateError(
        stateId || error.id,
        { ...inputs, ...(error.outs as Outputs), snapshotIds: [...ids, error.id], latestId: error.id },
        error.failure,
      );
    });
    ids.push(one.id);
    stateId ||= one.id;
  }
  const current = await existingMembers(ids, inputs.zone);
  ids = current.ids;
  if (!current.newest)
    throw new NotFoundError(`the snapshots of this series are gone; run \`pulumi refresh\``, { cloud: "exoscale" });
  const client = ExoscaleClient.forZone(inputs.zone, ctx.log);
  const retain = inputs.retain as number;
  while (ids.length > retain) {
    const oldest = ids[0];
    ctx.log.info(`retain ${retain}: deleting the oldest snapshot of the series, ${oldest}`);
    try {
      await deleteSnapshot(client, uuidOf(oldest), ctx, timeoutMs(inputs.timeouts?.delete));
    } catch (error) {
      throw new PartialCreateError(stateId, seriesOutputs(current.newest, ids, inputs), error);
    }
    ids.shift();
  }
  return { id: stateId, outs: seriesOutputs(current.newest, ids, inputs) };
}

function createSeries(inputs: Inputs, ctx: ResourceContext) {
  return rotate("", [], inputs, true, ctx);
}

async function advanceSeries(id: string, olds: Outputs, news: Inputs, ctx: ResourceContext): Promise<Outputs> {
  return (await rotate(id, olds.snapshotIds ?? [], news, news.trigger !== olds.trigger, ctx)).outs;
}

/** The series as Exoscale has it now, or undefined when none of its snapshots is left. */
async function readSeries(olds: Outputs): Promise<Outputs | undefined> {
  const current = await existingMembers(olds.snapshotIds ?? [], olds.zone);
  return current.newest ? seriesOutputs(current.newest, current.ids, olds) : undefined;
}

/** Deletes every snapshot of the series, oldest first. */
async function deleteSeries(olds: Outputs, ctx: ResourceContext): Promise<void> {
  const client = ExoscaleClient.forZone(olds.zone, ctx.log);
  for (const id of olds.snapshotIds ?? [])
    await deleteSnapshot(client, uuidOf(id), ctx, timeoutMs(olds.timeouts?.delete));
}
