/**
 * ScalewayImage lifecycle on the Instance API v1 images. The resource ID is "zone/uuid".
 *
 * - create: POST, then wait for state "available". The request carries a creation-token tag; before
 *   creating, and after an ambiguous failure (lost response, 5xx), the provider looks for an image
 *   with that tag and adopts it, so a retry never makes a duplicate.
 * - No orphans: an image that ends in state "error" is useless, so it is deleted before the error is
 *   reported (its snapshots are never touched); if that delete fails, or waiting times out, the image
 *   is kept in state (PartialCreateError) so the next `pulumi up` finishes or replaces it.
 * - update: name, arch, tags, public and extraVolumes go through PATCH (UpdateImage). Removing every
 *   extra volume cannot be said with PATCH (an empty `extra_volumes` is "not sent", as the official
 *   SDK's omitempty makes it), so that change is a read-modify-write of the whole image with PUT
 *   (SetImage). rootVolume, zone and project replace the image.
 * - delete: waits out "creating", tolerates 404, and leaves the snapshots alone.
 */
import { CREATION_TOKEN_LABEL, creationToken, sendCreate } from "../core/creation-token";
import { sameSet, sameValue } from "../core/diff";
import { InvalidArgumentsError, isNotFound, OperationFailedError } from "../core/errors";
import { timeoutMs } from "../core/timeouts";
import type { ResourceContext, ResourceDefinition } from "../core/provider";
import { PartialCreateError, settleLookups } from "../core/provider";
import { containsUnknown } from "../core/validation";
import { pollUntil } from "../core/waiter";
import { type ApiScalewayImage, ScalewayClient, type UpdateImageBody } from "./client";
import { fromExtraVolumes, splitTags, toExtraVolumes, toOutputs } from "./mapping";
import { CREATION_TOKEN_TAG_PREFIX, parseZonedId, ScalewayImageInputs, type ScalewayImageOutputs } from "./schema";

const DEFAULT_TIMEOUTS = { create: 30 * 60, update: 10 * 60, delete: 10 * 60 };

/** The PATCH that makes `image` match `inputs`, or undefined when it already does. */
export function patchFor(
  image: ApiScalewayImage,
  inputs: ScalewayImageInputs,
  name: string,
): UpdateImageBody | undefined {
  const current = toOutputs(image, inputs);
  const differs =
    current.name !== name ||
    current.arch !== inputs.arch ||
    current.public !== inputs.public ||
    !sameSet(current.tags, inputs.tags) ||
    !sameValue(current.extraVolumes, inputs.extraVolumes);
  if (!differs) return undefined;
  const { token } = splitTags(image.tags);
  // Every mutable field is sent with its absolute value (as the Terraform provider does): the
  // request means the same whatever the image looked like, so a repeat is harmless.
  return {
    name,
    arch: inputs.arch,
    public: inputs.public,
    tags: [...inputs.tags, ...(token ? [`${CREATION_TOKEN_TAG_PREFIX}${token}`] : [])],
    ...(inputs.extraVolumes.length > 0 ? { extra_volumes: toExtraVolumes(inputs.extraVolumes) } : {}),
  };
}

/** True when the change needs SetImage: removing the last extra volume, which PATCH cannot express. */
export function needsSetImage(image: ApiScalewayImage, inputs: ScalewayImageInputs): boolean {
  return inputs.extraVolumes.length === 0 && fromExtraVolumes(image.extra_volumes).length > 0;
}

/**
 * The whole image for SetImage: what was read, with the patch applied. The read's
 * `"default_bootscript": null` is left out, as the official SDK's SetImage leaves it out (omitempty).
 */
export function wholeImage(image: ApiScalewayImage, patch: UpdateImageBody): ApiScalewayImage {
  const { default_bootscript, ...read } = image;
  return {
    ...read,
    ...(default_bootscript == null ? {} : { default_bootscript }),
    ...patch,
    extra_volumes: patch.extra_volumes ?? {},
  };
}

