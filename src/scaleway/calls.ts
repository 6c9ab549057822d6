/**
 * The bodies of the Scaleway functions (functions.ts), required on their first call so that
 * importing the package does not load zod and the client.
 */
import { parseArguments } from "../core/arguments";
import { ConflictError, NotFoundError } from "../core/errors";
import { ScalewayClient } from "./client";
import { imageInfo } from "./mapping";
import * as schema from "./schema";
import type * as types from "./types";

const owner = (operation: string) => ({ cloud: "scaleway", operation });

export async function getScalewayImage(args: types.GetScalewayImageArgs): Promise<types.GetScalewayImageResult> {
  const parsed = parseArguments(schema.GetScalewayImageArgs, args, owner("getScalewayImage"));
  const client = ScalewayClient.fromSettings();
  if (parsed.id !== undefined) {
    const { zone, id } = parsed.id.includes("/")
      ? schema.parseZonedId(parsed.id)
      : { zone: parsed.zone ?? client.defaultZone, id: parsed.id };
    return imageInfo(await client.getImage(zone, id));
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
  if (exact.length === 1) return imageInfo(exact[0]);
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
}

export async function listScalewayImages(args: types.ListScalewayImagesArgs): Promise<types.GetScalewayImageResult[]> {
  const parsed = parseArguments(schema.ListScalewayImagesArgs, args, owner("listScalewayImages"));
  const client = ScalewayClient.fromSettings();
  const { zone, perPage, ...filters } = parsed;
  return (await client.listImages(zone ?? client.defaultZone, filters, perPage)).map(imageInfo);
}
