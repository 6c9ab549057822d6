/**
 * The one description of IncusInstance, IncusInstanceSnapshot and the Incus functions: inputs with
 * the rules `check` applies before any API call, outputs, and each function's arguments and result.
 * The public TypeScript types (types.ts) are printed from these schemas, descriptions included.
 */
import { z } from "zod";
import { MAX_RETAIN, refineSeries, seriesInputs } from "../core/snapshot-series";

/** Incus instance names: 1-63 letters, digits or dashes, starting with a letter, not ending with a dash. */
const INSTANCE_NAME = /^[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const INSTANCE_NAME_RULE = "must be 1-63 letters, digits or dashes, start with a letter and not end with a dash";
const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const PROJECT_NAME_RULE = "must be a project name: letters, digits, '_', '.' or '-'";
/** Snapshot names: anything printable except '/' (the daemon's own rule), at most 63 characters here. */
const SNAPSHOT_NAME = /^[^/\s][^/]{0,62}$/;
/** Device names: letters, digits, '-', '_', '.' and ':' (the daemon's rule), at most 64 characters. */
const DEVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** Config key the provider stores its creation token under (so a lost create response is adopted). */
export const CREATION_TOKEN_KEY = "user.pulumi-creation-token";
/** The server-side protection flag `deletionProtection` maps to. */
export const PROTECTION_KEY = "security.protection.delete";

/** Config and device values are strings for the daemon; numbers and booleans are accepted and converted. */
const ConfigValue = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((value) => String(value))
  .meta({ tsType: "string | number | boolean" });
const StringMap = z.record(z.string(), z.string());

const ConfigMap = z.record(z.string().min(1, "config keys cannot be empty"), ConfigValue).superRefine((config, ctx) => {
  for (const key of Object.keys(config)) {
    if (key.startsWith("volatile.")) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `"${key}": volatile.* keys belong to the daemon and cannot be set`,
      });
    } else if (key === PROTECTION_KEY) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `set deletionProtection: true instead of config "${PROTECTION_KEY}" (it also sets Pulumi's protect option)`,
      });
    } else if (key === CREATION_TOKEN_KEY) {
      ctx.addIssue({ code: "custom", path: [key], message: `"${key}" is reserved for the provider's creation token` });
    }
  }
});

const Device = z
  .record(z.string().min(1), ConfigValue)
  .refine((device) => typeof device.type === "string" && device.type !== "", {
    message: 'every device needs a "type" (e.g. disk, nic, proxy, unix-char, gpu)',
    path: ["type"],
  });

/** The instance config keys `snapshotSchedule` sets, by its field. */
export const SNAPSHOT_SCHEDULE_KEYS = {
  schedule: "snapshots.schedule",
  expiry: "snapshots.expiry",
  pattern: "snapshots.pattern",
  scheduleStopped: "snapshots.schedule.stopped",
} as const;

