/** Read-only functions over the Exoscale API v2 instances (get-instance, list-instances, ...). */
import { registerSecret } from "../core/redact";
import { ExoscaleClient, type ListInstancesFilter } from "./client";
import { type ExoscaleInstanceInfo, instanceInfo } from "./mapping";
import { EXOSCALE_ZONES, parseZonedId } from "./schema";

export type { ExoscaleInstanceInfo } from "./mapping";

/** One instance by its `zone/uuid` id (GET /instance/{id}); rejects with NotFoundError when it does not exist. */
export async function getExoscaleInstance(args: { id: string }): Promise<ExoscaleInstanceInfo> {
  const { zone, id } = parseZonedId(args.id);
  const { creationToken: _token, ...info } = instanceInfo(await ExoscaleClient.forZone(zone).getInstance(id), zone);
  return info;
}

/** Filters of {@link listExoscaleInstances}. */
export interface ListExoscaleInstancesArgs {
  zone: string;
  /** Every pair must match; an empty value matches any instance that has the key. */
  labels?: Record<string, string>;
  ipAddress?: string;
  managerId?: string;
  managerType?: "instance-pool";
}

/** Instances of one zone (GET /instance) with the API's filters. */
export async function listExoscaleInstances(args: ListExoscaleInstancesArgs): Promise<ExoscaleInstanceInfo[]> {
  if (!(EXOSCALE_ZONES as readonly string[]).includes(args.zone)) throw new Error(`zone: "${args.zone}" is not one of ${EXOSCALE_ZONES.join(", ")}`);
  const filter: ListInstancesFilter = {
    ipAddress: args.ipAddress,
    managerId: args.managerId,
    managerType: args.managerType,
    labels: args.labels ? Object.entries(args.labels).map(([key, value]) => (value === "" ? key : `${key}=${value}`)).join(",") : undefined,
  };
  const instances = await ExoscaleClient.forZone(args.zone).listInstances(filter);
  return instances.map((instance) => {
    const { creationToken: _token, ...info } = instanceInfo(instance, args.zone);
    return info;
  });
}

/** A console-proxy websocket URL for the instance's VNC console (GET /console/{id}), valid 60 seconds. */
export async function getExoscaleConsoleUrl(args: { id: string }): Promise<{ url: string; host?: string; path?: string; expiresAt: string }> {
  const { zone, id } = parseZonedId(args.id);
  const requested = Date.now();
  const answer = await ExoscaleClient.forZone(zone).getConsoleProxyUrl(id);
  if (!answer.url) throw new Error(`exoscale getConsoleProxyUrl: the API returned no url for instance ${id}`);
  registerSecret(answer.url);
  return { url: answer.url, host: answer.host, path: answer.path, expiresAt: new Date(requested + 60_000).toISOString() };
}

/**
 * The instance's password (GET /instance/{id}:password), as set at creation or by the latest reset.
 * It is plain text: wrap it in `pulumi.secret()` before exporting it. ExoscaleInstance's `password`
 * output already is a secret.
 */
export async function revealExoscaleInstancePassword(args: { id: string }): Promise<string> {
  const { zone, id } = parseZonedId(args.id);
  const { password } = await ExoscaleClient.forZone(zone).revealInstancePassword(id);
  if (password === undefined) throw new Error(`exoscale revealInstancePassword: instance ${id} has no password to reveal`);
  registerSecret(password);
  return password;
}
