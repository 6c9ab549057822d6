/**
 * The one description of ScalewayImage and its functions: inputs with the rules `check` applies
 * before any API call, outputs, and each function's arguments and result. The public TypeScript
 * types (types.ts) are printed from these schemas, descriptions included.
 */
import { z } from "zod";
import { CREATION_TOKEN_LABEL } from "../core/creation-token";
import { InvalidArgumentsError } from "../core/errors";
import { UUID_PATTERN, UUID_SOURCE } from "../core/ids";

/** Zones of the Instance API at the time of writing; others of the same form are accepted too. */
export const KNOWN_ZONES = [
  "fr-par-1",
  "fr-par-2",
  "fr-par-3",
  "nl-ams-1",
  "nl-ams-2",
  "nl-ams-3",
  "pl-waw-1",
  "pl-waw-2",
  "pl-waw-3",
];
const ARCHES = ["x86_64", "arm", "arm64"] as const;

const ZONE_PATTERN = /^[a-z]{2}-[a-z]{3}-[1-9]$/;

const Uuid = z.string().regex(UUID_PATTERN, "must be a UUID such as 8974e558-c9d2-4687-897c-787972f51631");
const ZONE_HINT = `must be a zone such as ${KNOWN_ZONES.join(", ")}`;
const Zone = z.string({ error: ZONE_HINT }).regex(ZONE_PATTERN, ZONE_HINT);
/** "zone/uuid", the ID users type for adoptId and the functions (as `terraform import` takes it). */
const ZonedId = z
  .string()
  .regex(
    new RegExp(`^${ZONE_PATTERN.source.slice(1, -1)}/${UUID_SOURCE}$`, "i"),
    "must be zone/uuid, e.g. fr-par-1/8974e558-c9d2-4687-897c-787972f51631",
  );

/** The tag that carries the creation token on the image (Scaleway tags are plain strings). */
export const CREATION_TOKEN_TAG_PREFIX = `${CREATION_TOKEN_LABEL}=`;

const Seconds = z.number().int().positive();
const ARCH_RULE = `must be one of ${ARCHES.join(", ")}`;

const imageInputShape = {
  name: z
    .string()
    .min(1, "must not be empty")
    .max(255, "must be at most 255 characters")
    .optional()
    .describe(
      "Image name; the resource's name when unset. Renamed in place; unsetting it later keeps the current name.",
    ),
  zone: Zone.optional().describe(
    "Zone, e.g. `fr-par-1`; `scaleway:zone`, SCW_DEFAULT_ZONE, then fr-par-1 when unset. Changing it replaces the image.",
  ),
  project: Uuid.optional().describe(
    "Project UUID; `scaleway:projectId` or SCW_DEFAULT_PROJECT_ID when unset. Changing it replaces the image.",
  ),
  rootVolume: Uuid.describe(
    "UUID of the snapshot that becomes the image's root volume (in the image's zone). Changing it replaces the image.",
  ),
  arch: z
    .enum(ARCHES, { error: ARCH_RULE })
    .default("x86_64")
    .describe("CPU architecture: `x86_64`, `arm` or `arm64`; updated in place."),
  // A refinement, not .max(): zod applies .max() to a string given instead of a list too.
  extraVolumes: z
    .array(Uuid)
    .refine((volumes) => volumes.length <= 15, "at most 15 extra volumes")
    .default([])
    .describe("Snapshot UUIDs of additional volumes, in order (positions 1, 2, …); updated in place."),
  tags: z
    .array(
      z
        .string()
        .min(1, "tags must not be empty")
        .max(128, "tags are at most 128 characters")
        .refine(
          (tag) => !tag.startsWith(CREATION_TOKEN_TAG_PREFIX),
          `the "${CREATION_TOKEN_TAG_PREFIX}" tag is reserved for the provider`,
        ),
    )
    .default([])
    .describe("Tags (order does not matter); updated in place."),
  public: z.boolean().default(false).describe("Share the image with every Scaleway user; updated in place."),
  adoptId: ZonedId.optional().describe(
    "Take over an existing image, `zone/uuid`, instead of creating one: inputs left unset take the image's values, and a difference that cannot change in place is refused.",
  ),
  timeouts: z
    .strictObject({
      create: Seconds.optional().describe("Seconds to wait for the image to be available (default 1800)."),
      update: Seconds.optional().describe("Seconds to wait for an update (default 600)."),
      delete: Seconds.optional().describe("Seconds to wait for the delete (default 600)."),
    })
    .optional()
    .describe("Wait limits in seconds: dynamic resources do not receive Pulumi's customTimeouts."),
};

export const ScalewayImageInputs = z.strictObject(imageInputShape).superRefine((inputs, issues) => {
  if (inputs.extraVolumes.includes(inputs.rootVolume))
    issues.addIssue({ code: "custom", path: ["extraVolumes"], message: "must not repeat the rootVolume snapshot" });
  if (new Set(inputs.extraVolumes).size !== inputs.extraVolumes.length)
    issues.addIssue({ code: "custom", path: ["extraVolumes"], message: "must not list a snapshot twice" });
  // Only a well-formed adoptId can be compared (the refinement also runs when it is malformed).
  if (
    inputs.adoptId &&
    inputs.zone &&
    ZonedId.safeParse(inputs.adoptId).success &&
    !inputs.adoptId.startsWith(`${inputs.zone}/`)
  )
    issues.addIssue({ code: "custom", path: ["adoptId"], message: `is in another zone than zone "${inputs.zone}"` });
});
export type ScalewayImageInputs = z.infer<typeof ScalewayImageInputs>;