/** Cron aliases the daemons accept in snapshots.schedule, besides five-field cron expressions. */
const SCHEDULE_ALIASES = ["@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@annually", "@yearly", "@startup"];
const CRON_FIELD = /^[0-9*/,?LW#A-Za-z-]+$/;
/** One cron expression (five fields) or alias; the daemon takes several separated by ", ". */
function validSchedule(value: string): boolean {
  return value.split(/,\s+/).every((part) => {
    const item = part.trim();
    if (SCHEDULE_ALIASES.includes(item)) return true;
    const fields = item.split(/\s+/);
    return fields.length === 5 && fields.every((field) => CRON_FIELD.test(field));
  });
}

/** Snapshot schedule and retention the daemon applies by itself (instance config `snapshots.*`). */
const SnapshotSchedule = z
  .strictObject({
    schedule: z
      .string()
      .refine(validSchedule, {
        message: `must be a cron expression of five fields such as "0 3 * * *", or one of ${SCHEDULE_ALIASES.join(", ")} (several separated by ", ")`,
      })
      .optional()
      .describe(
        "`snapshots.schedule`: when the daemon takes a snapshot, as cron (`0 3 * * *`) or an alias (`@daily`, `@hourly`, …).",
      ),
    expiry: z
      .string()
      .regex(
        /^\s*(\d+[MHdwmy]\s*)+$/,
        'must be a duration such as "7d", "2w" or "1d 12H" (M minutes, H hours, d days, w weeks, m months, y years)',
      )
      .optional()
      .describe(
        "`snapshots.expiry`: how long the daemon keeps each snapshot it takes, e.g. `7d` (M minutes, H hours, d days, w weeks, m months, y years). Also applies to a snapshot taken without its own `expiresAt`.",
      ),
    pattern: z
      .string()
      .min(1, "must not be empty")
      .refine((value) => !value.includes("/"), { message: "must not contain '/'" })
      .optional()
      .describe(
        "`snapshots.pattern`: name of the daemon's snapshots, `%d` being a counter (default `snap%d`), or a Pongo2 template such as `{{ creation_date|date:'2006-01-02' }}`.",
      ),
    scheduleStopped: z
      .boolean()
      .optional()
      .describe("`snapshots.schedule.stopped`: also snapshot a stopped instance (default false)."),
  })
  .optional()
  .describe(
    "Snapshots the daemon takes by itself on a schedule, and how long it keeps them (instance config `snapshots.*`), updated in place. The snapshots it takes are the daemon's: never drift, never deleted by Pulumi (except with the instance).",
  );

/** Allowed `imageChangeStrategy` values. */
const IMAGE_CHANGE_STRATEGIES = ["replace", "rebuild"] as const;

/** Allowed `type` values. */
const INSTANCE_TYPES = ["container", "virtual-machine"] as const;
/** Allowed `state` values. */
const POWER_STATES = ["running", "stopped"] as const;
/** Allowed `imageProtocol` values. */
const IMAGE_PROTOCOLS = ["simplestreams", "incus", "lxd", "oci"] as const;

/** Timeouts in seconds for the long steps. */
const Timeouts = z
  .strictObject({
    create: z.number().int().positive().optional().describe("Seconds to wait for the create to finish."),
    update: z.number().int().positive().optional().describe("Seconds to wait for each update step."),
    delete: z.number().int().positive().optional().describe("Seconds to wait for the delete to finish."),
  })
  .optional()
  .describe(
    "How long to wait for each step, in seconds (default 600 each): dynamic resources do not receive Pulumi's customTimeouts.",
  );

/** `name` or `project/name`. */
export const INSTANCE_ID = /^(?:([A-Za-z0-9][A-Za-z0-9_.-]{0,62})\/)?([A-Za-z][A-Za-z0-9-]{0,62})$/;

const instanceInputShape = {
  name: z
    .string()
    .regex(INSTANCE_NAME, INSTANCE_NAME_RULE)
    .describe(
      "Instance name, unique in its project: 1-63 letters, digits or dashes, starting with a letter. Changing it replaces the instance.",
    ),
  image: z
    .string()
    .min(1, "must name an image: a local alias such as busybox or a fingerprint")
    .optional()
    .describe(
      'Image to create from: a local alias (`busybox`) or a fingerprint (a unique prefix of 12+ hex digits is enough); with `imageServer`, an alias on that server. Changing it replaces the instance, or rebuilds it in place with `imageChangeStrategy: "rebuild"`. Optional only with `adoptId` (the image is then read back from the instance).',
    ),
  imageChangeStrategy: z
    .enum(IMAGE_CHANGE_STRATEGIES, { error: `must be one of ${IMAGE_CHANGE_STRATEGIES.join(", ")}` })
    .optional()
    .describe(
      "What an image change does: `replace` (the default) deletes the instance and creates a new one; `rebuild` keeps this instance (name, config, devices, volatile MAC addresses and UUID) and replaces only its root disk from the new image, stopping it for the rebuild (POST /1.0/instances/{name}/rebuild, API extension `instances_rebuild`: Incus 6.0, not LXD 5.0). The daemon refuses to rebuild an instance that has snapshots, so the plan fails naming them.",
    ),
  imageServer: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL of an image server" })
    .optional()
    .describe("Remote image server, e.g. `https://images.linuxcontainers.org` (used only when creating)."),
  imageProtocol: z
    .enum(IMAGE_PROTOCOLS, { error: `must be one of ${IMAGE_PROTOCOLS.join(", ")}` })
    .optional()
    .describe(
      "Protocol of `imageServer`: `simplestreams` (default), `incus`, `lxd` or `oci` (used only when creating).",
    ),
  type: z
    .enum(INSTANCE_TYPES, { error: `must be one of ${INSTANCE_TYPES.join(", ")}` })
    .default("container")
    .describe("`container` or `virtual-machine`. Changing it replaces the instance."),
  profiles: z
    .array(z.string().min(1, "profile names cannot be empty"))
    .optional()
    .describe(
      "Profiles in order, later ones overriding earlier ones. Unset: keep what the instance has (a new one gets `default`).",
    ),
  config: ConfigMap.optional().describe(
    'Instance config keys you manage (e.g. `"limits.cpu": 2`, `"user.team": "web"`), updated in place. Keys you do not list (volatile.*, image.*, set by others) are never touched or diffed; a key you remove from this map is removed from the instance.',
  ),
  snapshotSchedule: SnapshotSchedule,
  restartOnConfigChange: z
    .boolean()
    .optional()
    .describe(
      "Restart a running instance when a config change only takes effect at its next start (e.g. `security.privileged`, `raw.lxc`, `limits.kernel.*`, `environment.*`; see docs/incus.md for the keys applied live). Default false: such a change is written and a warning says it waits for the next restart.",
    ),
  devices: z
    .record(z.string().regex(DEVICE_NAME, "device names are letters, digits, '.', '_', ':' or '-'"), Device)
    .optional()
    .describe("Devices you manage, by name, each with a `type` (disk, nic, proxy, …); updated in place."),
  description: z.string().optional().describe("Free-form description, updated in place; unset keeps the current one."),
  state: z
    .enum(POWER_STATES, { error: `must be one of ${POWER_STATES.join(", ")}` })
    .default("running")
    .describe("Desired power state, `running` or `stopped`; changed in place through the state API."),
  deletionProtection: z
    .boolean()
    .optional()
    .describe(
      "Sets `security.protection.delete` on the server (the daemon and this provider then refuse to delete the instance) and Pulumi's `protect` option unless you set `protect` yourself.",
    ),
  project: z
    .string()
    .regex(PROJECT_NAME, PROJECT_NAME_RULE)
    .optional()
    .describe("Incus project; default `incus:project` / INCUS_PROJECT, else the server's default project."),
  adoptId: z
    .string()
    .regex(INSTANCE_ID, `must be "name" or "project/name" (instance names ${INSTANCE_NAME_RULE})`)
    .optional()
    .describe(
      "Take over an existing instance, `name` or `project/name` (its id), instead of creating one: inputs left unset take the instance's values, and a difference that cannot change in place (type, image) is refused.",
    ),
  stopTimeout: z
    .number()
    .int()
    .positive()
    .max(3600)
    .optional()
    .describe("Seconds a clean shutdown may take before the instance is stopped by force (default 30)."),
  timeouts: Timeouts,
};

/** IncusInstance inputs, with defaults and the rules `check` reports by property. */
export const IncusInstanceInputs = z.strictObject(instanceInputShape).superRefine((inputs, ctx) => {
  if (inputs.image === undefined && inputs.adoptId === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["image"],
      message:
        'required to create an instance: a local alias such as "busybox" or an image fingerprint (optional only with adoptId)',
    });
  }
  for (const [field, key] of Object.entries(SNAPSHOT_SCHEDULE_KEYS)) {
    const scheduled = inputs.snapshotSchedule?.[field as keyof typeof SNAPSHOT_SCHEDULE_KEYS];
    if (scheduled !== undefined && inputs.config?.[key] !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["config", key],
        message: `is also set by snapshotSchedule.${field}; set it in one place only`,
      });
  }
  if (inputs.imageProtocol !== undefined && inputs.imageServer === undefined) {
    ctx.addIssue({ code: "custom", path: ["imageProtocol"], message: "only applies together with imageServer" });
  }
  const adopt = inputs.adoptId === undefined ? undefined : INSTANCE_ID.exec(inputs.adoptId);
  if (adopt) {
    if (adopt[2] !== inputs.name)
      ctx.addIssue({
        code: "custom",
        path: ["adoptId"],
        message: `names instance "${adopt[2]}" but name is "${inputs.name}"; they must agree`,
      });
    if (adopt[1] !== undefined && inputs.project !== undefined && adopt[1] !== inputs.project) {
      ctx.addIssue({
        code: "custom",
        path: ["adoptId"],
        message: `is in project "${adopt[1]}" but project is "${inputs.project}"; they must agree`,
      });
    }
  }
});
export type IncusInstanceInputs = z.infer<typeof IncusInstanceInputs>;

