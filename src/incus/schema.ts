/** Inputs and outputs of IncusInstance and IncusInstanceSnapshot, with their validation rules. */
import { z } from "zod";

/** Incus instance names: 1-63 letters, digits or dashes, starting with a letter, not ending with a dash. */
export const INSTANCE_NAME = /^[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
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
const ConfigValue = z.union([z.string(), z.number(), z.boolean()]).transform((value) => String(value));

const ConfigMap = z.record(z.string().min(1, "config keys cannot be empty"), ConfigValue).superRefine((config, ctx) => {
  for (const key of Object.keys(config)) {
    if (key.startsWith("volatile.")) {
      ctx.addIssue({ code: "custom", path: [key], message: `"${key}": volatile.* keys belong to the daemon and cannot be set` });
    } else if (key === PROTECTION_KEY) {
      ctx.addIssue({ code: "custom", path: [key], message: `set deletionProtection: true instead of config "${PROTECTION_KEY}" (it also sets Pulumi's protect option)` });
    } else if (key === CREATION_TOKEN_KEY) {
      ctx.addIssue({ code: "custom", path: [key], message: `"${key}" is reserved for the provider's creation token` });
    }
  }
});

const Device = z.record(z.string().min(1), ConfigValue).refine((device) => typeof device.type === "string" && device.type !== "", {
  message: 'every device needs a "type" (e.g. disk, nic, proxy, unix-char, gpu)',
  path: ["type"],
});

/** Allowed `type` values. */
export const INSTANCE_TYPES = ["container", "virtual-machine"] as const;
/** Allowed `state` values. */
export const POWER_STATES = ["running", "stopped"] as const;
/** Allowed `imageProtocol` values. */
export const IMAGE_PROTOCOLS = ["simplestreams", "incus", "lxd", "oci"] as const;

/** Timeouts in seconds for the long steps. */
const Timeouts = z
  .strictObject({
    create: z.number().int().positive().describe("seconds").optional(),
    update: z.number().int().positive().describe("seconds").optional(),
    delete: z.number().int().positive().describe("seconds").optional(),
  })
  .optional();

/** `name` or `project/name`. */
export const INSTANCE_ID = /^(?:([A-Za-z0-9][A-Za-z0-9_.-]{0,62})\/)?([A-Za-z][A-Za-z0-9-]{0,62})$/;

/** IncusInstance inputs, with defaults and the rules `check` reports by property. */
export const IncusInstanceInputs = z
  .strictObject({
    /** Instance name, unique in its project. */
    name: z.string().regex(INSTANCE_NAME, INSTANCE_NAME_RULE),
    /** Image: a local alias ("busybox") or fingerprint (or a unique prefix of 12+ hex digits); with imageServer, an alias on that server. */
    image: z.string().min(1, "must name an image: a local alias such as busybox or a fingerprint").optional(),
    /** Remote image server URL (e.g. https://images.linuxcontainers.org); only used when creating. */
    imageServer: z.url({ protocol: /^https?$/, error: "must be an http(s) URL of an image server" }).optional(),
    /** Protocol of imageServer; only used when creating. */
    imageProtocol: z.enum(IMAGE_PROTOCOLS, { error: `must be one of ${IMAGE_PROTOCOLS.join(", ")}` }).optional(),
    type: z.enum(INSTANCE_TYPES, { error: `must be one of ${INSTANCE_TYPES.join(", ")}` }).default("container"),
    /** Profiles in order (later ones win); unset keeps what the instance has (a new one gets "default"). */
    profiles: z.array(z.string().min(1, "profile names cannot be empty")).optional(),
    /** Instance config keys you manage; keys you never set (volatile.*, image.*, …) are left alone and never diffed. */
    config: ConfigMap.optional(),
    /** Devices you manage, by name; each needs a "type". */
    devices: z.record(z.string().regex(DEVICE_NAME, "device names are letters, digits, '.', '_', ':' or '-'"), Device).optional(),
    description: z.string().optional(),
    /** Desired power state; default running. */
    state: z.enum(POWER_STATES, { error: `must be one of ${POWER_STATES.join(", ")}` }).default("running"),
    /** Sets security.protection.delete on the server, and Pulumi's protect option unless you set it. */
    deletionProtection: z.boolean().optional(),
    /** Project; default incus:project / INCUS_PROJECT, else the server's default project. */
    project: z.string().regex(PROJECT_NAME, PROJECT_NAME_RULE).optional(),
    /** Take over an existing instance, "name" or "project/name", instead of creating one. */
    adoptId: z.string().regex(INSTANCE_ID, `must be "name" or "project/name" (instance names ${INSTANCE_NAME_RULE})`).optional(),
    /** Seconds a clean shutdown may take before the instance is stopped by force; default 30. */
    stopTimeout: z.number().int().positive().max(3600).optional(),
    timeouts: Timeouts,
  })
  .superRefine((inputs, ctx) => {
    if (inputs.image === undefined && inputs.adoptId === undefined) {
      ctx.addIssue({ code: "custom", path: ["image"], message: 'required to create an instance: a local alias such as "busybox" or an image fingerprint (optional only with adoptId)' });
    }
    if (inputs.imageProtocol !== undefined && inputs.imageServer === undefined) {
      ctx.addIssue({ code: "custom", path: ["imageProtocol"], message: "only applies together with imageServer" });
    }
    const adopt = inputs.adoptId === undefined ? undefined : INSTANCE_ID.exec(inputs.adoptId);
    if (adopt) {
      if (adopt[2] !== inputs.name) ctx.addIssue({ code: "custom", path: ["adoptId"], message: `names instance "${adopt[2]}" but name is "${inputs.name}"; they must agree` });
      if (adopt[1] !== undefined && inputs.project !== undefined && adopt[1] !== inputs.project) {
        ctx.addIssue({ code: "custom", path: ["adoptId"], message: `is in project "${adopt[1]}" but project is "${inputs.project}"; they must agree` });
      }
    }
  });
export type IncusInstanceInputs = z.infer<typeof IncusInstanceInputs>;

/** Outputs: the inputs as the server has them, plus what the server reports. */
export interface IncusInstanceOutputs extends Omit<IncusInstanceInputs, "state"> {
  /** running, stopped, or another lower-case daemon status (frozen, error) seen on refresh. */
  state: string;
  /** The daemon's status text: Running, Stopped, Frozen, … */
  status: string;
  /** The project the instance lives in. */
  project: string;
  /** Fingerprint of the image the instance was created from (volatile.base_image), read back from the server. */
  imageFingerprint?: string;
  /** Local aliases of that image when last read, so writing an alias later is not mistaken for a new image. */
  imageAliases?: string[];
  architecture: string;
  /** volatile.uuid: stays the same across restarts, changes when the instance is recreated. */
  uuid?: string;
  createdAt: string;
  location?: string;
  /** Token stored in config at creation so a lost create response leads to adoption, not a conflict. */
  creationToken?: string;
}

/** `instance/snapshot` or `project/instance/snapshot`. */
export const SNAPSHOT_ID = /^(?:([A-Za-z0-9][A-Za-z0-9_.-]{0,62})\/)?([A-Za-z][A-Za-z0-9-]{0,62})\/([^/\s][^/]{0,62})$/;

/** IncusInstanceSnapshot inputs, with the rules `check` reports by property. */
export const IncusInstanceSnapshotInputs = z
  .strictObject({
    /** Name of the instance to snapshot. */
    instance: z.string().regex(INSTANCE_NAME, `instance names ${INSTANCE_NAME_RULE}`),
    /** Snapshot name, unique per instance. */
    name: z.string().regex(SNAPSHOT_NAME, "must be 1-63 characters without '/' and not start with a space"),
    /** Include the running state (memory); needs CRIU on the server for containers. */
    stateful: z.boolean().optional(),
    /** When the daemon deletes the snapshot by itself (ISO 8601 date-time); changed in place. */
    expiresAt: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2030-01-01T00:00:00Z" }).optional(),
    project: z.string().regex(PROJECT_NAME, PROJECT_NAME_RULE).optional(),
    /** Take over an existing snapshot, "instance/snapshot" or "project/instance/snapshot". */
    adoptId: z.string().regex(SNAPSHOT_ID, 'must be "instance/snapshot" or "project/instance/snapshot"').optional(),
    timeouts: Timeouts,
  })
  .superRefine((inputs, ctx) => {
    const adopt = inputs.adoptId === undefined ? undefined : SNAPSHOT_ID.exec(inputs.adoptId);
    if (adopt && (adopt[2] !== inputs.instance || adopt[3] !== inputs.name)) {
      ctx.addIssue({ code: "custom", path: ["adoptId"], message: `names "${adopt[2]}/${adopt[3]}" but instance/name are "${inputs.instance}/${inputs.name}"; they must agree` });
    }
  });
export type IncusInstanceSnapshotInputs = z.infer<typeof IncusInstanceSnapshotInputs>;

/** Snapshot outputs. */
export interface IncusInstanceSnapshotOutputs extends IncusInstanceSnapshotInputs {
  project: string;
  createdAt: string;
  /** Bytes used, when the daemon reports it. */
  size?: number;
}
