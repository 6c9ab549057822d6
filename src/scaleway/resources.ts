/** The Scaleway resource class (program side), made from its entry in src/kinds.ts. */
import { resourceClass } from "../core/resource-class";
import { kindOf } from "../kinds";
import { SCALEWAY_IMAGE_OUTPUTS, type ScalewayImageArgs, type ScalewayImage as ScalewayImageResource } from "./types";

/**
 * An Instance image on Scaleway, built from a snapshot (CreateImage). Create waits until the image is available;
 * name, arch, tags, public and extra volumes change in place. Deleting the image keeps its
 * snapshots. Its `id` is `zone/uuid`, the form `ScalewayImage.get`, `adoptId` and the functions
 * take. Credentials: `scaleway:secretKey`, or SCW_SECRET_KEY.
 *
 * @example
 * ```ts
 * import { ScalewayImage, getScalewayImageOutput } from "pulumi-dynamic-compute";
 *
 * const image = new ScalewayImage("golden", {
 *   zone: "fr-par-1",
 *   rootVolume: "8974e558-c9d2-4687-897c-787972f51631", // a snapshot UUID in that zone
 *   tags: ["golden", "ubuntu"],
 * });
 * export const imageId = image.id; // "fr-par-1/<uuid>"
 * export const state = getScalewayImageOutput({ id: image.id }).state;
 * ```
 */
export const ScalewayImage = resourceClass<ScalewayImageArgs, ScalewayImageResource>(
  kindOf("ScalewayImage"),
  SCALEWAY_IMAGE_OUTPUTS,
);
export type ScalewayImage = ScalewayImageResource;