/** What the daemon reports about an instance, shared by the resource's outputs and the functions' results. */
const instanceState = {
  status: z.string().describe("The daemon's status: `Running`, `Stopped`, `Frozen`, …"),
  project: z.string().describe("The project the instance lives in."),
  imageFingerprint: z
    .string()
    .optional()
    .describe(
      "Fingerprint of the image the instance was created from (volatile.base_image), read back from the server.",
    ),
  architecture: z.string().describe("CPU architecture, e.g. `x86_64`."),
  uuid: z
    .string()
    .optional()
    .describe("volatile.uuid: stays the same across restarts, changes when the instance is recreated."),
  createdAt: z.string().describe("When the instance was created (RFC 3339)."),
  location: z.string().optional().describe("Cluster member the instance runs on."),
};

/** Outputs: the inputs as the server has them, plus what the server reports. */
export const IncusInstanceOutputs = z.object({
  ...instanceInputShape,
  image: z
    .string()
    .optional()
    .describe("The image as you wrote it, or the base image's fingerprint for an adopted instance given no image."),
  profiles: z.array(z.string()).describe("Profiles of the instance, in order."),
  config: StringMap.optional().describe("The config keys you manage, as the server has them."),
  devices: z.record(z.string(), StringMap).optional().describe("The devices you manage, as the server has them."),
  description: z.string().describe("Description."),
  state: z
    .string()
    .describe("`running`, `stopped`, or another lower-case daemon status (`frozen`, `error`) seen on refresh."),
  deletionProtection: z.boolean().optional().describe("Whether security.protection.delete is set on the instance."),
  ...instanceState,
  imageAliases: z.array(z.string()).optional().meta({
    internal: true,
    description:
      "Local aliases of that image when last read, so writing an alias later is not mistaken for a new image.",
  }),
  creationToken: z.string().optional().meta({
    internal: true,
    description: "Token stored in config at creation so a lost create response leads to adoption, not a conflict.",
  }),
});
export type IncusInstanceOutputs = z.infer<typeof IncusInstanceOutputs>;

