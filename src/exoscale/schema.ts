/**
 * The one description of ExoscaleInstance, ExoscaleInstanceSnapshot and the Exoscale functions:
 * inputs with the rules `check` applies before any API call (failures name the property and the
 * allowed values), outputs, and each function's arguments and result. The public TypeScript types
 * (types.ts) are printed from these schemas, descriptions included.
 */
import { z } from "zod";
import { CREATION_TOKEN_LABEL } from "../core/creation-token";
import { InvalidArgumentsError } from "../core/errors";
import { UUID_PATTERN as UUID, UUID_SOURCE } from "../core/ids";
import { MAX_RETAIN, refineSeries, seriesInputs } from "../core/snapshot-series";
import { encodedUserDataSize } from "../core/user-data";

/** Zones of the Exoscale API (its spec's server variables). */
export const EXOSCALE_ZONES = [
  "ch-gva-2",
  "ch-dk-2",
  "de-fra-1",
  "de-muc-1",
  "at-vie-1",
  "at-vie-2",
  "bg-sof-1",
  "hr-zag-1",
] as const;
type ExoscaleZone = (typeof EXOSCALE_ZONES)[number];

const INSTANCE_TYPE = /^[a-z0-9]+\.[a-z0-9-]+$/i;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$/;

/** `zone/uuid`: the id of every Exoscale resource, and what adoptId and the functions take. */
const ZONED_ID = new RegExp(`^(${EXOSCALE_ZONES.join("|")})/(${UUID_SOURCE})$`, "i");

const isPlainObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
// Typed as a plain string in the public types: programs often read the zone from config.
const zone = z
  .enum(EXOSCALE_ZONES, { error: () => `must be one of ${EXOSCALE_ZONES.join(", ")}` })
  .meta({ tsType: "string" });
const uuid = (what: string) => z.string().regex(UUID, `must be a ${what} UUID`);
/** An object's id: `zone/uuid`, or the bare UUID that stacks written before ids carried the zone hold. */
const zonedOrBareId = (what: string) =>
  z
    .string()
    .refine(
      (value) => ZONED_ID.test(value) || UUID.test(value),
      `must be the ${what}'s id, "<zone>/<uuid>" (zones: ${EXOSCALE_ZONES.join(", ")})`,
    );
const zonedId = (what: string) =>
  z.string().regex(ZONED_ID, `must be "<zone>/<${what} uuid>" with a zone among ${EXOSCALE_ZONES.join(", ")}`);
const seconds = z.number().int().positive();
const timeouts = <K extends "create" | "update" | "delete">(steps: K[]) =>
  z
    .strictObject(
      Object.fromEntries(
        steps.map((step) => [step, seconds.optional().describe(`Seconds to wait for the ${step} to finish.`)]),
      ) as { [P in K]: z.ZodOptional<typeof seconds> },
    )
    .optional()
    .describe("Wait limits in seconds (default 1200 each): dynamic resources do not receive Pulumi's customTimeouts.");

/** Splits an Exoscale id (`zone/uuid`, or a bare UUID with the zone known otherwise); throws naming `property`. */
export function parseZonedId(
  value: string,
  property = "id",
  fallbackZone?: string,
): { zone: ExoscaleZone; id: string } {
  const match = ZONED_ID.exec(value);
  if (match) return { zone: match[1].toLowerCase() as ExoscaleZone, id: match[2].toLowerCase() };
  if (UUID.test(value) && fallbackZone !== undefined && (EXOSCALE_ZONES as readonly string[]).includes(fallbackZone))
    return { zone: fallbackZone as ExoscaleZone, id: value.toLowerCase() };
  throw new InvalidArgumentsError(
    [{ argument: property, reason: `"${value}" is not "<zone>/<uuid>" (zones: ${EXOSCALE_ZONES.join(", ")})` }],
    { cloud: "exoscale" },
  );
}

/** The id of an object of `zone`: `zone/uuid`. */
export function zonedIdOf(zoneName: string, uuidValue: string): string {
  return `${zoneName}/${uuidValue.toLowerCase()}`;
}

/** The UUID part of an id given as `zone/uuid` or as a bare UUID. */
export function uuidOf(value: string): string {
  return (ZONED_ID.exec(value)?.[2] ?? value).toLowerCase();
}

