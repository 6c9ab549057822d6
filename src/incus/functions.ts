/**
 * Read-only functions for Incus instances (GET /1.0/instances…), each as `fn(args, opts?)` and
 * `fnOutput(args, opts?)`, in camelCase. Ids are what IncusInstance reports: `name` or `project/name`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { parseArguments } from "../core/arguments";
import {
  type FunctionOptions,
  type FunctionOutputOptions,
  type InputArgs,
  inAccount,
  onFirstCall,
  outputForm,
} from "../core/functions";
import type { ApiInstance } from "./client";
import type { GetIncusInstanceArgs, GetIncusInstanceResult, ListIncusInstancesArgs } from "./types";

export type GetIncusInstanceOutputArgs = InputArgs<GetIncusInstanceArgs>;
export type ListIncusInstancesOutputArgs = InputArgs<ListIncusInstancesArgs>;
export type ListIncusInstancesResult = GetIncusInstanceResult[];

const owner = (operation: string) => ({ cloud: "incus", operation });

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on the first call (see core/functions.ts) */
const callTime = onFirstCall(() => ({
  schema: require("./schema") as typeof import("./schema"),
  IncusClient: (require("./client") as typeof import("./client")).IncusClient,
  requireExtension: (require("./daemon") as typeof import("./daemon")).requireExtension,
  model: require("./instance-model") as typeof import("./instance-model"),
}));
/* eslint-enable @typescript-eslint/no-require-imports */

/** Converts the daemon's instance to {@link GetIncusInstanceResult}. */
function instanceInfo(instance: ApiInstance): GetIncusInstanceResult {
  const { schema, model } = callTime();
  const config = Object.fromEntries(
    Object.entries(instance.config ?? {}).filter(([key]) => !key.startsWith("volatile.")),
  );
  const project = instance.project || "default";
  return {
    id: model.instanceId(project, instance.name),
    name: instance.name,
    project,
    type: instance.type,
    status: instance.status,
    state: model.powerState(instance.status),
    description: instance.description,
    profiles: instance.profiles ?? [],
    config,
    devices: instance.devices ?? {},
    deletionProtection: (instance.expanded_config ?? instance.config)?.[schema.PROTECTION_KEY] === "true",
    imageFingerprint: instance.config?.["volatile.base_image"] || undefined,
    uuid: instance.config?.["volatile.uuid"] || undefined,
    architecture: instance.architecture,
    createdAt: instance.created_at,
    lastUsedAt: instance.last_used_at,
    location: instance.location && instance.location !== "none" ? instance.location : undefined,
  };
}

/**
 * One instance (GET /1.0/instances/{name}) by its `id` (`name` or `project/name`, as IncusInstance
 * reports it), or by `name` and `project`. Rejects with NotFoundError when it does not exist.
 */
export async function getIncusInstance(
  args: GetIncusInstanceArgs,
  opts?: FunctionOptions,
): Promise<GetIncusInstanceResult> {
  return inAccount(opts, async () => {
    const { schema, IncusClient, model } = callTime();
    const parsed = parseArguments(schema.GetIncusInstanceArgs, args, owner("getIncusInstance"));
    const { project, name } =
      parsed.id !== undefined ? model.parseInstanceId(parsed.id) : { project: undefined, name: parsed.name as string };
    const client = IncusClient.fromSettings({ project: project ?? parsed.project });
    return instanceInfo((await client.getInstance(name)).value);
  });
}

/** {@link getIncusInstance} taking Inputs, e.g. `getIncusInstanceOutput({ id: web.id })`. */
export function getIncusInstanceOutput(
  args: GetIncusInstanceOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<GetIncusInstanceResult> {
  return outputForm(getIncusInstance, args, opts);
}

/** Every instance of a project, or of all projects (GET /1.0/instances?recursion=1). */
export async function listIncusInstances(
  args: ListIncusInstancesArgs = {},
  opts?: FunctionOptions,
): Promise<ListIncusInstancesResult> {
  return inAccount(opts, async () => {
    const { schema, IncusClient, requireExtension } = callTime();
    const parsed = parseArguments(schema.ListIncusInstancesArgs, args, owner("listIncusInstances"));
    const client = IncusClient.fromSettings({ project: parsed.project });
    if (parsed.allProjects)
      requireExtension(
        await client.daemon(),
        "instance_all_projects",
        "listIncusInstances({ allProjects: true })",
        "listInstances",
      );
    return (await client.listInstances({ allProjects: parsed.allProjects })).map(instanceInfo);
  });
}

/** {@link listIncusInstances} taking Inputs. */
export function listIncusInstancesOutput(
  args: ListIncusInstancesOutputArgs = {},
  opts?: FunctionOutputOptions,
): pulumi.Output<ListIncusInstancesResult> {
  return outputForm(listIncusInstances, args, opts);
}
