/**
 * The bodies of the Koyeb functions (functions.ts), required on their first call so that importing
 * the package does not load zod, the client and the exec stream.
 */
import { parseArguments } from "../core/arguments";
import { KoyebClient } from "./client";
import { runExec } from "./exec";
import { toEvent, toInstance } from "./mapping";
import * as schema from "./schema";
import type * as types from "./types";

const owner = (operation: string) => ({ cloud: "koyeb", operation });

export async function getKoyebInstance(args: types.GetKoyebInstanceArgs): Promise<types.GetKoyebInstanceResult> {
  const { id } = parseArguments(schema.GetKoyebInstanceArgs, args, owner("getKoyebInstance"));
  return toInstance(await KoyebClient.fromSettings().getInstance(id));
}

export async function listKoyebInstances(args: types.ListKoyebInstancesArgs): Promise<types.GetKoyebInstanceResult[]> {
  const a = parseArguments(schema.ListKoyebInstancesArgs, args, owner("listKoyebInstances"));
  const filters = {
    app_id: a.appId,
    service_id: a.serviceId,
    deployment_id: a.deploymentId,
    regional_deployment_id: a.regionalDeploymentId,
    allocation_id: a.allocationId,
    replica_index: a.replicaIndex,
    statuses: a.statuses,
    order: a.order,
    starting_time: a.startingTime,
    ending_time: a.endingTime,
  };
  return (await KoyebClient.fromSettings().listInstances(filters, a.pageSize)).map(toInstance);
}

export async function listKoyebInstanceEvents(
  args: types.ListKoyebInstanceEventsArgs,
): Promise<types.KoyebInstanceEvent[]> {
  const a = parseArguments(schema.ListKoyebInstanceEventsArgs, args, owner("listKoyebInstanceEvents"));
  const events = await KoyebClient.fromSettings().listInstanceEvents(
    { instance_ids: a.instanceIds, types: a.types, order: a.order },
    a.pageSize,
  );
  return events.map(toEvent);
}

/** Whether the program runs for `pulumi preview` (false outside a Pulumi program). */
function isPreview(): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).runtime.isDryRun();
  } catch {
    return false;
  }
}

export async function execKoyebInstance(args: types.ExecKoyebInstanceArgs): Promise<types.ExecKoyebInstanceResult> {
  const a = parseArguments(schema.ExecKoyebInstanceArgs, args, owner("execKoyebInstance"));
  if (isPreview() && a.runInPreview !== true) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    void (require("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).log.info(
      `execKoyebInstance: ${JSON.stringify(a.command)} on instance ${a.instanceId} is not run during a preview (set runInPreview: true to run it)`,
    );
    return { ran: false, skipped: "preview" };
  }
  const client = KoyebClient.fromSettings();
  const result = await runExec({
    url: client.execUrl(a.instanceId),
    token: client.token(),
    instanceId: a.instanceId,
    command: a.command,
    stdin: a.stdin,
    timeoutMs: (a.timeout ?? 60) * 1000,
  });
  return { ran: true, ...result };
}
