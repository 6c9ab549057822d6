/** Read-only functions for Incus instances (GET /1.0/instances…), in camelCase. */
import type { ApiInstance } from "./client";
import { IncusClient } from "./client";
import { requireExtension } from "./daemon";
import { parseInstanceId, powerState } from "./instance-model";
import { PROTECTION_KEY } from "./schema";

/** An instance as the functions return it. */
export interface IncusInstanceInfo {
  name: string;
  project: string;
  /** "container" or "virtual-machine". */
  type: string;
  /** The daemon's status: Running, Stopped, Frozen, … */
  status: string;
  /** running, stopped, frozen, … */
  state: string;
  description: string;
  profiles: string[];
  /** The instance's own config without the daemon's volatile.* keys. */
  config: Record<string, string>;
  devices: Record<string, Record<string, string>>;
  /** Whether security.protection.delete applies (from the instance or its profiles). */
  deletionProtection: boolean;
  /** The image the instance was created from (volatile.base_image). */
  imageFingerprint?: string;
  /** volatile.uuid: changes only when the instance is recreated. */
  uuid?: string;
  architecture: string;
  createdAt: string;
  lastUsedAt: string;
  location?: string;
}

/** Converts the daemon's instance to {@link IncusInstanceInfo}. */
export function instanceInfo(instance: ApiInstance): IncusInstanceInfo {
  const config = Object.fromEntries(Object.entries(instance.config ?? {}).filter(([key]) => !key.startsWith("volatile.")));
  return {
    name: instance.name,
    project: instance.project || "default",
    type: instance.type,
    status: instance.status,
    state: powerState(instance.status),
    description: instance.description,
    profiles: instance.profiles ?? [],
    config,
    devices: instance.devices ?? {},
    deletionProtection: (instance.expanded_config ?? instance.config)?.[PROTECTION_KEY] === "true",
    imageFingerprint: instance.config?.["volatile.base_image"] || undefined,
    uuid: instance.config?.["volatile.uuid"] || undefined,
    architecture: instance.architecture,
    createdAt: instance.created_at,
    lastUsedAt: instance.last_used_at,
    location: instance.location && instance.location !== "none" ? instance.location : undefined,
  };
}

/**
 * One instance by name (GET /1.0/instances/{name}); `name` may also be "project/name". Rejects with
 * NotFoundError when it does not exist.
 */
export async function getIncusInstance(args: { name: string; project?: string }): Promise<IncusInstanceInfo> {
  const { project, name } = parseInstanceId(args.name);
  const client = IncusClient.fromSettings({ project: project ?? args.project });
  return instanceInfo((await client.getInstance(name)).value);
}

/** Every instance of a project, or of all projects (GET /1.0/instances?recursion=1). */
export async function listIncusInstances(args: { project?: string; allProjects?: boolean } = {}): Promise<IncusInstanceInfo[]> {
  const client = IncusClient.fromSettings({ project: args.project });
  if (args.allProjects) requireExtension(await client.daemon(), "instance_all_projects", "listIncusInstances({ allProjects: true })", "listInstances");
  return (await client.listInstances({ allProjects: args.allProjects })).map(instanceInfo);
}
