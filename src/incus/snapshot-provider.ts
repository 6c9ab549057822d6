/**
 * IncusInstanceSnapshot lifecycle: POST/GET/PUT/DELETE /1.0/instances/{name}/snapshots/{snapshot},
 * each asynchronous step waited on as an Incus operation. The instance, the name and `stateful`
 * are fixed at creation (a change replaces the snapshot); `expiresAt` is updated in place with
 * If-Match. Deleting a snapshot whose instance is already gone is a success (deleting an instance
 * deletes its snapshots). While the instance has `security.protection.delete` (read from the
 * daemon), a snapshot is deleted only when the instance stays in the stack (src/core/snapshot-guard.ts).
 *
 * Snapshot names are unique per instance, so a create whose response was lost is recognised by
 * name: the provider checks the name is free before creating, and after an ambiguous failure
 * takes over the snapshot that now has it. A failed snapshot operation leaves nothing behind.
 */
import { incusAccountIdentity } from "./account-identity";
import { ConflictError, isNotFound, mayHaveActed, NotFoundError } from "../core/errors";
import { timeoutMs as waitLimitMs } from "../core/timeouts";
import type { ResourceContext, ResourceDefinition } from "../core/provider";
import { instanceStays, protectedSnapshotError } from "../core/snapshot-guard";
import { PartialCreateError } from "../core/provider";
import { type ApiInstanceSnapshot, IncusClient, type Tagged } from "./client";
import { expiry, instanceId, parseSnapshotId, sameInstant, snapshotId, toSnapshotOutputs } from "./mapping";
import { IncusInstanceSnapshotInputs, type IncusInstanceSnapshotOutputs, PROTECTION_KEY } from "./schema";

/** Incus steps are local and quick: 10 minutes is plenty. */
const INCUS_TIMEOUT_SECONDS = 10 * 60;

const timeoutMs = (seconds: number | undefined) => waitLimitMs(seconds, INCUS_TIMEOUT_SECONDS);

