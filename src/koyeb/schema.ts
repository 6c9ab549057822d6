/**
 * The one description of the Koyeb functions: each function's arguments, with the rules applied
 * before any API call, and its result. The public TypeScript types (types.ts) are printed from
 * these schemas, descriptions included.
 */
import { z } from "zod";

/** Instance.Status in Koyeb's API spec (the emulator answers with the same list). */
export const KOYEB_INSTANCE_STATUSES = [
  "ALLOCATING",
  "STARTING",
  "HEALTHY",
  "UNHEALTHY",
  "STOPPING",
  "STOPPED",
  "ERROR",
  "SLEEPING",
] as const;
export type KoyebInstanceStatus = (typeof KOYEB_INSTANCE_STATUSES)[number];

const Id = z.string().min(1, "must not be empty");
const Order = z.enum(["asc", "desc"], { error: 'must be "asc" or "desc"' });
const PageSize = z.number().int().min(1).max(100);
const Timestamp = z
  .union([z.iso.datetime({ offset: true }), z.date().transform((d) => d.toISOString())], {
    error: "must be an RFC 3339 date-time or a Date",
  })
  .meta({ tsType: "string | Date" });

export const GetKoyebInstanceArgs = z.strictObject({
  id: Id.describe("The instance's id."),
});

export const GetKoyebInstanceResult = z.object({
  id: z.string().describe("The instance's id."),
  createdAt: z.string().optional().describe("When the instance was created (RFC 3339)."),
  updatedAt: z.string().optional().describe("When it last changed (RFC 3339)."),
  organizationId: z.string().optional().describe("Organization that owns it."),
  appId: z.string().optional().describe("App it belongs to."),
  serviceId: z.string().optional().describe("Service it belongs to."),
  regionalDeploymentId: z.string().optional().describe("Regional deployment it belongs to."),
  allocationId: z.string().optional().describe("Allocation it runs in."),
  type: z.string().optional().describe("Instance type, e.g. `nano`, `small`."),
  replicaIndex: z.number().optional().describe("Index of the replica in its deployment."),
  region: z.string().optional().describe("Region, e.g. `fra`."),
  datacenter: z.string().optional().describe("Datacenter."),
  hypervisor: z.string().optional().describe("Hypervisor (only from getKoyebInstance)."),
  status: z
    .enum(KOYEB_INSTANCE_STATUSES)
    .describe("ALLOCATING, STARTING, HEALTHY, UNHEALTHY, STOPPING, STOPPED, ERROR or SLEEPING."),
  messages: z.array(z.string()).describe("Status messages."),
  startedAt: z.string().optional().describe("When it started (only from getKoyebInstance)."),
  succeededAt: z.string().optional().describe("When it became healthy."),
  terminatedAt: z.string().optional().describe("When it stopped."),
  deploymentId: z
    .string()
    .optional()
    .describe("The deployment it belongs to (the API's `xyz_deployment_id`, which Koyeb marks as unstable)."),
});
export type GetKoyebInstanceResult = z.infer<typeof GetKoyebInstanceResult>;

export const ListKoyebInstancesArgs = z.strictObject({
  appId: Id.optional().describe("Only instances of this app."),
  serviceId: Id.optional().describe("Only instances of this service."),
  deploymentId: Id.optional().describe("Only instances of this deployment."),
  regionalDeploymentId: Id.optional().describe("Only instances of this regional deployment."),
  allocationId: Id.optional().describe("Only instances of this allocation."),
  replicaIndex: z.number().int().min(0).optional().describe("Only the replica with this index."),
  statuses: z
    .array(z.enum(KOYEB_INSTANCE_STATUSES, { error: `must be one of ${KOYEB_INSTANCE_STATUSES.join(", ")}` }))
    .optional()
    .describe("Only instances in one of these statuses."),
  order: Order.optional().describe("Sort order by creation: `asc` or `desc`."),
  startingTime: Timestamp.optional().describe("Instances that ran at some time between startingTime and endingTime."),
  endingTime: Timestamp.optional().describe("See startingTime."),
  pageSize: PageSize.optional().describe("Page size used to walk the list (1-100, default 100)."),
});

export const ListKoyebInstanceEventsArgs = z.strictObject({
  instanceIds: z.array(Id).optional().describe("Only events of these instances."),
  types: z.array(Id).optional().describe("Event types, e.g. `started`, `healthy`, `stopped`."),
  order: Order.optional().describe("Sort order by time: `asc` or `desc`."),
  pageSize: PageSize.optional().describe("Page size used to walk the list (1-100, default 100)."),
});

export const KoyebInstanceEvent = z.object({
  id: z.string().describe("The event's id."),
  when: z.string().optional().describe("When it happened (RFC 3339)."),
  organizationId: z.string().optional().describe("Organization of the instance."),
  instanceId: z.string().optional().describe("The instance it concerns."),
  type: z.string().optional().describe("What happened: `scheduled`, `started`, `healthy`, `stopped`, …"),
  message: z.string().optional().describe("Human-readable detail."),
  metadata: z.record(z.string(), z.unknown()).describe("Event-specific data."),
});
export type KoyebInstanceEvent = z.infer<typeof KoyebInstanceEvent>;

export const ExecKoyebInstanceArgs = z.strictObject({
  instanceId: Id.describe("The instance to run the command in."),
  command: z
    .union([
      z.array(z.string()).min(1, "must name a command"),
      z
        .string()
        .min(1, "must name a command")
        .transform((script) => ["sh", "-c", script]),
    ])
    .describe('argv, e.g. `["cat", "/etc/hostname"]`; a string runs through `sh -c`.'),
  stdin: z.string().optional().describe("Sent to the command's stdin, which is then closed."),
  timeout: z.number().positive().max(3600).optional().describe("Seconds to wait for the command to exit (default 60)."),
  runInPreview: z
    .boolean()
    .optional()
    .describe(
      "Run the command during `pulumi preview` too. By default a preview does not run it (a command may change the instance) and the result says so.",
    ),
});

export const ExecKoyebInstanceResult = z.discriminatedUnion("ran", [
  z.object({
    ran: z.literal(true).describe("The command ran."),
    stdout: z.string().describe("Everything the command wrote to stdout (UTF-8)."),
    stderr: z.string().describe("Everything it wrote to stderr (UTF-8)."),
    exitCode: z.number().describe("Its exit code; a non-zero code is a result, not an error."),
  }),
  z.object({
    ran: z.literal(false).describe("The command did not run."),
    skipped: z.literal("preview").describe("Why: this is a preview (pass `runInPreview: true` to run it anyway)."),
  }),
]);
export type ExecKoyebInstanceResult = z.infer<typeof ExecKoyebInstanceResult>;
