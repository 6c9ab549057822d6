/**
 * Exoscale instances and their snapshots, zone by zone: `GET /instance`, then `GET /instance/{id}`
 * for what the list leaves out (user data), and `GET /snapshot`, as ExoscaleInstance and
 * ExoscaleInstanceSnapshot declarations. Catalogue items are spelled as users write them where
 * adoption reads them back the same way: `family.size` for the instance type, and the template's
 * name when that name resolves to the very build the instance runs.
 */
import { CREATION_TOKEN_LABEL } from "../../core/creation-token";
import { isNotFound } from "../../core/errors";
import { type ApiInstance, type ApiSnapshot, endpointFor, ExoscaleClient } from "../../exoscale/client";
import { instanceInfo } from "../../exoscale/mapping";
import {
  EXOSCALE_ZONES,
  ExoscaleInstanceInputs,
  ExoscaleInstanceSnapshotInputs,
  zonedIdOf,
} from "../../exoscale/schema";
import type { FoundObject } from "../model";
import { secret, userDataText } from "../secrets";
import { defined, mapLimit, nonEmpty, schemaProblem, skipped, type SourceContext } from ".";

/** The API's instance with the field that says an instance pool owns it. */
type ListedInstance = ApiInstance & { manager?: { id?: string; type?: string } };

/** Instances read at the same time (one GET each). */
const PARALLEL_READS = 8;

/** The power state to declare for an API state; undefined for states an instance cannot be declared in. */
function declaredState(state: string): "running" | "stopped" | undefined {
  if (state === "running" || state === "starting") return "running";
  if (state === "stopped" || state === "stopping") return "stopped";
  return undefined;
}

/** The template's name when it resolves to this build in this zone, else its UUID (with a note). */
async function templateSpelling(
  client: ExoscaleClient,
  info: ReturnType<typeof instanceInfo>,
  notes: string[],
): Promise<string> {
  if (!info.templateName) return info.templateId;
  const resolved = await client.resolveTemplate(info.templateName).catch(() => undefined);
  if (resolved === info.templateId.toLowerCase()) return info.templateName;
  notes.push(`template: a build of "${info.templateName}" that this name no longer resolves to, so its UUID keeps it`);
  return info.templateId;
}

async function describeInstance(client: ExoscaleClient, zone: string, instance: ListedInstance): Promise<FoundObject> {
  const info = instanceInfo(instance, zone);
  const found: FoundObject = {
    cloud: "exoscale",
    kind: "ExoscaleInstance",
    id: info.id,
    name: info.name,
    location: zone,
    shortId: info.uuid.slice(0, 8),
    labels: info.labels,
    args: {},
    notes: [],
  };
  if (info.creationToken !== undefined)
    return skipped(found, `carries the ${CREATION_TOKEN_LABEL} label: a Pulumi stack created it`, true);
  if (instance.manager?.id)
    return skipped(
      found,
      `belongs to ${instance.manager.type ?? "a manager"} ${instance.manager.id}, which manages it`,
    );
  const state = declaredState(info.state);
  if (state === undefined)
    return skipped(found, `state "${info.state}": only a running or stopped instance can be declared`);
  const userData = instance["user-data"] === undefined ? undefined : userDataText(instance["user-data"]);
  if (instance["user-data"] !== undefined && userData === undefined)
    return skipped(found, "its user data is not text (compressed or binary); userData takes plain-text cloud-init");

  const args = defined({
    zone,
    name: info.name,
    // family.size is what adoption compares with; the UUID only when the API gives no family.size.
    instanceType: info.instanceTypeName.includes(".") ? info.instanceTypeName : info.instanceTypeId,
    template: await templateSpelling(client, info, found.notes),
    diskSize: info.diskSize,
    labels: nonEmpty(info.labels),
    userData,
    publicIpAssignment: info.publicIpAssignment === "inet4" ? undefined : info.publicIpAssignment,
    sshKeys: nonEmpty(info.sshKeys),
    securityGroupIds: nonEmpty(info.securityGroupIds),
    state,
    tpmEnabled: info.tpmEnabled || undefined,
    secureBootEnabled: info.secureBootEnabled || undefined,
  });
  const problem = schemaProblem(ExoscaleInstanceInputs, { ...args, adoptId: info.id });
  if (problem) return skipped(found, `ExoscaleInstance cannot express it: ${problem}`);
  return {
    ...found,
    args: { ...args, userData: userData === undefined ? undefined : secret(userData, "UserData", "user data") },
  };
}

function describeSnapshot(zone: string, snapshot: ApiSnapshot): FoundObject {
  const id = zonedIdOf(zone, snapshot.id);
  const owner = snapshot.instance?.id;
  const found: FoundObject = {
    cloud: "exoscale",
    kind: "ExoscaleInstanceSnapshot",
    id,
    name: snapshot.name ?? snapshot.id,
    location: zone,
    shortId: snapshot.id.slice(0, 8),
    labels: {},
    args: {},
    notes: [],
  };
  if (!owner)
    return skipped(found, "belongs to no instance any more; ExoscaleInstanceSnapshot is declared with its instance");
  const withParent = { ...found, parentId: zonedIdOf(zone, owner) };
  if (snapshot.state === "error" || snapshot.state === "deleting")
    return skipped(withParent, `state "${snapshot.state}"`);
  const problem = schemaProblem(ExoscaleInstanceSnapshotInputs, { instanceId: withParent.parentId, zone, adoptId: id });
  return problem ? skipped(withParent, `ExoscaleInstanceSnapshot cannot express it: ${problem}`) : withParent;
}

/** One zone's instances (read one by one for their full state) and snapshots. */
async function listZone(zone: string, context: SourceContext): Promise<FoundObject[]> {
  const client = ExoscaleClient.forZone(zone, context.progress.logger(`exoscale ${zone}`));
  context.progress.status(`exoscale ${zone}: listing instances and snapshots`);
  const [listed, snapshots] = await Promise.all([client.listInstances(), client.listSnapshots()]);
  const instances = await mapLimit(listed, PARALLEL_READS, async (instance, index) => {
    context.progress.status(`exoscale ${zone}: instance ${index + 1}/${listed.length}`);
    // Deleted since it was listed: nothing to declare.
    const full = await client
      .getInstance(instance.id)
      .catch((error) => (isNotFound(error) ? undefined : Promise.reject(error)));
    return full && describeInstance(client, zone, full);
  });
  return [
    ...instances.filter((found): found is FoundObject => found !== undefined),
    ...snapshots.map((snapshot) => describeSnapshot(zone, snapshot)),
  ];
}

/**
 * Every zone asked for. Zones an endpoint serves together (EXOSCALE_API_ENDPOINT without `{zone}`,
 * as the emulator's) are listed once, under the first of them: the API's objects do not say
 * their zone.
 */
export async function listExoscale(context: SourceContext): Promise<FoundObject[]> {
  const byEndpoint = new Map<string, string[]>();
  for (const zone of context.zones ?? EXOSCALE_ZONES)
    byEndpoint.set(endpointFor(zone), [...(byEndpoint.get(endpointFor(zone)) ?? []), zone]);
  const found: FoundObject[] = [];
  for (const [endpoint, zones] of byEndpoint) {
    if (zones.length > 1)
      context.note(
        `Exoscale: ${endpoint} serves zones ${zones.join(", ")} alike, so what it holds is declared in ${zones[0]} (--zone picks another)`,
      );
    found.push(...(await listZone(zones[0], context)));
  }
  return found;
}
