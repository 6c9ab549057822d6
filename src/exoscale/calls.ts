/**
 * The bodies of the Exoscale functions (functions.ts), required on their first call so that
 * importing the package does not load zod and the client.
 */
import { parseArguments } from "../core/arguments";
import { NotFoundError } from "../core/errors";
import { registerSecret } from "../core/redact";
import { ExoscaleClient, type ListInstancesFilter } from "./client";
import { instanceInfo } from "./mapping";
import * as schema from "./schema";
import type * as types from "./types";

const owner = (operation: string) => ({ cloud: "exoscale", operation });

/** The zone and UUID of an instance given by its id (or a UUID and its zone). */
function instanceRef(args: { id: string; zone?: string }): { zone: string; uuid: string } {
  const { zone, id } = schema.parseZonedId(args.id, "id", args.zone);
  return { zone, uuid: id };
}

export async function getExoscaleInstance(
  args: types.GetExoscaleInstanceArgs,
): Promise<types.GetExoscaleInstanceResult> {
  const { zone, uuid } = instanceRef(
    parseArguments(schema.GetExoscaleInstanceArgs, args, owner("getExoscaleInstance")),
  );
  const { creationToken: _token, ...info } = instanceInfo(await ExoscaleClient.forZone(zone).getInstance(uuid), zone);
  return info;
}

export async function listExoscaleInstances(
  args: types.ListExoscaleInstancesArgs,
): Promise<types.GetExoscaleInstanceResult[]> {
  const parsed = parseArguments(schema.ListExoscaleInstancesArgs, args, owner("listExoscaleInstances"));
  const filter: ListInstancesFilter = {
    ipAddress: parsed.ipAddress,
    managerId: parsed.managerId,
    managerType: parsed.managerType,
    labels: parsed.labels
      ? Object.entries(parsed.labels)
          .map(([key, value]) => (value === "" ? key : `${key}=${value}`))
          .join(",")
      : undefined,
  };
  const instances = await ExoscaleClient.forZone(parsed.zone).listInstances(filter);
  return instances.map((instance) => {
    const { creationToken: _token, ...info } = instanceInfo(instance, parsed.zone);
    return info;
  });
}

export async function getExoscaleConsoleUrl(
  args: types.GetExoscaleConsoleUrlArgs,
): Promise<types.GetExoscaleConsoleUrlResult> {
  const { zone, uuid } = instanceRef(
    parseArguments(schema.GetExoscaleConsoleUrlArgs, args, owner("getExoscaleConsoleUrl")),
  );
  const requested = Date.now();
  const answer = await ExoscaleClient.forZone(zone).getConsoleProxyUrl(uuid);
  if (!answer.url)
    throw new NotFoundError(`the API returned no console URL for instance ${uuid}`, owner("getConsoleProxyUrl"));
  registerSecret(answer.url);
  return {
    url: answer.url,
    host: answer.host,
    path: answer.path,
    expiresAt: new Date(requested + 60_000).toISOString(),
  };
}

export async function revealExoscaleInstancePassword(
  args: types.RevealExoscaleInstancePasswordArgs,
): Promise<types.RevealExoscaleInstancePasswordResult> {
  const { zone, uuid } = instanceRef(
    parseArguments(schema.RevealExoscaleInstancePasswordArgs, args, owner("revealExoscaleInstancePassword")),
  );
  const { password } = await ExoscaleClient.forZone(zone).revealInstancePassword(uuid);
  if (password === undefined)
    throw new NotFoundError(`instance ${uuid} has no password to reveal`, owner("revealInstancePassword"));
  registerSecret(password);
  return { id: schema.zonedIdOf(zone, uuid), password };
}