/** `instance/snapshot` or `project/instance/snapshot`. */
export const SNAPSHOT_ID = /^(?:([A-Za-z0-9][A-Za-z0-9_.-]{0,62})\/)?([A-Za-z][A-Za-z0-9-]{0,62})\/([^/\s][^/]{0,62})$/;

const snapshotInputShape = {
  instance: z
    .string()
    .regex(INSTANCE_NAME, `instance names ${INSTANCE_NAME_RULE}`)
    .describe("Name of the instance to snapshot. Changing it replaces the snapshot."),
  name: z
    .string()
    .regex(SNAPSHOT_NAME, "must be 1-63 characters without '/' and not start with a space")
    .describe(
      "Snapshot name, unique per instance; with `retain`, the prefix of the series' names (`<name>-1`, `<name>-2`, …). Changing it replaces the snapshot.",
    ),
  stateful: z
    .boolean()
    .optional()
    .describe(
      "Include the instance's running state (memory); needs CRIU on the server for containers. Fixed at creation.",
    ),
  expiresAt: z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2030-01-01T00:00:00Z" })
    .optional()
    .describe(
      "When the daemon deletes the snapshot by itself (ISO 8601, e.g. `2030-01-01T00:00:00Z`); changed in place.",
    ),
  project: z
    .string()
    .regex(PROJECT_NAME, PROJECT_NAME_RULE)
    .optional()
    .describe("Incus project; default: the instance's project, else `incus:project` / INCUS_PROJECT."),
  ...seriesInputs(
    `Keep a series of snapshots instead of one: each change of \`trigger\` takes a new one, named \`<name>-<n>\` (n counting up), and once it exists the oldest beyond \`retain\` are deleted. Only the series' own snapshots are ever deleted; a lower value deletes the surplus at the next \`up\`. 1-${MAX_RETAIN}; setting or removing it replaces the resource.`,
  ),
  adoptId: z
    .string()
    .regex(SNAPSHOT_ID, 'must be "instance/snapshot" or "project/instance/snapshot"')
    .optional()
    .describe(
      "Take over an existing snapshot, `instance/snapshot` or `project/instance/snapshot` (its id), instead of creating one.",
    ),
  timeouts: Timeouts,
};