/** What the API reports about an image besides its definition. */
const imageState = {
  organization: z.string().describe("Organization that owns the image."),
  state: z.string().describe("`creating`, `available` or `error`."),
  creationDate: z.string().optional().describe("When the image was created (RFC 3339)."),
  modificationDate: z.string().optional().describe("When it was last modified (RFC 3339)."),
  fromServer: z.string().optional().describe("Server the image was made from, when it was made from one."),
};

/** Outputs: every input (resolved) plus the image's state as the API reports it. */
export const ScalewayImageOutputs = z.object({
  ...imageInputShape,
  name: z.string().describe("Image name."),
  zone: z.string().describe("Zone of the image."),
  project: z.string().describe("Project of the image."),
  imageId: z.string().describe("The image UUID (the resource id is `zone/uuid`)."),
  ...imageState,
  rootVolumeName: z.string().optional().describe("Name of the root volume."),
  rootVolumeSize: z.number().optional().describe("Size of the root volume, in bytes."),
  rootVolumeType: z.string().optional().describe("Volume type of the root volume."),
  creationToken: z.string().optional().meta({
    internal: true,
    description: "Marker tag set at creation so a lost create response leads to adoption, not a duplicate.",
  }),
});
export type ScalewayImageOutputs = z.infer<typeof ScalewayImageOutputs>;

/** Splits "zone/uuid". */
export function parseZonedId(id: string): { zone: string; id: string } {
  const slash = id.indexOf("/");
  if (slash < 0)
    throw new InvalidArgumentsError([{ argument: "id", reason: `"${id}" is not a Scaleway zone/uuid ID` }], {
      cloud: "scaleway",
    });
  return { zone: id.slice(0, slash), id: id.slice(slash + 1) };
}

// Functions.

export const GetScalewayImageArgs = z
  .strictObject({
    id: z
      .union([ZonedId, Uuid], {
        error: "must be zone/uuid, e.g. fr-par-1/8974e558-c9d2-4687-897c-787972f51631, or a UUID with zone",
      })
      .optional()
      .describe("The image's id, `zone/uuid` (as ScalewayImage reports it), or a bare UUID with `zone`."),
    name: z
      .string()
      .min(1)
      .optional()
      .describe("Exact image name (the API's name filter is a substring match; this function filters exactly)."),
    zone: Zone.optional().describe("Zone to look in; `scaleway:zone`, SCW_DEFAULT_ZONE, then fr-par-1 when unset."),
    arch: z.enum(ARCHES, { error: ARCH_RULE }).optional().describe("With `name`: only images of this architecture."),
    project: Uuid.optional().describe("With `name`: only images of this project."),
    public: z.boolean().optional().describe("With `name`: only public (or only private) images."),
  })
  .refine((args) => (args.id === undefined) !== (args.name === undefined), {
    message: "give exactly one of id or name",
    path: ["id"],
  });

const volume = z.object({
  id: z.string().describe("Snapshot UUID."),
  name: z.string().optional().describe("Volume name."),
  size: z.number().optional().describe("Size in bytes."),
  volumeType: z.string().optional().describe("Volume type."),
});

export const GetScalewayImageResult = z.object({
  id: z.string().describe("The image's id, `zone/uuid`: what ScalewayImage reports as its id and what adoptId takes."),
  uuid: z.string().describe("The image UUID."),
  zone: z.string().describe("Zone of the image."),
  name: z.string().describe("Image name."),
  arch: z.string().describe("CPU architecture."),
  public: z.boolean().describe("Whether every Scaleway user can use it."),
  project: z.string().describe("Project of the image."),
  tags: z.array(z.string()).describe("Tags (the provider's own creation marker left out)."),
  rootVolume: volume.optional().describe("The root volume."),
  extraVolumes: z.array(volume).describe("Extra volumes in position order."),
  ...imageState,
});
export type GetScalewayImageResult = z.infer<typeof GetScalewayImageResult>;

export const ListScalewayImagesArgs = z.strictObject({
  zone: Zone.optional().describe("Zone to list; `scaleway:zone`, SCW_DEFAULT_ZONE, then fr-par-1 when unset."),
  name: z.string().min(1).optional().describe("Substring of the name (the API's own filter)."),
  public: z.boolean().optional().describe("Only public (or only private) images."),
  arch: z.enum(ARCHES, { error: ARCH_RULE }).optional().describe("Only images of this architecture."),
  project: Uuid.optional().describe("Only images of this project."),
  organization: Uuid.optional().describe("Only images of this organization."),
  tags: z.array(z.string().min(1)).optional().describe("Only images carrying every one of these tags."),
  perPage: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe("Page size used to walk the list (1-100, default 100)."),
});
