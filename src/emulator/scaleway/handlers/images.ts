/**
 * Image routes of the emulated Scaleway Instance API: list, create, get, UpdateImage (PATCH),
 * SetImage (PUT, whole object) and delete.
 */
import { randomUUID } from "node:crypto";
import { invalidFields, notFound, preconditionFailed, quotasExceeded } from "../errors";
import { type EmulatedImage, now } from "../state";
import { validateCreate, validatePatch, validatePut } from "../validation";
import { busy, editableImage, extraVolumesFrom, imageIn, inZone, listInZone, snapshotIn } from "./zone-lookup";

/** Images a project may hold before `quotas_exceeded` (only reached on purpose, by name). */
const IMAGE_QUOTA = 100;

/** GET /instance/v1/zones/{zone}/images */
export const listImages = inZone((zone, request, { state }) =>
  listInZone(
    request,
    zone,
    "images",
    state.images,
    (image, q) =>
      (!q.has("public") || String(image.public) === q.get("public")) &&
      (!q.get("arch") || image.arch === q.get("arch")),
  ),
);

/** POST /instance/v1/zones/{zone}/images */
export const createImage = inZone((zone, request, { ctx, state, organization }) => {
  const errors = validateCreate(request.body);
  if (Object.keys(errors).length > 0) return invalidFields(errors);
  const body = request.body as {
    name?: string;
    root_volume: string;
    arch: EmulatedImage["arch"];
    extra_volumes?: unknown;
    project?: string;
    organization?: string;
    tags?: string[];
    public?: boolean;
  };
  const root = snapshotIn(state, zone, body.root_volume);
  if (!root) return notFound("instance_snapshot", body.root_volume);
  const extra = extraVolumesFrom(state, zone, body.extra_volumes);
  if (typeof extra === "string") return notFound("instance_snapshot", extra);
  const name = body.name ?? `img-${randomUUID().slice(0, 8)}`;
  if (name.includes("quota-exceeded")) return quotasExceeded("images", IMAGE_QUOTA, IMAGE_QUOTA);
  const created = now();
  const image: EmulatedImage = {
    id: randomUUID(),
    name,
    arch: body.arch,
    creation_date: created,
    modification_date: created,
    default_bootscript: null,
    extra_volumes: extra,
    from_server: "",
    organization: body.organization ?? organization,
    public: body.public ?? false,
    root_volume: { id: root.id, name: root.name, size: root.size, volume_type: root.volume_type },
    state: "creating",
    project: body.project ?? body.organization ?? organization,
    tags: body.tags ?? [],
    zone,
  };
  state.images[image.id] = image;
  ctx.after(ctx.opDelayMs(), () => {
    if (state.images[image.id] !== image) return;
    image.state = name.includes("build-fails") ? "error" : "available";
    image.modification_date = now();
  });
  return { status: 201, body: { image }, headers: { location: `/instance/v1/zones/${zone}/images/${image.id}` } };
});

/** GET /instance/v1/zones/{zone}/images/{image_id} */
export const getImage = inZone((zone, request, { state }) => {
  const image = imageIn(state, zone, request.params.image_id);
  return image ? { status: 200, body: { image } } : notFound("instance_image", request.params.image_id);
});

/** PATCH /instance/v1/zones/{zone}/images/{image_id} (UpdateImage) */
export const updateImage = inZone((zone, request, { state }) => {
  const image = editableImage(state, zone, request, validatePatch);
  if ("status" in image) return image;
  const body = request.body as Partial<{
    name: string;
    arch: EmulatedImage["arch"];
    extra_volumes: Record<string, unknown>;
    tags: string[];
    public: boolean;
  }>;
  // An empty extra_volumes map means "not sent", as for the official SDK (omitempty); SetImage clears them.
  if (body.extra_volumes && Object.keys(body.extra_volumes).length > 0) {
    const extra = extraVolumesFrom(state, zone, body.extra_volumes);
    if (typeof extra === "string") return notFound("instance_snapshot", extra);
    image.extra_volumes = extra;
  }
  if (body.name != null) image.name = body.name;
  if (body.arch != null) image.arch = body.arch;
  if (body.tags != null) image.tags = body.tags;
  if (body.public != null) image.public = body.public;
  image.modification_date = now();
  return { status: 200, body: { image } };
});

/** PUT /instance/v1/zones/{zone}/images/{image_id} (SetImage) */
export const setImage = inZone((zone, request, { state }) => {
  const image = editableImage(state, zone, request, validatePut);
  if ("status" in image) return image;
  const body = request.body as Partial<{
    name: string;
    arch: EmulatedImage["arch"];
    extra_volumes: Record<string, unknown> | null;
    tags: string[] | null;
    public: boolean;
    root_volume: { id: string } | null;
    project: string;
    organization: string;
  }>;
  // The root volume and the owner are fixed at creation; anything else is replaced as sent.
  if (body.root_volume && body.root_volume.id !== image.root_volume.id)
    return invalidFields({ root_volume: ["cannot be changed; create a new image from the other snapshot"] });
  if (body.project && body.project !== image.project) return invalidFields({ project: ["cannot be changed"] });
  if (body.organization && body.organization !== image.organization)
    return invalidFields({ organization: ["cannot be changed"] });
  const extra = extraVolumesFrom(state, zone, body.extra_volumes);
  if (typeof extra === "string") return notFound("instance_snapshot", extra);
  Object.assign(image, {
    name: body.name,
    arch: body.arch,
    extra_volumes: extra,
    tags: body.tags ?? [],
    public: body.public ?? false,
    modification_date: now(),
  });
  return { status: 200, body: { image } };
});

/** DELETE /instance/v1/zones/{zone}/images/{image_id} */
export const deleteImage = inZone((zone, request, { state }) => {
  const image = imageIn(state, zone, request.params.image_id);
  if (!image) return notFound("instance_image", request.params.image_id);
  const conflict = busy(image);
  if (conflict) return conflict;
  if (image.tags.includes("emulator:in-use"))
    return preconditionFailed("resource_still_in_use", "the image is used by a server; delete the server first");
  delete state.images[image.id];
  return { status: 204 };
});
