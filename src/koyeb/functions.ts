/**
 * Read-only functions for Koyeb instances, each as `fn(args, opts?)` and `fnOutput(args, opts?)`:
 * get one, list (all pages, filtered), list their events (all pages), and exec a command (skipped in
 * previews unless asked). Arguments are validated before any call, and errors name the argument at
 * fault. Koyeb's Terraform and Pulumi providers offer none of these.
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
import type {
  ExecKoyebInstanceArgs,
  ExecKoyebInstanceResult,
  GetKoyebInstanceArgs,
  GetKoyebInstanceResult,
  KoyebInstanceEvent,
  ListKoyebInstanceEventsArgs,
  ListKoyebInstancesArgs,
} from "./types";

export type GetKoyebInstanceOutputArgs = InputArgs<GetKoyebInstanceArgs>;
export type ListKoyebInstancesOutputArgs = InputArgs<ListKoyebInstancesArgs>;
export type ListKoyebInstancesResult = GetKoyebInstanceResult[];
export type ListKoyebInstanceEventsOutputArgs = InputArgs<ListKoyebInstanceEventsArgs>;
export type ListKoyebInstanceEventsResult = KoyebInstanceEvent[];
export type ExecKoyebInstanceOutputArgs = InputArgs<ExecKoyebInstanceArgs>;

const owner = (operation: string) => ({ cloud: "koyeb", operation });

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on the first call (see core/functions.ts) */
const callTime = onFirstCall(() => ({
  schema: require("./schema") as typeof import("./schema"),
  koyeb: require("./client") as typeof import("./client"),
  runExec: (require("./exec") as typeof import("./exec")).runExec,
}));
/* eslint-enable @typescript-eslint/no-require-imports */

/** One instance by id (GET /v1/instances/{id}); rejects with NotFoundError when it does not exist. */
export async function getKoyebInstance(
  args: GetKoyebInstanceArgs,
  opts?: FunctionOptions,
): Promise<GetKoyebInstanceResult> {
  return inAccount(opts, async () => {
    const { schema, koyeb } = callTime();
    const { id } = parseArguments(schema.GetKoyebInstanceArgs, args, owner("getKoyebInstance"));
    return koyeb.toInstance(await koyeb.KoyebClient.fromSettings().getInstance(id));
  });
}

/** {@link getKoyebInstance} taking Inputs. */
export function getKoyebInstanceOutput(
  args: GetKoyebInstanceOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<GetKoyebInstanceResult> {
  return outputForm(getKoyebInstance, args, opts);
}

/** Every instance matching the filters (GET /v1/instances, following every page). */
export async function listKoyebInstances(
  args: ListKoyebInstancesArgs = {},
  opts?: FunctionOptions,
): Promise<ListKoyebInstancesResult> {
  return inAccount(opts, async () => {
    const { schema, koyeb } = callTime();
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
    return (await koyeb.KoyebClient.fromSettings().listInstances(filters, a.pageSize)).map(koyeb.toInstance);
  });
}

/** {@link listKoyebInstances} taking Inputs. */
export function listKoyebInstancesOutput(
  args: ListKoyebInstancesOutputArgs = {},
  opts?: FunctionOutputOptions,
): pulumi.Output<ListKoyebInstancesResult> {
  return outputForm(listKoyebInstances, args, opts);
}

/** Every event matching the filters (GET /v1/instance_events, following every page). */
export async function listKoyebInstanceEvents(
  args: ListKoyebInstanceEventsArgs = {},
  opts?: FunctionOptions,
): Promise<ListKoyebInstanceEventsResult> {
  return inAccount(opts, async () => {
    const { schema, koyeb } = callTime();
    const a = parseArguments(schema.ListKoyebInstanceEventsArgs, args, owner("listKoyebInstanceEvents"));
    const events = await koyeb.KoyebClient.fromSettings().listInstanceEvents(
      { instance_ids: a.instanceIds, types: a.types, order: a.order },
      a.pageSize,
    );
    return events.map(koyeb.toEvent);
  });
}

/** {@link listKoyebInstanceEvents} taking Inputs. */
export function listKoyebInstanceEventsOutput(
  args: ListKoyebInstanceEventsOutputArgs = {},
  opts?: FunctionOutputOptions,
): pulumi.Output<ListKoyebInstanceEventsResult> {
  return outputForm(listKoyebInstanceEvents, args, opts);
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

/**
 * Runs a command in a running instance over the exec websocket and returns its output and exit
 * code. A command may change the instance, so a `pulumi preview` does not run it: the result is then
 * `{ ran: false, skipped: "preview" }` and a line in the preview says so (`runInPreview: true` runs
 * it anyway). A non-zero exit code is a result, not an error; an error frame from Koyeb (unknown or
 * stopped instance, …) rejects with its gRPC code and message; the socket is closed in every case,
 * also on timeout.
 */
export async function execKoyebInstance(
  args: ExecKoyebInstanceArgs,
  opts?: FunctionOptions,
): Promise<ExecKoyebInstanceResult> {
  return inAccount(opts, async () => {
    const { schema, koyeb, runExec } = callTime();
    const a = parseArguments(schema.ExecKoyebInstanceArgs, args, owner("execKoyebInstance"));
    if (isPreview() && a.runInPreview !== true) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      void (require("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).log.info(
        `execKoyebInstance: ${JSON.stringify(a.command)} on instance ${a.instanceId} is not run during a preview (set runInPreview: true to run it)`,
      );
      return { ran: false, skipped: "preview" };
    }
    const client = koyeb.KoyebClient.fromSettings();
    const result = await runExec({
      url: client.execUrl(a.instanceId),
      token: client.token(),
      instanceId: a.instanceId,
      command: a.command,
      stdin: a.stdin,
      timeoutMs: (a.timeout ?? 60) * 1000,
    });
    return { ran: true, ...result };
  });
}

/** {@link execKoyebInstance} taking Inputs; the same preview rule applies. */
export function execKoyebInstanceOutput(
  args: ExecKoyebInstanceOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<ExecKoyebInstanceResult> {
  return outputForm(execKoyebInstance, args, opts);
}
