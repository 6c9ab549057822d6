/**
 * Inputs and outputs of ExoscaleInstance and ExoscaleInstanceSnapshot, with the validation rules
 * `check` applies before any API call (failures name the property and the allowed values).
 */
import { z } from "zod";
import { CREATION_TOKEN_LABEL } from "../core/creation-token";
import { encodedUserDataSize } from "../core/user-data";

/** Zones of the Exoscale API (its spec's server variables). */
export const EXOSCALE_ZONES = ["ch-gva-2", "ch-dk-2", "de-fra-1", "de-muc-1", "at-vie-1", "at-vie-2", "bg-sof-1", "hr-zag-1"] as const;
export type ExoscaleZone = (typeof EXOSCALE_ZONES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANCE_TYPE = /^[a-z0-9]+\.[a-z0-9-]+$/i;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$/;

const isPlainObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
const zone = z.enum(EXOSCALE_ZONES, { error: () => `must be one of ${EXOSCALE_ZONES.join(", ")}` });
const uuid = (what: string) => z.string().regex(UUID, `must be a ${what} UUID`);
const timeouts = z
  .strictObject({
    create: z.number().int().positive().describe("seconds").optional(),
    update: z.number().int().positive().describe("seconds").optional(),
    delete: z.number().int().positive().describe("seconds").optional(),
  })
  .optional();

/** `zone/uuid`, the ID format users type (adoptId, functions). */
export const ZONED_ID = new RegExp(`^(${EXOSCALE_ZONES.join("|")})/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`, "i");

/** Splits a `zone/uuid` ID; throws naming the expected format. */
export function parseZonedId(value: string, property = "id"): { zone: ExoscaleZone; id: string } {
  const match = ZONED_ID.exec(value);
  if (!match) throw new Error(`${property}: "${value}" is not "<zone>/<uuid>" (zones: ${EXOSCALE_ZONES.join(", ")})`);
  return { zone: match[1].toLowerCase() as ExoscaleZone, id: match[2].toLowerCase() };
}

export const ExoscaleInstanceInputs = z.strictObject({
  /** Zone the instance lives in; changing it replaces the instance. */
  zone,
  name: z.string().min(1, "must be 1-255 characters").max(255, "must be 1-255 characters"),
  /** `family.size` (e.g. `standard.medium`) or an instance type UUID. */
  instanceType: z.string().refine((v) => INSTANCE_TYPE.test(v) || UUID.test(v), "must be family.size (e.g. standard.medium) or an instance type UUID"),
  /** Template name (e.g. `Linux Ubuntu 24.04 LTS 64-bit`) or template UUID. */
  template: z.string().min(1, "must be a template name or UUID"),
  /** Root disk in GiB (10..51200); grows in place, shrinking replaces. */
  diskSize: z.number().int("must be a whole number of GiB").min(10, "must be at least 10 GiB").max(51200, "must be at most 51200 GiB").default(10),
  labels: z
    .record(z.string(), z.string().max(255, "label values are at most 255 characters"))
    // Keys are checked here rather than by a key schema, so the failure names the key.
    .superRefine((labels, ctx) => {
      for (const key of Object.keys(labels)) {
        if (key === CREATION_TOKEN_LABEL) ctx.addIssue({ code: "custom", path: [key], message: `"${CREATION_TOKEN_LABEL}" is reserved for the provider` });
        else if (!LABEL_KEY.test(key)) ctx.addIssue({ code: "custom", path: [key], message: "label keys are 1-63 letters, digits, '.', '_', '/' or '-', starting with a letter or digit" });
      }
      // Run even when a value is invalid too, so one preview reports every bad key and value.
    }, { when: (payload) => isPlainObject(payload.value) })
    .optional(),
  /** Plain-text cloud-init; encoded to base64 for the API (at most 32 KiB once encoded). */
  userData: z
    .string()
    .min(1, "must not be empty (omit it instead)")
    .refine((text) => encodedUserDataSize(text) <= 32_768, "must be at most 32 KiB once base64-encoded")
    .optional(),
  publicIpAssignment: z.enum(["inet4", "dual", "none"], { error: () => "must be one of inet4, dual, none" }).optional(),
  /** SSH key names registered in the account; set at creation (changing them replaces). */
  sshKeys: z.array(z.string().min(1, "SSH key names are not empty")).optional(),
  /** Security group UUIDs; set at creation (changing them replaces). */
  securityGroupIds: z.array(uuid("security group")).optional(),
  /** Desired power state; default running. */
  state: z.enum(["running", "stopped"], { error: () => "must be running or stopped" }).default("running"),
  /** Enable TPM: false→true in place (`:enable-tpm`), true→false replaces. */
  tpmEnabled: z.boolean().optional(),
  /** Secure boot, fixed at creation (changing it replaces). */
  secureBootEnabled: z.boolean().optional(),
  /** Any value; change it to reboot the instance. */
  rebootTrigger: z.union([z.string(), z.number()]).optional(),
  /** Any value; change it to reset the instance's password. */
  passwordResetTrigger: z.union([z.string(), z.number()]).optional(),
  /** What a template change does: `replace` (default) a new instance, `reset` reinstalls this one in place. */
  templateChangeStrategy: z.enum(["replace", "reset"], { error: () => "must be replace or reset" }).optional(),
  /** A snapshot of this instance; set or change it to revert the disk to that snapshot. */
  restoreSnapshotId: uuid("snapshot").optional(),
  /** Server-side destruction protection, and the default of Pulumi's `protect` option. */
  deletionProtection: z.boolean().optional(),
  /** Take over an existing instance (`zone/uuid`) instead of creating one. */
  adoptId: z.string().regex(ZONED_ID, `must be "<zone>/<instance uuid>" with a zone among ${EXOSCALE_ZONES.join(", ")}`).optional(),
  /** Wait limits in seconds (default 1200 each). */
  timeouts,
});
export type ExoscaleInstanceInputs = z.infer<typeof ExoscaleInstanceInputs>;

/** Outputs: every input (as the user spelled it, when it still means the same) plus what the API reports. */
export interface ExoscaleInstanceOutputs extends Omit<ExoscaleInstanceInputs, "state"> {
  /** The API's state: running, stopped, or a transitional one (starting, stopping, …). */
  state: string;
  instanceTypeId: string;
  /** `family.size` of the current instance type. */
  instanceTypeName: string;
  cpus?: number;
  /** Memory in bytes. */
  memory?: number;
  templateId: string;
  templateName?: string;
  publicIp?: string;
  ipv6Address?: string;
  macAddress?: string;
  snapshotIds: string[];
  createdAt?: string;
  /** Secret: the password from `:password` (after creation, or the latest reset). */
  password?: string;
  /** Marker label set at creation so a lost create response leads to adoption, not a duplicate. */
  creationToken?: string;
}

export const ExoscaleInstanceSnapshotInputs = z.strictObject({
  /** The instance's UUID. */
  instanceId: uuid("instance"),
  zone,
  timeouts,
});
export type ExoscaleInstanceSnapshotInputs = z.infer<typeof ExoscaleInstanceSnapshotInputs>;

export interface ExoscaleInstanceSnapshotOutputs extends ExoscaleInstanceSnapshotInputs {
  name: string;
  /** snapshotting, ready, exporting, exported, deleting or error. */
  state: string;
  /** Size in GiB. */
  size?: number;
  createdAt?: string;
}