/** IncusInstanceSnapshot inputs, with the rules `check` reports by property. */
export const IncusInstanceSnapshotInputs = z.strictObject(snapshotInputShape).superRefine((inputs, ctx) => {
  refineSeries(inputs, ctx);
  if (inputs.retain !== undefined && inputs.expiresAt !== undefined)
    ctx.addIssue({
      code: "custom",
      path: ["expiresAt"],
      message:
        "cannot be combined with retain: a series is bounded by its count (or by the instance's snapshotSchedule.expiry)",
    });
  const adopt = inputs.adoptId === undefined ? undefined : SNAPSHOT_ID.exec(inputs.adoptId);
  if (adopt && (adopt[2] !== inputs.instance || adopt[3] !== inputs.name)) {
    ctx.addIssue({
      code: "custom",
      path: ["adoptId"],
      message: `names "${adopt[2]}/${adopt[3]}" but instance/name are "${inputs.instance}/${inputs.name}"; they must agree`,
    });
  }
});
export type IncusInstanceSnapshotInputs = z.infer<typeof IncusInstanceSnapshotInputs>;

/** Snapshot outputs. */
export const IncusInstanceSnapshotOutputs = z.object({
  ...snapshotInputShape,
  project: z.string().describe("The project the snapshot lives in."),
  expiresAt: z
    .string()
    .optional()
    .describe("The expiry you set, as the server has it; unset when the program leaves it to the daemon."),
  expiry: z
    .string()
    .optional()
    .describe(
      "When the daemon deletes the snapshot, whoever set it (`expiresAt`, or the instance's `snapshots.expiry`); unset: never.",
    ),
  createdAt: z.string().describe("When the snapshot was taken (RFC 3339); with `retain`, the newest one."),
  size: z.number().optional().describe("Bytes used, when the daemon reports it; with `retain`, by the newest one."),
  snapshots: z
    .array(z.string())
    .optional()
    .describe("With `retain`: the names of the series' snapshots that exist, oldest first; the last is the newest."),
});
export type IncusInstanceSnapshotOutputs = z.infer<typeof IncusInstanceSnapshotOutputs>;

// Functions.

const projectArg = z
  .string()
  .regex(PROJECT_NAME, PROJECT_NAME_RULE)
  .optional()
  .describe("Project to look in; default `incus:project` / INCUS_PROJECT, else the server's default project.");

export const GetIncusInstanceArgs = z
  .strictObject({
    id: z
      .string()
      .regex(INSTANCE_ID, `must be "name" or "project/name" (instance names ${INSTANCE_NAME_RULE})`)
      .optional()
      .describe("The instance's id, `name` or `project/name`, as IncusInstance reports it."),
    name: z
      .string()
      .regex(INSTANCE_NAME, INSTANCE_NAME_RULE)
      .optional()
      .describe("The instance's name (in `project`), instead of `id`."),
    project: projectArg,
  })
  .refine((args) => (args.id === undefined) !== (args.name === undefined), {
    message: "give exactly one of id or name",
    path: ["id"],
  });