/** Polls until the image leaves "creating"; with `requireAvailable`, an "error" state fails. */
async function waitSettled(
  client: ScalewayClient,
  zone: string,
  id: string,
  ctx: ResourceContext,
  timeoutMs: number,
  requireAvailable: boolean,
): Promise<ApiScalewayImage> {
  return pollUntil({
    what: `image ${zone}/${id}`,
    cloud: "scaleway",
    operation: "getImage",
    timeoutMs,
    log: ctx.log,
    poll: () => client.getImage(zone, id),
    status: (image) => ({
      state: image.state,
      done: image.state !== "creating",
      failure:
        requireAvailable && image.state === "error"
          ? `image "${image.name}" (${zone}/${id}, root volume ${image.root_volume?.id ?? "?"}, arch ${image.arch}) could not be built`
          : undefined,
    }),
  });
}

async function findByToken(
  client: ScalewayClient,
  zone: string,
  project: string,
  token: string,
): Promise<ApiScalewayImage | undefined> {
  const images = await client.listImages(zone, { project, tags: [`${CREATION_TOKEN_TAG_PREFIX}${token}`] });
  return images.find((image) => splitTags(image.tags).token === token);
}

/** Waits for a new image, removes it if it failed to build, and returns the outputs. */
async function finishCreate(
  client: ScalewayClient,
  image: ApiScalewayImage,
  inputs: ScalewayImageInputs,
  ctx: ResourceContext,
): Promise<{ id: string; outs: ScalewayImageOutputs }> {
  const id = `${image.zone}/${image.id}`;
  try {
    const ready = await waitSettled(
      client,
      image.zone,
      image.id,
      ctx,
      timeoutMs(inputs.timeouts?.create, DEFAULT_TIMEOUTS.create),
      true,
    );
    return { id, outs: toOutputs(ready, inputs) };
  } catch (error) {
    if (error instanceof OperationFailedError) {
      ctx.log.warn(
        `image ${id} ended in state "error"; deleting it so that nothing is left behind (its snapshots are kept)`,
      );
      try {
        await client.deleteImage(image.zone, image.id);
      } catch (cleanupError) {
        if (!isNotFound(cleanupError))
          throw new PartialCreateError(
            id,
            toOutputs({ ...image, state: "error" }, inputs),
            `${error.message}; deleting it also failed: ${(cleanupError as Error).message}`,
          );
      }
      throw error;
    }
    throw new PartialCreateError(id, toOutputs(image, inputs), error);
  }
}

/** The image `adoptId` names, settled, as outputs (the provider's adoption compares and converges). */
async function readForAdoption(
  adoptId: string,
  known: Partial<ScalewayImageInputs>,
  ctx: ResourceContext,
): Promise<{ id: string; outs: ScalewayImageOutputs }> {
  const target = parseZonedId(adoptId);
  const client = ScalewayClient.fromSettings(ctx.log);
  const image = await client.getImage(target.zone, target.id);
  const settled =
    image.state === "creating"
      ? await waitSettled(
          client,
          target.zone,
          target.id,
          ctx,
          timeoutMs(known.timeouts?.create, DEFAULT_TIMEOUTS.create),
          true,
        )
      : image;
  return { id: `${target.zone}/${target.id}`, outs: toOutputs(settled, known) };
}

/** Brings a settled image to the inputs with PATCH, or PUT when PATCH cannot express the change. */
async function applyChanges(
  client: ScalewayClient,
  image: ApiScalewayImage,
  inputs: ScalewayImageInputs,
  name: string,
  ctx: ResourceContext,
): Promise<ApiScalewayImage> {
  const patch = patchFor(image, inputs, name);
  if (!patch) return image;
  if (needsSetImage(image, inputs)) {
    ctx.log.progress(
      `removing every extra volume: writing the whole image with SetImage (PUT), which PATCH cannot express`,
    );
    // Read-modify-write: start from a fresh read so no concurrent change is undone.
    const fresh = await client.getImage(image.zone, image.id);
    const freshPatch = patchFor(fresh, inputs, name);
    return freshPatch ? client.setImage(image.zone, image.id, wholeImage(fresh, freshPatch)) : fresh;
  }
  return client.updateImage(image.zone, image.id, patch);
}

/** The image name: the input, else the resource's own name. */
function nameFor(inputs: ScalewayImageInputs, ctx: ResourceContext, known?: string): string {
  return inputs.name ?? known ?? (ctx.identity.split("/").pop() || "pulumi-image");
}

/** An input that, when unset, keeps whatever the image has (zone, project and name get defaults). */
const unsetKeeps = (previous: unknown, next: unknown) =>
  next === undefined || next === null || sameValue(previous, next);

