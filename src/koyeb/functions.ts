/**
 * Read-only functions for Koyeb instances: get one, list (all pages, filtered), list their
 * events (all pages), and exec a command. Arguments are validated before any call, and errors name
 * the argument at fault. Koyeb's Terraform and Pulumi providers offer none of these.
 */
import { z } from "zod";
import { toPropertyPath } from "../core/validation";
import { KoyebClient, toEvent, toInstance } from "./client";
import { runExec } from "./exec";
import { KOYEB_INSTANCE_STATUSES, type KoyebExecResult, type KoyebInstance, type KoyebInstanceEvent } from "./types";

function parseArgs<T>(fn: string, schema: z.ZodType<T>, args: unknown): T {
  const result = schema.safeParse(args ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${toPropertyPath(issue.path) || "arguments"}: ${issue.code === "unrecognized_keys" ? `unknown argument(s) ${issue.keys.join(", ")}` : issue.message}`);
  throw new Error(`${fn}: invalid arguments: ${problems.join("; ")}`);
}

const Id = z.string().min(1, "must not be empty");
const Order = z.enum(["asc", "desc"], { error: 'must be "asc" or "desc"' });
const PageSize = z.number().int().min(1).max(100);
const Timestamp = z.union([z.iso.datetime({ offset: true }), z.date().transform((d) => d.toISOString())], { error: "must be an RFC 3339 date-time or a Date" });

const GetArgs = z.strictObject({ id: Id });

/** One instance by id (GET /v1/instances/{id}); rejects with NotFoundError when it does not exist. */
export async function getKoyebInstance(args: { id: string }): Promise<KoyebInstance> {
  const { id } = parseArgs("getKoyebInstance", GetArgs, args);
  return toInstance(await KoyebClient.fromSettings().getInstance(id));
}

const ListArgs = z.strictObject({
  appId: Id.optional(),
  serviceId: Id.optional(),
  deploymentId: Id.optional(),
  regionalDeploymentId: Id.optional(),
  allocationId: Id.optional(),
  replicaIndex: z.number().int().min(0).optional(),
  statuses: z.array(z.enum(KOYEB_INSTANCE_STATUSES, { error: `must be one of ${KOYEB_INSTANCE_STATUSES.join(", ")}` })).optional(),
  order: Order.optional(),
  /** Instances that ran at some time between startingTime and endingTime. */
  startingTime: Timestamp.optional(),
  endingTime: Timestamp.optional(),
  /** Page size used to walk the list (1-100, default 100). */
  pageSize: PageSize.optional(),
});

/** Arguments of {@link listKoyebInstances}; all optional. */
export type ListKoyebInstancesArgs = z.input<typeof ListArgs>;

/** Every instance matching the filters (GET /v1/instances, following every page). */
export async function listKoyebInstances(args: ListKoyebInstancesArgs = {}): Promise<KoyebInstance[]> {
  const a = parseArgs("listKoyebInstances", ListArgs, args);
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

const EventArgs = z.strictObject({
  instanceIds: z.array(Id).optional(),
  /** Event types, e.g. "started", "healthy", "stopped". */
  types: z.array(Id).optional(),
  order: Order.optional(),
  pageSize: PageSize.optional(),
});

/** Arguments of {@link listKoyebInstanceEvents}; all optional. */
export type ListKoyebInstanceEventsArgs = z.input<typeof EventArgs>;

/** Every event matching the filters (GET /v1/instance_events, following every page). */
export async function listKoyebInstanceEvents(args: ListKoyebInstanceEventsArgs = {}): Promise<KoyebInstanceEvent[]> {
  const a = parseArgs("listKoyebInstanceEvents", EventArgs, args);
  const events = await KoyebClient.fromSettings().listInstanceEvents({ instance_ids: a.instanceIds, types: a.types, order: a.order }, a.pageSize);
  return events.map(toEvent);
}

const ExecArgs = z.strictObject({
  instanceId: Id,
  /** argv, e.g. ["cat", "/etc/hostname"]; a string runs through `sh -c`. */
  command: z.union([z.array(z.string()).min(1, "must name a command"), z.string().min(1, "must name a command").transform((script) => ["sh", "-c", script])]),
  /** Sent to the command's stdin, which is then closed. */
  stdin: z.string().optional(),
  /** Seconds to wait for the command to exit (default 60). */
  timeout: z.number().positive().max(3600).optional(),
});

/** Arguments of {@link execKoyebInstance}. */
export type ExecKoyebInstanceArgs = z.input<typeof ExecArgs>;

/**
 * Runs a command in a running instance over the exec websocket and returns its output and exit
 * code. A non-zero exit code is a result, not an error; an error frame from Koyeb (unknown or
 * stopped instance, …) rejects with its gRPC code and message; the socket is closed in every case,
 * also on timeout.
 */
export async function execKoyebInstance(args: ExecKoyebInstanceArgs): Promise<KoyebExecResult> {
  const a = parseArgs("execKoyebInstance", ExecArgs, args);
  const client = KoyebClient.fromSettings();
  return runExec({ url: client.execUrl(a.instanceId), token: client.token(), instanceId: a.instanceId, command: a.command, stdin: a.stdin, timeoutMs: (a.timeout ?? 60) * 1000 });
}
