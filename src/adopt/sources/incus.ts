/**
 * Incus (or LXD) instances of the configured project (`incus:project` / INCUS_PROJECT, else the
 * daemon's default) and their snapshots, as IncusInstance and IncusInstanceSnapshot declarations.
 * The instance's own config is declared, without what the daemon keeps for itself (volatile.*,
 * image.*); the image by a local alias that points at the instance's base image, else by its
 * fingerprint.
 */
import { type ApiInstance, type ApiInstanceSnapshot, IncusClient } from "../../incus/client";
import { describeConnection } from "../../incus/connection";
import { daemonLabel } from "../../incus/daemon";
import { instanceId, snapshotId, toSnapshotOutputs } from "../../incus/mapping";
import {
  CREATION_TOKEN_KEY,
  IncusInstanceInputs,
  IncusInstanceSnapshotInputs,
  PROTECTION_KEY,
} from "../../incus/schema";
import type { FoundObject } from "../model";
import { isSecretConfigKey, keySuffix, secret } from "../secrets";
import { defined, mapLimit, nonEmpty, schemaProblem, skipped, type SourceContext } from ".";

/** Instances read at the same time (their snapshots and image aliases). */
const PARALLEL_READS = 4;

/** Config keys the daemon writes for itself: never declared. */
const DAEMON_KEYS = /^(volatile|image)\./;

/** `user.*` keys as labels for `--label`: user.team=web → team: "web". */
function userLabels(config: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => key.startsWith("user."))
      .map(([key, value]) => [key.slice("user.".length), value]),
  );
}

/** The image as users write it: a local alias pointing at the fingerprint, else the fingerprint (cached per fingerprint). */
function imageNamer(client: IncusClient): (fingerprint: string | undefined) => Promise<string | undefined> {
  const known = new Map<string, Promise<string>>();
  const lookup = async (fingerprint: string) => {
    // The image may have left the local store since (cached images expire).
    const image = await client.getImage(fingerprint).catch(() => undefined);
    for (const alias of image?.aliases ?? []) {
      const target = await client.getImageAlias(alias.name).then(
        (found) => found.target,
        () => undefined,
      );
      if (target === fingerprint) return alias.name;
    }
    return fingerprint;
  };
  return async (fingerprint) => {
    if (!fingerprint) return undefined;
    if (!known.has(fingerprint)) known.set(fingerprint, lookup(fingerprint));
    return known.get(fingerprint);
  };
}

/** The instance's own config, without daemon keys; secret-looking values become SecretValues. */
function declaredConfig(config: Record<string, string>): {
  plain: Record<string, string>;
  declared: Record<string, unknown>;
} {
  const plain: Record<string, string> = {};
  const declared: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config).sort(([a], [b]) => a.localeCompare(b))) {
    if (DAEMON_KEYS.test(key) || key === CREATION_TOKEN_KEY || key === PROTECTION_KEY) continue;
    plain[key] = value;
    declared[key] = isSecretConfigKey(key) ? secret(value, `Config${keySuffix(key)}`, `config ${key}`) : value;
  }
  return { plain, declared };
}

async function describeInstance(
  instance: ApiInstance,
  project: string,
  imageOf: (fingerprint: string | undefined) => Promise<string | undefined>,
): Promise<FoundObject> {
  const id = instanceId(project, instance.name);
  const config = instance.config ?? {};
  const found: FoundObject = {
    cloud: "incus",
    kind: "IncusInstance",
    id,
    name: instance.name,
    location: project,
    shortId: (config["volatile.uuid"] ?? instance.name).slice(0, 8),
    labels: userLabels(config),
    args: {},
    notes: [],
  };
  if (config[CREATION_TOKEN_KEY])
    return skipped(found, `carries the ${CREATION_TOKEN_KEY} config key: a Pulumi stack created it`, true);
  if (instance.ephemeral)
    return skipped(
      found,
      "ephemeral: the daemon deletes it when it stops, and IncusInstance makes persistent instances",
    );
  const state = instance.status === "Running" ? "running" : instance.status === "Stopped" ? "stopped" : undefined;
  if (state === undefined)
    return skipped(
      found,
      `status ${instance.status}: IncusInstance's state is running or stopped; start or stop it first`,
    );
  const { plain, declared } = declaredConfig(config);
  const args = defined({
    name: instance.name,
    project: project === "default" ? undefined : project,
    type: instance.type,
    image: await imageOf(config["volatile.base_image"]),
    profiles: instance.profiles ?? [],
    config: nonEmpty(plain),
    devices: nonEmpty(instance.devices ?? {}),
    description: instance.description || undefined,
    state,
    deletionProtection: config[PROTECTION_KEY] === "true" ? true : undefined,
  });
  const problem = schemaProblem(IncusInstanceInputs, { ...args, adoptId: id });
  if (problem) return skipped(found, `IncusInstance cannot express it: ${problem}`);
  return { ...found, args: { ...args, config: nonEmpty(declared) } };
}

function describeSnapshot(instance: ApiInstance, project: string, snapshot: ApiInstanceSnapshot): FoundObject {
  const id = snapshotId(project, instance.name, snapshot.name);
  const state = toSnapshotOutputs(snapshot, instance.name, project, {});
  const found: FoundObject = {
    cloud: "incus",
    kind: "IncusInstanceSnapshot",
    id,
    name: snapshot.name,
    location: project,
    shortId: snapshot.name,
    parentId: instanceId(project, instance.name),
    labels: {},
    args: defined({ name: snapshot.name, expiresAt: state.expiresAt, stateful: state.stateful || undefined }),
    notes: [],
  };
  const problem = schemaProblem(IncusInstanceSnapshotInputs, {
    ...found.args,
    instance: instance.name,
    project,
    adoptId: id,
  });
  return problem ? skipped(found, `IncusInstanceSnapshot cannot express it: ${problem}`) : found;
}

export async function listIncus(context: SourceContext): Promise<FoundObject[]> {
  const client = IncusClient.fromSettings({ log: context.progress.logger("incus") });
  context.progress.status(`incus: listing instances on ${describeConnection(client.connection)}`);
  const daemon = await client.daemon();
  const project = client.project ?? "default";
  context.note(
    `Incus: ${daemonLabel(daemon)} on ${describeConnection(client.connection)}${client.project ? "" : ", default project"}; incus:project / INCUS_PROJECT lists another project`,
  );
  const instances = await client.listInstances();
  const imageOf = imageNamer(client);
  const found = await mapLimit(instances, PARALLEL_READS, async (instance, index) => {
    context.progress.status(`incus ${project}: instance ${index + 1}/${instances.length}`);
    const snapshots = await client.listSnapshots(instance.name);
    return [
      await describeInstance(instance, project, imageOf),
      ...snapshots.map((snapshot) => describeSnapshot(instance, project, snapshot)),
    ];
  });
  return found.flat();
}