async function findSnapshot(
  client: IncusClient,
  instance: string,
  name: string,
): Promise<Tagged<ApiInstanceSnapshot> | undefined> {
  try {
    return await client.getSnapshot(instance, name);
  } catch (error) {
    // 404 covers both a missing snapshot and a missing instance.
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function projectOf(client: IncusClient, instance: string): Promise<string> {
  return client.project ?? (await client.getInstance(instance)).value.project ?? "default";
}

async function finish(
  client: IncusClient,
  inputs: IncusInstanceSnapshotInputs,
  ctx: ResourceContext,
): Promise<{ id: string; outs: IncusInstanceSnapshotOutputs }> {
  const found = await findSnapshot(client, inputs.instance, inputs.name);
  if (!found)
    throw new NotFoundError(`snapshot ${inputs.instance}/${inputs.name} disappeared right after it was created`, {
      cloud: "incus",
    });
  let snapshot = found;
  if (inputs.expiresAt !== undefined && !sameInstant(expiry(found.value.expires_at), inputs.expiresAt)) {
    await setExpiry(client, inputs, found, ctx);
    snapshot = (await findSnapshot(client, inputs.instance, inputs.name)) ?? found;
  }
  const project = await projectOf(client, inputs.instance);
  return {
    id: snapshotId(project, inputs.instance, inputs.name),
    outs: toSnapshotOutputs(snapshot.value, inputs.instance, project, inputs),
  };
}

async function setExpiry(
  client: IncusClient,
  inputs: IncusInstanceSnapshotInputs,
  current: Tagged<ApiInstanceSnapshot>,
  ctx: ResourceContext,
) {
  // No expiry is written as the zero time, the daemon's own spelling of "never".
  const body = { expires_at: inputs.expiresAt ?? "0001-01-01T00:00:00Z" };
  ctx.log.progress(`setting the expiry of ${inputs.instance}/${inputs.name} to ${inputs.expiresAt ?? "never"}`);
  const started = await client.updateSnapshot(inputs.instance, inputs.name, body, current.etag);
  await client.waitFor(started, {
    what: `update snapshot ${inputs.instance}/${inputs.name}`,
    operation: "updateInstanceSnapshot",
    timeoutMs: timeoutMs(inputs.timeouts?.update),
    log: ctx.log,
  });
}

/**
 * Takes snapshot `inputs.name` of `inputs.instance`. The name must be free (a snapshot already there
 * is reported, or with `takeOver` continued with); after an ambiguous failure, the snapshot that now
 * has the name is ours.
 */
async function takeSnapshot(
  client: IncusClient,
  inputs: IncusInstanceSnapshotInputs,
  ctx: ResourceContext,
  takeOver = false,
): Promise<void> {
  const label = `${inputs.instance}/${inputs.name}`;
  const existing = await findSnapshot(client, inputs.instance, inputs.name);
  if (existing && takeOver) {
    ctx.log.info(`snapshot ${label} exists already (an earlier attempt of this step); continuing with it`);
    return;
  }
  if (existing)
    throw new ConflictError(
      `a snapshot named ${label} already exists; set adoptId: "${label}" to take it over, or choose another name`,
      { cloud: "incus" },
    );

  let started;
  try {
    started = await client.createSnapshot(inputs.instance, {
      name: inputs.name,
      stateful: inputs.stateful ?? false,
      ...(inputs.expiresAt ? { expires_at: inputs.expiresAt } : {}),
    });
  } catch (error) {
    if (isNotFound(error))
      throw new NotFoundError(
        `cannot snapshot ${inputs.instance}: the instance does not exist (${(error as Error).message})`,
        { cloud: "incus" },
      );
    // The name was free before we asked, so a snapshot that has it now is ours.
    if (
      !(mayHaveActed(error) || (error instanceof ConflictError && error.statusCode === 409)) ||
      !(await findSnapshot(client, inputs.instance, inputs.name))
    )
      throw error;
    ctx.log.info(
      `create request failed (${(error as Error).message}) but snapshot ${label} exists; continuing with it`,
    );
    return;
  }
  ctx.log.progress(`creating ${inputs.stateful ? "stateful " : ""}snapshot ${label}`);
  await client.waitFor(started, {
    what: `snapshot ${label}`,
    operation: "createInstanceSnapshot",
    timeoutMs: timeoutMs(inputs.timeouts?.create),
    log: ctx.log,
  });
}

// A series (`retain`): snapshots `<name>-1`, `<name>-2`, … of which the newest `retain` are kept.
// State lists the series' own snapshots (outputs.snapshots); nothing else is ever deleted.

/** The name of the series' snapshot number `n`. */
export function memberName(prefix: string, n: number): string {
  return `${prefix}-${n}`;
}

/** The highest number among the series' names (0 for none). */
export function lastNumber(prefix: string, names: readonly string[]): number {
  return names.reduce((max, name) => {
    const n = name.startsWith(`${prefix}-`) ? Number(name.slice(prefix.length + 1)) : NaN;
    return Number.isInteger(n) && n > max ? n : max;
  }, 0);
}

/** Outputs of a series: the newest member's details and the names, oldest first. */
function seriesOutputs(
  newest: ApiInstanceSnapshot,
  names: string[],
  project: string,
  known: IncusInstanceSnapshotInputs | IncusInstanceSnapshotOutputs,
): IncusInstanceSnapshotOutputs {
  return {
    ...toSnapshotOutputs(newest, known.instance, project, { ...known, expiresAt: undefined }),
    name: known.name,
    retain: known.retain,
    trigger: known.trigger,
    snapshots: names,
  };
}

/** Deletes one of the series' snapshots; gone already is fine. */
async function deleteMember(client: IncusClient, instance: string, name: string, ctx: ResourceContext, ms: number) {
  try {
    const started = await client.deleteSnapshot(instance, name);
    await client.waitFor(started, {
      what: `delete snapshot ${instance}/${name}`,
      operation: "deleteInstanceSnapshot",
      timeoutMs: ms,
      log: ctx.log,
    });
  } catch (error) {
    if (!isNotFound(error) && (await findSnapshot(client, instance, name))) throw error;
  }
}

/** The series' names that still exist, oldest first, and the newest of them. */
async function existingMembers(
  client: IncusClient,
  instance: string,
  names: readonly string[],
): Promise<{ names: string[]; newest?: ApiInstanceSnapshot }> {
  const all = await client.listSnapshots(instance).catch((error) => (isNotFound(error) ? [] : Promise.reject(error)));
  const byName = new Map(all.map((snapshot) => [snapshot.name, snapshot]));
  const left = names.filter((name) => byName.has(name));
  return { names: left, newest: byName.get(left[left.length - 1]) };
}

/**
 * Takes the next snapshot of the series, then deletes the oldest beyond `retain`, in order. A
 * failed deletion keeps the new snapshot in state (PartialCreateError) for the next run to finish.
 */
async function advanceSeries(
  client: IncusClient,
  inputs: IncusInstanceSnapshotInputs,
  previous: readonly string[],
  takeNext: boolean,
  ctx: ResourceContext,
): Promise<{ id: string; outs: IncusInstanceSnapshotOutputs }> {
  const project = await projectOf(client, inputs.instance);
  const id = snapshotId(project, inputs.instance, inputs.name);
  let names = [...previous];
  if (takeNext) {
    const next = memberName(inputs.name, lastNumber(inputs.name, names) + 1);
    await takeSnapshot(client, { ...inputs, name: next }, ctx, true);
    names.push(next);
  }
  const retain = inputs.retain as number;
  const current = await existingMembers(client, inputs.instance, names);
  names = current.names;
  if (!current.newest)
    throw new NotFoundError(
      `the snapshots of series ${inputs.instance}/${inputs.name} are gone; run \`pulumi refresh\``,
      {
        cloud: "incus",
      },
    );
  while (names.length > retain) {
    const oldest = names[0];
    ctx.log.info(`retain ${retain}: deleting the oldest snapshot of the series, ${inputs.instance}/${oldest}`);
    try {
      await deleteMember(client, inputs.instance, oldest, ctx, timeoutMs(inputs.timeouts?.delete));
    } catch (error) {
      throw new PartialCreateError(id, seriesOutputs(current.newest, names, project, inputs), error);
    }
    names.shift();
  }
  return { id, outs: seriesOutputs(current.newest, names, project, inputs) };
}

function createSeries(client: IncusClient, inputs: IncusInstanceSnapshotInputs, ctx: ResourceContext) {
  return advanceSeries(client, inputs, [], true, ctx);
}

/** The series as the daemon has it now, or undefined when none of its snapshots is left. */
async function readSeries(client: IncusClient, olds: IncusInstanceSnapshotOutputs, project: string) {
  const current = await existingMembers(client, olds.instance, olds.snapshots ?? []);
  return current.newest ? seriesOutputs(current.newest, current.names, project, olds) : undefined;
}

/** Deletes every snapshot of the series, newest last. */
async function deleteSeries(client: IncusClient, olds: IncusInstanceSnapshotOutputs, ctx: ResourceContext) {
  for (const name of olds.snapshots ?? [])
    await deleteMember(client, olds.instance, name, ctx, timeoutMs(olds.timeouts?.delete));
}

/** The snapshot `adoptId` names, as outputs: `stateful` as the daemon has it, so the field table compares it. */
async function readForAdoption(
  adoptId: string,
  known: Partial<IncusInstanceSnapshotInputs>,
  ctx: ResourceContext,
): Promise<{ id: string; outs: IncusInstanceSnapshotOutputs }> {
  const target = parseSnapshotId(adoptId);
  const client = IncusClient.fromSettings({ project: target.project ?? known.project, log: ctx.log });
  const found = await findSnapshot(client, target.instance, target.name);
  if (!found)
    throw new NotFoundError(
      `adoptId "${adoptId}": there is no snapshot ${target.instance}/${target.name} in project "${client.project ?? "default"}"`,
      { cloud: "incus" },
    );
  const project = await projectOf(client, target.instance);
  const outs = toSnapshotOutputs(found.value, target.instance, project, { ...known, stateful: undefined });
  return { id: snapshotId(project, target.instance, target.name), outs };
}

/** How the instance is protected against deletion ("security.protection.delete=true"), or undefined (not protected, or gone). */
async function instanceProtection(client: IncusClient, instance: string): Promise<string | undefined> {
  let found;
  try {
    found = (await client.getInstance(instance)).value;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  if (found.expanded_config?.[PROTECTION_KEY] !== "true") return undefined;
  return `${PROTECTION_KEY}=true${found.config[PROTECTION_KEY] === "true" ? "" : ", set by one of its profiles"}`;
}

/** The IncusInstanceSnapshot resource: schema, replace/update table and lifecycle (see the file header). */
export const incusInstanceSnapshotDefinition: ResourceDefinition<
  IncusInstanceSnapshotInputs,
  IncusInstanceSnapshotOutputs
> = {
  kind: "incus:InstanceSnapshot",
  inputs: IncusInstanceSnapshotInputs,
  accountIdentity: incusAccountIdentity,
  fields: {
    instance: "replace",
    name: "replace",
    stateful: { equals: (previous, next) => next === undefined || Boolean(previous) === next, replaceIf: () => true },
    expiresAt: { equals: (previous, next) => sameInstant(previous, next) },
    // One snapshot or a series: switching between the two replaces the resource.
    retain: { replaceIf: (previous, next) => (previous === undefined) !== (next === undefined) },
    trigger: "update",
    project: { equals: (previous, next) => next === undefined || previous === next, replaceIf: () => true },
    adoptId: "ignore",
    timeouts: "ignore",
  },
  // Names are unique per instance.
  deleteBeforeReplace: (olds, news) => olds.instance === news.instance && olds.name === news.name,

  adopt: { read: readForAdoption },
  // The connection create would use (socket, or remote with its certificates): no request is sent.
  preflight: async () => void IncusClient.fromSettings(),

  async create(inputs, ctx) {
    const client = IncusClient.fromSettings({ project: inputs.project, log: ctx.log });
    if (inputs.retain !== undefined) return createSeries(client, inputs, ctx);
    await takeSnapshot(client, inputs, ctx);
    return finish(client, inputs, ctx);
  },

  async read(id, olds) {
    const fromId = parseSnapshotId(id);
    const instance = olds.instance ?? fromId.instance;
    const client = IncusClient.fromSettings({ project: olds.project ?? fromId.project });
    if (olds.retain !== undefined) return readSeries(client, olds, olds.project ?? fromId.project ?? "default");
    const found = await findSnapshot(client, instance, olds.name ?? fromId.name);
    if (!found) return undefined;
    return toSnapshotOutputs(found.value, instance, olds.project ?? fromId.project ?? "default", olds);
  },

  async update(id, olds, news, ctx) {
    const client = IncusClient.fromSettings({ project: olds.project, log: ctx.log });
    if (news.retain !== undefined) {
      const series = { ...news, instance: olds.instance, name: olds.name };
      return (await advanceSeries(client, series, olds.snapshots ?? [], news.trigger !== olds.trigger, ctx)).outs;
    }
    const found = await findSnapshot(client, olds.instance, olds.name);
    if (!found) throw new NotFoundError(`snapshot ${id} no longer exists; run \`pulumi refresh\``, { cloud: "incus" });
    // An expiry neither set before nor now is the daemon's (snapshots.expiry): left alone.
    const managed = news.expiresAt !== undefined || olds.expiresAt !== undefined;
    if (managed && !sameInstant(expiry(found.value.expires_at), news.expiresAt))
      await setExpiry(client, { ...news, instance: olds.instance, name: olds.name }, found, ctx);
    const after = (await findSnapshot(client, olds.instance, olds.name)) ?? found;
    return toSnapshotOutputs(after.value, olds.instance, olds.project, news);
  },

  async delete(_id, olds, ctx) {
    const client = IncusClient.fromSettings({ project: olds.project, log: ctx.log });
    const label = `${olds.instance}/${olds.name}`;
    const instance = {
      instanceKind: "incus:Instance",
      isInstance: (other: string) => other === instanceId(olds.project, olds.instance),
    };
    if (!instanceStays(instance)) {
      const protection = await instanceProtection(client, olds.instance);
      if (protection)
        throw protectedSnapshotError({
          ...instance,
          cloud: "incus",
          snapshot: label,
          instance: olds.instance,
          protection,
          docs: "docs/policy-pack.md",
        });
    }
    // A series is guarded like one snapshot: its whole series stays while the instance does not.
    if (olds.retain !== undefined) return deleteSeries(client, olds, ctx);
    let started;
    try {
      started = await client.deleteSnapshot(olds.instance, olds.name);
    } catch (error) {
      // The snapshot, or its whole instance, is gone already: nothing left to do.
      if (isNotFound(error)) {
        ctx.log.info(`snapshot ${label} is already gone`);
        return;
      }
      throw error;
    }
    try {
      await client.waitFor(started, {
        what: `delete snapshot ${label}`,
        operation: "deleteInstanceSnapshot",
        timeoutMs: timeoutMs(olds.timeouts?.delete),
        log: ctx.log,
      });
    } catch (error) {
      // The instance may have been deleted while we waited (its deletion removes the snapshot too).
      if (!(await findSnapshot(client, olds.instance, olds.name))) return;
      throw error;
    }
  },
};