export const GetIncusInstanceResult = z.object({
  id: z
    .string()
    .describe(
      "The instance's id, `name` or `project/name`: what IncusInstance reports as its id and what adoptId takes.",
    ),
  name: z.string().describe("Instance name."),
  type: z.string().describe("`container` or `virtual-machine`."),
  state: z.string().describe("`running`, `stopped`, `frozen`, …"),
  description: z.string().describe("Description."),
  profiles: z.array(z.string()).describe("Profiles, in order."),
  config: StringMap.describe("The instance's own config without the daemon's volatile.* keys."),
  devices: z.record(z.string(), StringMap).describe("The instance's own devices."),
  deletionProtection: z
    .boolean()
    .describe("Whether security.protection.delete applies (from the instance or its profiles)."),
  ...instanceState,
  lastUsedAt: z.string().describe("When the instance was last started (RFC 3339)."),
});
export type GetIncusInstanceResult = z.infer<typeof GetIncusInstanceResult>;

export const ListIncusInstancesArgs = z.strictObject({
  project: projectArg,
  allProjects: z.boolean().optional().describe("Instances of every project; `project` is then ignored."),
});

export const GetIncusOperationArgs = z.strictObject({
  id: z.string().min(1, "must not be empty").describe("The operation's id."),
  project: projectArg,
});

export const GetIncusOperationResult = z.object({
  id: z.string().describe("The operation's id."),
  class: z.string().describe("`task`, `websocket` or `token`."),
  description: z.string().describe("What it does."),
  createdAt: z.string().describe("When it was created (RFC 3339)."),
  updatedAt: z.string().describe("When it last changed (RFC 3339)."),
  status: z.string().describe("`Running`, `Success`, `Failure`, `Cancelled`, …"),
  statusCode: z.number().describe("103 running, 104 cancelling, 105 pending, 200 success, 400 failure, 401 cancelled."),
  resources: z
    .record(z.string(), z.array(z.string()))
    .describe('Affected resources by type, e.g. `{ instances: ["/1.0/instances/web"] }`.'),
  metadata: z
    .record(z.string(), z.unknown())
    .describe("Operation-specific data, as the daemon sends it (e.g. an exec's websocket secrets under `fds`)."),
  mayCancel: z.boolean().describe("Whether cancelIncusOperation can cancel it."),
  err: z.string().describe("The error message when the operation failed; empty otherwise."),
  location: z.string().optional().describe("Cluster member that runs it."),
});
export type GetIncusOperationResult = z.infer<typeof GetIncusOperationResult>;

export const ListIncusOperationsArgs = z.strictObject({
  project: projectArg,
  allProjects: z
    .boolean()
    .optional()
    .describe(
      "Operations of every project (`all-projects=true`); `project` is then ignored. Needs the API extension operations_get_query_all_projects: Incus has it; LXD 5.0 does not and is refused with an error rather than answered with one project's operations.",
    ),
  recursion: z
    .union([z.literal(0), z.literal(1)], { error: "must be 0 or 1" })
    .optional()
    .describe("0 (default, as the API): the operations' URLs; 1: the operations themselves."),
});

export const WaitIncusOperationArgs = z.strictObject({
  id: z.string().min(1, "must not be empty").describe("The operation's id."),
  project: projectArg,
  timeout: z
    .number()
    .int()
    .min(-1)
    .optional()
    .describe(
      "Seconds the server may hold the request: the answer comes when the operation ends or this time passes, whichever is first (check `statusCode`). Omitted or -1: wait until it ends, with consecutive long-polls.",
    ),
  secret: z.string().min(1).optional().describe("The operation's secret, for the `public` variant."),
  public: z
    .boolean()
    .optional()
    .describe("Use `/wait?public&secret=…`: no client certificate or token is sent (callers without credentials)."),
});

export const CancelIncusOperationArgs = GetIncusOperationArgs;

export const ConnectIncusOperationWebsocketArgs = z.strictObject({
  id: z.string().min(1, "must not be empty").describe("The operation's id."),
  project: projectArg,
  secret: z
    .string()
    .min(1, "must not be empty")
    .describe('The websocket\'s secret from the operation metadata (e.g. `metadata.fds["1"]` of an exec).'),
  public: z.boolean().optional().describe("Use `/websocket?public&secret=…`: no client certificate or token is sent."),
  handshakeTimeoutMs: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("Give up on the handshake after this many milliseconds; default 30 s."),
});
