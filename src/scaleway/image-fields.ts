/**
 * Conversions between the API's image fields and the resource's: extra volumes (a map keyed by
 * position ↔ an ordered list of snapshot ids) and tags (the user's ↔ the creation-token tag).
 */
import type { ApiScalewayImage } from "./client";
import { CREATION_TOKEN_TAG_PREFIX } from "./schema";

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