const labels = z
  .record(z.string(), z.string().max(255, "label values are at most 255 characters"))
  // Keys are checked here rather than by a key schema, so the failure names the key.
  .superRefine(
    (value, ctx) => {
      for (const key of Object.keys(value)) {
        if (key === CREATION_TOKEN_LABEL)
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `"${CREATION_TOKEN_LABEL}" is reserved for the provider`,
          });
        else if (!LABEL_KEY.test(key))
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "label keys are 1-63 letters, digits, '.', '_', '/' or '-', starting with a letter or digit",
          });
      }
      // Run even when a value is invalid too, so one preview reports every bad key and value.
    },
    { when: (payload) => isPlainObject(payload.value) },
  );
const PUBLIC_IP_ASSIGNMENTS = ["inet4", "dual", "none"] as const;
const publicIpAssignment = z.enum(PUBLIC_IP_ASSIGNMENTS, { error: () => "must be one of inet4, dual, none" });

export const ExoscaleInstanceInputs = z.strictObject({
  zone: zone.describe("Zone the instance lives in, e.g. `ch-gva-2`. Changing it replaces the instance."),
  name: z
    .string()
    .min(1, "must be 1-255 characters")
    .max(255, "must be 1-255 characters")
    .describe("Instance name, 1-255 characters; renamed in place."),
  instanceType: z
    .string()
    .refine(
      (v) => INSTANCE_TYPE.test(v) || UUID.test(v),
      "must be family.size (e.g. standard.medium) or an instance type UUID",
    )
    .describe(
      "`family.size` such as `standard.medium`, or an instance type UUID. A change stops the instance, runs `:scale` and starts it again.",
    ),
  template: z
    .string()
    .min(1, "must be a template name or UUID")
    .describe(
      'Template name such as `Linux Ubuntu 24.04 LTS 64-bit`, or a template UUID. A change replaces the instance, or reinstalls it in place with `templateChangeStrategy: "reset"`.',
    ),
  diskSize: z
    .number()
    .int("must be a whole number of GiB")
    .min(10, "must be at least 10 GiB")
    .max(51200, "must be at most 51200 GiB")
    .default(10)
    .describe(
      "Root disk in GiB, 10-51200. Growing it stops the instance, runs `:resize-disk` and starts it again; shrinking replaces the instance.",
    ),
  labels: labels.optional().describe("Labels, updated in place; an empty map removes them all."),
  userData: z
    .string()
    .min(1, "must not be empty (omit it instead)")
    .refine((text) => encodedUserDataSize(text) <= 32_768, "must be at most 32 KiB once base64-encoded")
    .optional()
    .describe(
      "Plain-text cloud-init, encoded to base64 for you (at most 32 KiB once encoded); updated in place. Wrap it in `pulumi.secret()` to keep it encrypted in state.",
    ),
  publicIpAssignment: publicIpAssignment
    .optional()
    .describe("Public IP assignment: `inet4`, `dual` or `none`; updated in place."),
  sshKeys: z
    .array(z.string().min(1, "SSH key names are not empty"))
    .optional()
    .describe("SSH key names registered in the account; set at creation (a change replaces the instance)."),
  securityGroupIds: z
    .array(uuid("security group"))
    .optional()
    .describe("Security group UUIDs; set at creation (a change replaces the instance)."),
  state: z
    .enum(["running", "stopped"], { error: () => "must be running or stopped" })
    .default("running")
    .describe("Desired power state: `:start` or `:stop`, only when the instance is not there already."),
  tpmEnabled: z
    .boolean()
    .optional()
    .describe("Enables the TPM: false → true runs `:enable-tpm`; true → false replaces the instance."),
  secureBootEnabled: z
    .boolean()
    .optional()
    .describe("Secure boot, fixed at creation (a change replaces the instance)."),
  rebootTrigger: z
    .union([z.string(), z.number()])
    .optional()
    .describe("Any value; change it to reboot the instance (`:reboot`)."),
  passwordResetTrigger: z
    .union([z.string(), z.number()])
    .optional()
    .describe("Any value; change it to reset the password (`:reset-password`); the new one is in `password`."),
  templateChangeStrategy: z
    .enum(["replace", "reset"], { error: () => "must be replace or reset" })
    .optional()
    .describe(
      "What a template change does: `replace` (the default) creates a new instance, `reset` reinstalls this one in place (`:reset`).",
    ),
  restoreSnapshotId: zonedOrBareId("snapshot")
    .optional()
    .describe(
      "A snapshot of this instance (its id, e.g. `snapshot.id`): set or change it to revert the disk (stop, `:revert-snapshot`, start if it was running).",
    ),
  deletionProtection: z
    .boolean()
    .optional()
    .describe(
      "Server-side destruction protection (`:add-protection` / `:remove-protection`); also the default of Pulumi's `protect` option.",
    ),
  adoptId: zonedId("instance")
    .optional()
    .describe(
      "Take over an existing instance, `zone/uuid`, instead of creating one: inputs left unset take the instance's values, and a difference that cannot change in place is refused.",
    ),
  timeouts: timeouts(["create", "update", "delete"]),
});
export type ExoscaleInstanceInputs = z.infer<typeof ExoscaleInstanceInputs>;

