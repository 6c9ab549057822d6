/** The ScalewayImage resource class (program side). */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResource, instanceOptions, pausePromiseStacks, resourceProps } from "../core/resource";
import { SCALEWAY_IMAGE_OUTPUTS, type ScalewayImageArgs, type ScalewayImageOutputProperties } from "./types";

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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the merged interface holds the output properties, which the engine sets, not this class
export class ScalewayImage extends pulumi.CustomResource {
  /** Reads an existing image by its id, `zone/uuid`, as a read-only resource: Pulumi never changes or deletes it. */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): ScalewayImage {
    return new ScalewayImage(name, {} as ScalewayImageArgs, { ...opts, id });
  }

  constructor(name: string, args: ScalewayImageArgs, opts?: pulumi.CustomResourceOptions) {
    // Every output is listed so it resolves, even when its input is unset (defaults come from the provider).
    const stacks = pausePromiseStacks();
    try {
      super(
        ...dynamicResource(
          "scaleway:Image",
          name,
          resourceProps(SCALEWAY_IMAGE_OUTPUTS, args, name),
          instanceOptions(undefined, opts),
        ),
      );
    } catch (error) {
      throw stacks.failed(error);
    } finally {
      stacks.resume();
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface ScalewayImage extends ScalewayImageOutputProperties {}
