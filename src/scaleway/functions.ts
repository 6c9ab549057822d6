/**
 * Read-only functions for Scaleway images, each as `fn(args, opts?)` and `fnOutput(args, opts?)`:
 * one image by id or by exact name, and every image matching some filters (all pages). Arguments
 * are validated before any call, and errors name the argument at fault.
 */
import { type FunctionOptions, type InputArgs, inAccount, onFirstCall, outputFunction } from "../core/functions";
import type { GetScalewayImageArgs, GetScalewayImageResult, ListScalewayImagesArgs } from "./types";

export type GetScalewayImageOutputArgs = InputArgs<GetScalewayImageArgs>;
export type ListScalewayImagesOutputArgs = InputArgs<ListScalewayImagesArgs>;
export type ListScalewayImagesResult = GetScalewayImageResult[];

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first call (see core/functions.ts)
const calls = onFirstCall(() => require("./calls") as typeof import("./calls"));

/**
 * One image, by `id` (GET) or by exact `name` in a zone (ListImages, all pages, then an exact match,
 * narrowed by `arch`, `project` and `public` when given). Rejects with NotFoundError when nothing
 * matches, and with a ConflictError listing the candidates when several do.
 */
export async function getScalewayImage(
  args: GetScalewayImageArgs,
  opts?: FunctionOptions,
): Promise<GetScalewayImageResult> {
  return inAccount(opts, () => calls().getScalewayImage(args));
}

/** {@link getScalewayImage} taking Inputs, e.g. `getScalewayImageOutput({ id: image.id })`. */
export const getScalewayImageOutput = outputFunction(getScalewayImage);

/** Every image in a zone matching the filters (ListImages, following every page). */
export async function listScalewayImages(
  args: ListScalewayImagesArgs = {},
  opts?: FunctionOptions,
): Promise<ListScalewayImagesResult> {
  return inAccount(opts, () => calls().listScalewayImages(args));
}

/** {@link listScalewayImages} taking Inputs. */
export const listScalewayImagesOutput = outputFunction(listScalewayImages);