/** What the API reports about an instance, shared by the resource's outputs and the functions' results. */
const instanceState = {
  instanceTypeId: z.string().describe("UUID of the current instance type."),
  instanceTypeName: z.string().describe("`family.size` of the current instance type, e.g. `standard.medium`."),
  cpus: z.number().optional().describe("CPU cores of the instance type."),
  memory: z.number().optional().describe("Memory of the instance type, in bytes."),
  templateId: z.string().describe("UUID of the template the instance runs."),
  templateName: z.string().optional().describe("Name of that template."),
  publicIp: z.string().optional().describe("Public IPv4 address, unless `publicIpAssignment` is `none`."),
  ipv6Address: z.string().optional().describe('Public IPv6 address, with `publicIpAssignment: "dual"`.'),
  macAddress: z.string().optional().describe("MAC address of the public interface."),
  snapshotIds: z.array(z.string()).describe("UUIDs of the instance's snapshots."),
  createdAt: z.string().optional().describe("When the instance was created (RFC 3339)."),
};

/** Outputs: every input (as the user spelled it, while it still means the same) plus what the API reports. */
export const ExoscaleInstanceOutputs = z.object({
  ...ExoscaleInstanceInputs.shape,
  state: z
    .string()
    .describe("The API's state: `running`, `stopped`, or a transitional one (`starting`, `stopping`, …)."),
  ...instanceState,
  password: z
    .string()
    .optional()
    .describe("Secret: the password from `:password`, after creation and after each reset."),
  creationToken: z.string().optional().meta({
    internal: true,
    description: "Marker label set at creation so a lost create response leads to adoption, not a duplicate.",
  }),
});
export type ExoscaleInstanceOutputs = z.infer<typeof ExoscaleInstanceOutputs>;

export const ExoscaleInstanceSnapshotInputs = z
  .strictObject({
    instanceId: zonedOrBareId("instance").describe(
      "The instance's id (`instance.id`). Changing it replaces the snapshot.",
    ),
    zone: zone.describe("The instance's zone."),
    instanceDeletionProtection: z
      .boolean()
      .optional()
      .describe(
        "The instance's `deletionProtection`, as declared when the snapshot was last created or updated (after the instance): while it is true, deleting the snapshot is refused unless the instance stays in the stack.",
      ),
    ...seriesInputs(
      `Keep a series of snapshots instead of one: each change of \`trigger\` takes a new one in place, and once it is ready the oldest beyond \`retain\` are deleted, in order. Only the series' own snapshots (\`snapshotIds\`) are ever deleted; a lower value deletes the surplus at the next \`up\`. 1-${MAX_RETAIN}; setting or removing it replaces the resource.`,
    ),
    adoptId: zonedId("snapshot")
      .optional()
      .describe("Take over an existing snapshot of this instance, `zone/uuid`, instead of creating one."),
    timeouts: timeouts(["create", "delete"]),
  })
  .superRefine(refineSeries);
export type ExoscaleInstanceSnapshotInputs = z.infer<typeof ExoscaleInstanceSnapshotInputs>;

