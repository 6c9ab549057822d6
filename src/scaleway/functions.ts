/**
 * Read-only functions for Scaleway images, each as `fn(args, opts?)` and `fnOutput(args, opts?)`:
 * one image by id or by exact name, and every image matching some filters (all pages). Arguments
 * are validated before any call, and errors name the argument at fault.
 */
import type * as pulumi from "@pulumi/pulumi";
import { parseArguments } from "../core/arguments";
import { ConflictError, NotFoundError } from "../core/errors";
import {
  type FunctionOptions,
  type FunctionOutputOptions,
  type InputArgs,
  inAccount,
  onFirstCall,
  outputForm,
} from "../core/functions";
import type { ApiScalewayImage } from "./client";
import type { GetScalewayImageArgs, GetScalewayImageResult, ListScalewayImagesArgs } from "./types";

export type GetScalewayImageOutputArgs = InputArgs<GetScalewayImageArgs>;
export type ListScalewayImagesOutputArgs = InputArgs<ListScalewayImagesArgs>;
export type ListScalewayImagesResult = GetScalewayImageResult[];

const owner = (operation: string) => ({ cloud: "scaleway", operation });

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on the first call (see core/functions.ts) */
const callTime = onFirstCall(() => ({
  schema: require("./schema") as typeof import("./schema"),
  ScalewayClient: (require("./client") as typeof import("./client")).ScalewayClient,
  imageFields: require("./image-fields") as typeof import("./image-fields"),
}));
/* eslint-enable @typescript-eslint/no-require-imports */

function volumeInfo(volume: { id: string; name?: string; size?: number; volume_type?: string }) {
  return { id: volume.id, name: volume.name, size: volume.size, volumeType: volume.volume_type };
}

function info(image: ApiScalewayImage): GetScalewayImageResult {
  const { imageFields } = callTime();
  const extra = image.extra_volumes ?? {};
  return {
    id: `${image.zone}/${image.id}`,
    uuid: image.id,
    zone: image.zone,
    name: image.name,
    arch: image.arch,
    state: image.state,
    public: image.public,
    project: image.project,
    organization: image.organization,
    tags: imageFields.splitTags(image.tags).tags,
    rootVolume: image.root_volume ? volumeInfo(image.root_volume) : undefined,
    extraVolumes: imageFields
      .fromExtraVolumes(extra)
      .map((id) => volumeInfo(Object.values(extra).find((v) => v.id === id) ?? { id })),
    creationDate: image.creation_date ?? undefined,
    modificationDate: image.modification_date ?? undefined,
    fromServer: image.from_server || undefined,
  };
}

/**
 * One image, by `id` (GET) or by exact `name` in a zone (ListImages, all pages, then an exact match,
 * narrowed by `arch`, `project` and `public` when given). Rejects with NotFoundError when nothing
 * matches, and with a ConflictError listing the candidates when several do.
 */
export async function getScalewayImage(
  args: GetScalewayImageArgs,
  opts?: FunctionOptions,
): Promise<GetScalewayImageResult> {
  return inAccount(opts, async () => {
    const { schema, ScalewayClient } = callTime();
    const parsed = parseArguments(schema.GetScalewayImageArgs, args, owner("getScalewayImage"));
    const client = ScalewayClient.fromSettings();
    if (parsed.id !== undefined) {
      const { zone, id } = parsed.id.includes("/")
        ? schema.parseZonedId(parsed.id)
        : { zone: parsed.zone ?? client.defaultZone, id: parsed.id };
      return info(await client.getImage(zone, id));
    }
    const zone = parsed.zone ?? client.defaultZone;
    const name = parsed.name as string;
    const candidates = await client.listImages(zone, {
      name,
      arch: parsed.arch,
      project: parsed.project,
      public: parsed.public,
    });
    const exact = candidates.filter((image) => image.name === name);
    if (exact.length === 1) return info(exact[0]);
    if (exact.length === 0) {
      const near = candidates.slice(0, 5).map((image) => `"${image.name}"`);
      throw new NotFoundError(`no image is named exactly "${name}" in ${zone}`, {
        cloud: "scaleway",
        operation: "listImages",
        vendorMessage:
          near.length > 0 ? `names containing it: ${near.join(", ")}${candidates.length > 5 ? ", …" : ""}` : undefined,
      });
    }
    const listed = exact.map(
      (image) => `${image.zone}/${image.id} (${image.arch}, ${image.public ? "public" : `project ${image.project}`})`,
    );
    throw new ConflictError(
      `${exact.length} images in ${zone} are named "${name}": ${listed.join(", ")}; narrow it down with arch, project or public, or pass id`,
      owner("getScalewayImage"),
    );
  });
}

/** {@link getScalewayImage} taking Inputs, e.g. `getScalewayImageOutput({ id: image.id })`. */
export function getScalewayImageOutput(
  args: GetScalewayImageOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<GetScalewayImageResult> {
  return outputForm(getScalewayImage, args, opts);
}

/** Every image in a zone matching the filters (ListImages, following every page). */
export async function listScalewayImages(
  args: ListScalewayImagesArgs = {},
  opts?: FunctionOptions,
): Promise<ListScalewayImagesResult> {
  return inAccount(opts, async () => {
    const { schema, ScalewayClient } = callTime();
    const parsed = parseArguments(schema.ListScalewayImagesArgs, args, owner("listScalewayImages"));
    const client = ScalewayClient.fromSettings();
    const { zone, perPage, ...filters } = parsed;
    return (await client.listImages(zone ?? client.defaultZone, filters, perPage)).map(info);
  });
}

/** {@link listScalewayImages} taking Inputs. */
export function listScalewayImagesOutput(
  args: ListScalewayImagesOutputArgs = {},
  opts?: FunctionOutputOptions,
): pulumi.Output<ListScalewayImagesResult> {
  return outputForm(listScalewayImages, args, opts);
}
