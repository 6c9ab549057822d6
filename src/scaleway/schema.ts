/** Inputs and outputs of ScalewayImage (Instance API v1 images), with their validation rules. */
import { z } from "zod";
import { CREATION_TOKEN_LABEL } from "../core/creation-token";

/** Zones of the Instance API at the time of writing; others of the same form are accepted too. */
export const KNOWN_ZONES = ["fr-par-1", "fr-par-2", "fr-par-3", "nl-ams-1", "nl-ams-2", "nl-ams-3", "pl-waw-1", "pl-waw-2", "pl-waw-3"];
export const ARCHES = ["x86_64", "arm", "arm64"] as const;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZONE_PATTERN = /^[a-z]{2}-[a-z]{3}-[1-9]$/;

export const Uuid = z.string().regex(UUID_PATTERN, "must be a UUID such as 8974e558-c9d2-4687-897c-787972f51631");
const ZONE_HINT = `must be a zone such as ${KNOWN_ZONES.join(", ")}`;
export const Zone = z.string({ error: ZONE_HINT }).regex(ZONE_PATTERN, ZONE_HINT);
/** "zone/uuid", the ID users type for adoptId and the functions (as `terraform import` takes it). */
export const ZonedId = z.string().regex(new RegExp(`^${ZONE_PATTERN.source.slice(1, -1)}/${UUID_PATTERN.source.slice(1, -1)}$`, "i"), "must be zone/uuid, e.g. fr-par-1/8974e558-c9d2-4687-897c-787972f51631");

/** The tag that carries the creation token on the image (Scaleway tags are plain strings). */
export const CREATION_TOKEN_TAG_PREFIX = `${CREATION_TOKEN_LABEL}=`;

const Seconds = z.number().int().positive().describe("seconds");

export const ScalewayImageInputs = z
  .strictObject({
    /** Image name; the resource's name when unset. */
    name: z.string().min(1, "must not be empty").max(255, "must be at most 255 characters").optional(),
    /** Zone; `scaleway:zone`, SCW_DEFAULT_ZONE or fr-par-1 when unset. */
    zone: Zone.optional(),
    /** Project UUID; `scaleway:projectId` or SCW_DEFAULT_PROJECT_ID when unset. */
    project: Uuid.optional(),
    /** UUID of the snapshot that becomes the image's root volume (in the same zone). */
    rootVolume: Uuid,
    arch: z.enum(ARCHES, { error: `must be one of ${ARCHES.join(", ")}` }).default("x86_64"),
    /** Snapshot UUIDs of additional volumes, in order (positions 1, 2, …). */
    // A refinement, not .max(): zod applies .max() to a string given instead of a list too.
    extraVolumes: z
      .array(Uuid)
      .refine((volumes) => volumes.length <= 15, "at most 15 extra volumes")
      .default([]),
    tags: z
      .array(
        z
          .string()
          .min(1, "tags must not be empty")
          .max(128, "tags are at most 128 characters")
          .refine((tag) => !tag.startsWith(CREATION_TOKEN_TAG_PREFIX), `the "${CREATION_TOKEN_TAG_PREFIX}" tag is reserved for the provider`),
      )
      .default([]),
    public: z.boolean().default(false),
    /** Take over this existing image ("zone/uuid") instead of creating one. */
    adoptId: ZonedId.optional(),
    /** How long to wait, in seconds (create 1800, update and delete 600 by default). */
    timeouts: z.strictObject({ create: Seconds.optional(), update: Seconds.optional(), delete: Seconds.optional() }).optional(),
  })
  .superRefine((inputs, issues) => {
    if (inputs.extraVolumes.includes(inputs.rootVolume)) issues.addIssue({ code: "custom", path: ["extraVolumes"], message: "must not repeat the rootVolume snapshot" });
    if (new Set(inputs.extraVolumes).size !== inputs.extraVolumes.length) issues.addIssue({ code: "custom", path: ["extraVolumes"], message: "must not list a snapshot twice" });
    // Only a well-formed adoptId can be compared (the refinement also runs when it is malformed).
    if (inputs.adoptId && inputs.zone && ZonedId.safeParse(inputs.adoptId).success && !inputs.adoptId.startsWith(`${inputs.zone}/`)) issues.addIssue({ code: "custom", path: ["adoptId"], message: `is in another zone than zone "${inputs.zone}"` });
  });
export type ScalewayImageInputs = z.infer<typeof ScalewayImageInputs>;

/** Outputs: every input (resolved) plus the image's state as the API reports it. */
export interface ScalewayImageOutputs extends ScalewayImageInputs {
  name: string;
  zone: string;
  project: string;
  /** The image UUID (the resource ID is "zone/uuid"). */
  imageId: string;
  organization: string;
  /** creating, available or error. */
  state: string;
  creationDate?: string;
  modificationDate?: string;
  /** Server the image was made from, when it was made from one. */
  fromServer?: string;
  rootVolumeName?: string;
  rootVolumeSize?: number;
  rootVolumeType?: string;
  /** Marker tag set at creation so a lost create response leads to adoption, not a duplicate. */
  creationToken?: string;
}

/** Splits "zone/uuid". */
export function parseZonedId(id: string): { zone: string; id: string } {
  const slash = id.indexOf("/");
  if (slash < 0) throw new Error(`"${id}" is not a Scaleway zone/uuid ID`);
  return { zone: id.slice(0, slash), id: id.slice(slash + 1) };
}