export const ExoscaleInstanceSnapshotOutputs = z.object({
  ...ExoscaleInstanceSnapshotInputs.shape,
  name: z.string().describe("The snapshot's name, given by Exoscale; with `retain`, the newest one's."),
  state: z.string().describe("`snapshotting`, `ready`, `exporting`, `exported`, `deleting` or `error`."),
  size: z.number().optional().describe("Size in GiB."),
  createdAt: z.string().optional().describe("When the snapshot was taken (RFC 3339); with `retain`, the newest one."),
  snapshotIds: z
    .array(z.string())
    .optional()
    .describe(
      "With `retain`: the series' snapshots that exist, `zone/uuid`, oldest first. The resource's own id stays the first snapshot's; the last of these is the newest (`latestId`).",
    ),
  latestId: z
    .string()
    .optional()
    .describe("With `retain`: the newest snapshot of the series, `zone/uuid` (e.g. for `restoreSnapshotId`)."),
});
export type ExoscaleInstanceSnapshotOutputs = z.infer<typeof ExoscaleInstanceSnapshotOutputs>;

// Functions.

const instanceRef = {
  id: z
    .string()
    .min(1, "must not be empty")
    .describe("The instance's id, `zone/uuid` (e.g. `instance.id`), or its UUID together with `zone`."),
  zone: zone.optional().describe("Zone of an instance given by UUID alone."),
};
/** Ids as the functions take them: the resource's own id, or a UUID with its zone. */
const InstanceRef = z.strictObject(instanceRef).superRefine((args, ctx) => {
  if (typeof args.id !== "string" || ZONED_ID.test(args.id)) return;
  if (!UUID.test(args.id))
    ctx.addIssue({
      code: "custom",
      path: ["id"],
      message: `"${args.id}" is not "<zone>/<uuid>" (zones: ${EXOSCALE_ZONES.join(", ")})`,
    });
  else if (args.zone === undefined)
    ctx.addIssue({
      code: "custom",
      path: ["zone"],
      message: `is required with a bare UUID id (one of ${EXOSCALE_ZONES.join(", ")}); or pass the id as "<zone>/<uuid>"`,
    });
});

export const GetExoscaleInstanceArgs = InstanceRef;
export const GetExoscaleInstanceResult = z.object({
  id: z
    .string()
    .describe("The instance's id, `zone/uuid`: what ExoscaleInstance reports as its id and what adoptId takes."),
  uuid: z.string().describe("The instance's UUID."),
  zone: z.string().describe("Zone of the instance."),
  name: z.string().describe("Instance name."),
  state: z.string().describe("`running`, `stopped`, or a transitional state."),
  ...instanceState,
  diskSize: z.number().describe("Root disk in GiB."),
  labels: z.record(z.string(), z.string()).describe("Labels (the provider's own creation marker left out)."),
  publicIpAssignment: publicIpAssignment.optional().describe("Public IP assignment: `inet4`, `dual` or `none`."),
  sshKeys: z.array(z.string()).describe("SSH key names."),
  securityGroupIds: z.array(z.string()).describe("Security group UUIDs."),
  userData: z.string().optional().describe("Decoded cloud-init text (the API stores base64)."),
  tpmEnabled: z.boolean().describe("Whether the TPM is enabled."),
  secureBootEnabled: z.boolean().describe("Whether secure boot is enabled."),
});
export type GetExoscaleInstanceResult = z.infer<typeof GetExoscaleInstanceResult>;

export const ListExoscaleInstancesArgs = z.strictObject({
  zone: zone.describe("Zone to list."),
  labels: z
    .record(z.string(), z.string())
    .optional()
    .describe("Every pair must match; an empty value matches any instance that has the key."),
  ipAddress: z.string().min(1).optional().describe("Only the instance with this public IP address."),
  managerId: uuid("instance pool").optional().describe("Only instances of this instance pool."),
  managerType: z
    .enum(["instance-pool"], { error: () => "must be instance-pool" })
    .optional()
    .describe("Only instances managed by this kind of manager."),
});

export const GetExoscaleConsoleUrlArgs = InstanceRef;
export const GetExoscaleConsoleUrlResult = z.object({
  url: z.string().describe("Secret: the console-proxy websocket URL (it embeds a token)."),
  host: z.string().optional().describe("Host of the console proxy."),
  path: z.string().optional().describe("Path on that host."),
  expiresAt: z.string().describe("When the URL stops working (60 seconds after the call)."),
});

export const RevealExoscaleInstancePasswordArgs = InstanceRef;
export const RevealExoscaleInstancePasswordResult = z.object({
  id: z.string().describe("The instance's id, `zone/uuid`."),
  password: z.string().describe("Secret: the password set at creation or by the latest reset."),
});
