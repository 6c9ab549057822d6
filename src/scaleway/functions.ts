/**
 * Read-only functions for Scaleway images: one image by ID or by exact name, and every image
 * matching some filters (all pages). Arguments are validated before any call, and errors name the
 * argument at fault.
 */
import { z } from "zod";
import { NotFoundError } from "../core/errors";
import { toPropertyPath } from "../core/validation";
import { type ApiScalewayImage, ScalewayClient } from "./client";
import { fromExtraVolumes } from "./image-fields";
import { ARCHES, parseZonedId, Uuid, Zone, ZonedId } from "./schema";

/** A volume of an image. */
export interface ScalewayImageVolumeInfo {
  /** Snapshot UUID. */
  id: string;
  name?: string;
  /** Bytes. */
  size?: number;
  volumeType?: string;
}

/** An image as the functions return it, in camelCase. */
export interface ScalewayImageInfo {
  /** Image UUID. */
  id: string;
  /** "zone/uuid", the form adoptId takes. */
  zonedId: string;
  zone: string;
  name: string;
  arch: string;
  /** creating, available or error. */
  state: string;
  public: boolean;
  project: string;
  organization: string;
  tags: string[];
  rootVolume?: ScalewayImageVolumeInfo;
  /** Extra volumes in position order. */
  extraVolumes: ScalewayImageVolumeInfo[];
  creationDate?: string;
  modificationDate?: string;
  fromServer?: string;
}

function volumeInfo(volume: { id: string; name?: string; size?: number; volume_type?: string }): ScalewayImageVolumeInfo {
  return { id: volume.id, name: volume.name, size: volume.size, volumeType: volume.volume_type };
}

function info(image: ApiScalewayImage): ScalewayImageInfo {
  const extra = image.extra_volumes ?? {};
  const order = fromExtraVolumes(extra);
  return {
    id: image.id,
    zonedId: `${image.zone}/${image.id}`,
    zone: image.zone,
    name: image.name,
    arch: image.arch,
    state: image.state,
    public: image.public,
    project: image.project,
    organization: image.organization,
    tags: image.tags ?? [],
    rootVolume: image.root_volume ? volumeInfo(image.root_volume) : undefined,
    extraVolumes: order.map((id) => volumeInfo(Object.values(extra).find((v) => v.id === id) ?? { id })),
    creationDate: image.creation_date ?? undefined,
    modificationDate: image.modification_date ?? undefined,
    fromServer: image.from_server || undefined,
  };
}

/** Parses function arguments; throws one error naming every bad argument. */
function parseArgs<T>(fn: string, schema: z.ZodType<T>, args: unknown): T {
  const result = schema.safeParse(args ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${toPropertyPath(issue.path) || "arguments"}: ${issue.code === "unrecognized_keys" ? `unknown argument(s) ${issue.keys.join(", ")}` : issue.message}`);
  throw new Error(`${fn}: invalid arguments: ${problems.join("; ")}`);
}

const GetArgs = z
  .strictObject({
    /** "zone/uuid", or a bare UUID with `zone`. */
    id: z.union([ZonedId, Uuid]).optional(),
    /** Exact image name (the API's name filter is a substring match; this function filters exactly). */
    name: z.string().min(1).optional(),
    zone: Zone.optional(),
    arch: z.enum(ARCHES, { error: `must be one of ${ARCHES.join(", ")}` }).optional(),
    project: Uuid.optional(),
    public: z.boolean().optional(),
  })
  .refine((args) => (args.id === undefined) !== (args.name === undefined), { message: "give exactly one of id or name", path: ["id"] });

/** Arguments of {@link getScalewayImage}: `id` ("zone/uuid" or a UUID), or an exact `name`. */
export type GetScalewayImageArgs = z.input<typeof GetArgs>;

/**
 * One image, by `id` (GET) or by exact `name` in a zone (ListImages, all pages, then an exact match,
 * narrowed by `arch`, `project` and `public` when given). Rejects with NotFoundError when nothing
 * matches, and with an error listing the candidates when several do.
 */
export async function getScalewayImage(args: GetScalewayImageArgs): Promise<ScalewayImageInfo> {
  const parsed = parseArgs("getScalewayImage", GetArgs, args);
  const client = ScalewayClient.fromSettings();
  if (parsed.id !== undefined) {
    const { zone, id } = parsed.id.includes("/") ? parseZonedId(parsed.id) : { zone: parsed.zone ?? client.defaultZone, id: parsed.id };
    return info(await client.getImage(zone, id));
  }
  const zone = parsed.zone ?? client.defaultZone;
  const name = parsed.name as string;
  const candidates = await client.listImages(zone, { name, arch: parsed.arch, project: parsed.project, public: parsed.public });
  const exact = candidates.filter((image) => image.name === name);
  if (exact.length === 1) return info(exact[0]);
  if (exact.length === 0) {
    const near = candidates.slice(0, 5).map((image) => `"${image.name}"`);
    throw new NotFoundError(`no image is named exactly "${name}" in ${zone}`, {
      cloud: "scaleway",
      operation: "listImages",
      vendorMessage: near.length > 0 ? `names containing it: ${near.join(", ")}${candidates.length > 5 ? ", …" : ""}` : undefined,
    });
  }
  const listed = exact.map((image) => `${image.zone}/${image.id} (${image.arch}, ${image.public ? "public" : `project ${image.project}`})`);
  throw new Error(`getScalewayImage: ${exact.length} images in ${zone} are named "${name}": ${listed.join(", ")}; narrow it down with arch, project or public, or pass id`);
}

const ListArgs = z.strictObject({
  zone: Zone.optional(),
  /** Substring of the name (the API's own filter). */
  name: z.string().min(1).optional(),
  public: z.boolean().optional(),
  arch: z.enum(ARCHES, { error: `must be one of ${ARCHES.join(", ")}` }).optional(),
  project: Uuid.optional(),
  organization: Uuid.optional(),
  /** Images carrying every one of these tags. */
  tags: z.array(z.string().min(1)).optional(),
  /** Page size used to walk the list (1-100, default 100). */
  perPage: z.number().int().min(1).max(100).optional(),
});

/** Arguments of {@link listScalewayImages}. */
export type ListScalewayImagesArgs = z.input<typeof ListArgs>;

/** Every image in a zone matching the filters (ListImages, following every page). */
export async function listScalewayImages(args: ListScalewayImagesArgs = {}): Promise<ScalewayImageInfo[]> {
  const parsed = parseArgs("listScalewayImages", ListArgs, args);
  const client = ScalewayClient.fromSettings();
  const { zone, perPage, ...filters } = parsed;
  return (await client.listImages(zone ?? client.defaultZone, filters, perPage)).map(info);
}
