/**
 * The API's image object in our names: the resource's outputs, the functions' result, and the two
 * fields that differ in shape: extra volumes (a map keyed by position ↔ an ordered list of snapshot
 * ids) and tags (the user's ↔ the creation-token tag).
 */
import type { ApiScalewayImage } from "./client";
import { CREATION_TOKEN_TAG_PREFIX, type ScalewayImageInputs, type ScalewayImageOutputs } from "./schema";
import type { GetScalewayImageResult } from "./types";

/** {"1": {id}, "2": {id}} from an ordered list of snapshot ids. */
export function toExtraVolumes(ids: string[]): Record<string, { id: string }> {
  return Object.fromEntries(ids.map((id, index) => [String(index + 1), { id }]));
}

/** Ordered snapshot ids from the API's extra_volumes map (keys are positions). */
export function fromExtraVolumes(volumes: ApiScalewayImage["extra_volumes"]): string[] {
  return Object.entries(volumes ?? {})
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, volume]) => volume.id);
}

/** The user's tags and the creation token, split apart from the image's tags. */
export function splitTags(tags: string[] | null | undefined): { tags: string[]; token?: string } {
  const all = tags ?? [];
  const tokenTag = all.find((tag) => tag.startsWith(CREATION_TOKEN_TAG_PREFIX));
  return { tags: all.filter((tag) => tag !== tokenTag), token: tokenTag?.slice(CREATION_TOKEN_TAG_PREFIX.length) };
}

/** Outputs from the API object; fields only the user knows (adoptId, timeouts) come from `known`. */
export function toOutputs(image: ApiScalewayImage, known: Partial<ScalewayImageInputs>): ScalewayImageOutputs {
  const { tags, token } = splitTags(image.tags);
  return {
    name: image.name,
    zone: image.zone,
    project: image.project,
    rootVolume: image.root_volume?.id ?? known.rootVolume ?? "",
    arch: image.arch,
    extraVolumes: fromExtraVolumes(image.extra_volumes),
    tags,
    public: image.public,
    adoptId: known.adoptId,
    timeouts: known.timeouts,
    imageId: image.id,
    organization: image.organization,
    state: image.state,
    creationDate: image.creation_date ?? undefined,
    modificationDate: image.modification_date ?? undefined,
    fromServer: image.from_server || undefined,
    rootVolumeName: image.root_volume?.name,
    rootVolumeSize: image.root_volume?.size,
    rootVolumeType: image.root_volume?.volume_type,
    creationToken: token,
  };
}

function volumeInfo(volume: { id: string; name?: string; size?: number; volume_type?: string }) {
  return { id: volume.id, name: volume.name, size: volume.size, volumeType: volume.volume_type };
}

/** The functions' result: the image with its id as `zone/uuid`, without the creation-token tag. */
export function imageInfo(image: ApiScalewayImage): GetScalewayImageResult {
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
    tags: splitTags(image.tags).tags,
    rootVolume: image.root_volume ? volumeInfo(image.root_volume) : undefined,
    extraVolumes: fromExtraVolumes(extra).map((id) =>
      volumeInfo(Object.values(extra).find((v) => v.id === id) ?? { id }),
    ),
    creationDate: image.creation_date ?? undefined,
    modificationDate: image.modification_date ?? undefined,
    fromServer: image.from_server || undefined,
  };
}