export const scalewayImageDefinition: ResourceDefinition<ScalewayImageInputs, ScalewayImageOutputs> = {
  kind: "scaleway:Image",
  inputs: ScalewayImageInputs,
  fields: {
    name: { equals: unsetKeeps },
    zone: { equals: unsetKeeps, replaceIf: () => true },
    project: { equals: unsetKeeps, replaceIf: () => true },
    rootVolume: "replace",
    arch: "update",
    extraVolumes: "update",
    tags: { equals: sameSet },
    public: "update",
    adoptId: "ignore",
    timeouts: "ignore",
  },

  // The settings create needs, and the snapshots it would be refused for (404 instance_snapshot).
  async preflight(inputs, scope, ctx) {
    ScalewayClient.checkCredentials();
    const client = ScalewayClient.fromSettings(ctx.log);
    if (scope.changed("project")) client.projectFor(inputs.project);
    if (containsUnknown(inputs.zone)) return;
    const zone = inputs.zone ?? client.defaultZone;
    const snapshot = (argument: string, id: string) =>
      client.getSnapshot(zone, id).catch((error) => {
        if (!isNotFound(error)) throw error;
        throw new InvalidArgumentsError([
          { argument, reason: `no snapshot ${id} in ${zone} (${(error as Error).message})` },
        ]);
      });
    await settleLookups([
      ...(scope.changed("rootVolume") ? [snapshot("rootVolume", inputs.rootVolume)] : []),
      ...(scope.changed("extraVolumes")
        ? (inputs.extraVolumes ?? []).map((id, index) => snapshot(`extraVolumes[${index}]`, id))
        : []),
    ]);
  },

  adopt: { read: readForAdoption },

  async create(inputs, ctx) {
    const client = ScalewayClient.fromSettings(ctx.log);
    const name = nameFor(inputs, ctx);
    const zone = inputs.zone ?? client.defaultZone;
    const project = client.projectFor(inputs.project);
    const { timeouts: _timeouts, ...tokenInputs } = inputs;
    const token = creationToken(ctx.identity, { ...tokenInputs, zone, project });
    const earlier = await findByToken(client, zone, project, token);
    if (earlier) {
      ctx.log.info(
        `found image ${zone}/${earlier.id} created by an earlier attempt whose response was lost; adopting it`,
      );
      return finishCreate(client, earlier, inputs, ctx);
    }
    const outcome = await sendCreate({
      create: () =>
        client.createImage(zone, {
          name,
          root_volume: inputs.rootVolume,
          arch: inputs.arch,
          ...(inputs.extraVolumes.length > 0 ? { extra_volumes: toExtraVolumes(inputs.extraVolumes) } : {}),
          project,
          tags: [...inputs.tags, `${CREATION_TOKEN_LABEL}=${token}`],
          public: inputs.public,
        }),
      find: () => findByToken(client, zone, project, token),
      log: ctx.log,
      what: `create image ${name}`,
    });
    let created: ApiScalewayImage;
    if ("created" in outcome) {
      created = outcome.created;
      ctx.log.progress(`created image ${zone}/${created.id}, waiting for it to be available`);
    } else {
      ctx.log.info(
        `create failed (${(outcome.failure as Error).message}) but the image exists as ${zone}/${outcome.found.id}; adopting it`,
      );
      created = outcome.found;
    }
    return finishCreate(client, created, inputs, ctx);
  },

  async read(id, olds) {
    const client = ScalewayClient.fromSettings();
    const { zone, id: imageId } = parseZonedId(id);
    try {
      return toOutputs(await client.getImage(zone, imageId), olds);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },

  async update(id, olds, news, ctx) {
    const client = ScalewayClient.fromSettings(ctx.log);
    const { zone, id: imageId } = parseZonedId(id);
    // Also finishes an image kept in state by an earlier create that stopped waiting.
    const settled = await waitSettled(
      client,
      zone,
      imageId,
      ctx,
      timeoutMs(news.timeouts?.update, DEFAULT_TIMEOUTS.update),
      true,
    );
    const updated = await applyChanges(client, settled, news, nameFor(news, ctx, olds.name), ctx);
    return toOutputs(updated, news);
  },

  async delete(id, _olds, ctx) {
    const client = ScalewayClient.fromSettings(ctx.log);
    const { zone, id: imageId } = parseZonedId(id);
    try {
      await client.deleteImage(zone, imageId);
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
  },
};
