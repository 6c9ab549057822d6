/**
 * Emulated Scaleway Instance API, images surface (`/instance/v1/zones/{zone}/...`): list (paged,
 * `X-Total-Count`, filters), create (201, "creating" → "available" after the op delay), get,
 * UpdateImage (PATCH), SetImage (PUT, whole object), delete (204), and the reads a client of those
 * images makes next: ListSnapshots and GetSnapshot (the root and extra volumes), ListVolumes and
 * GetVolume (a snapshot's base volume). Objects carry every key of the live API, null included
 * (e.g. `"default_bootscript": null`). Every call needs `X-Auth-Token`.
 *
 * Error paths a test can trigger (the real API's bodies, see errors.ts):
 * - a root volume or extra volume that is not a snapshot of that zone → 404 `not_found` (instance_snapshot);
 * - a create whose name contains "quota-exceeded" → 403 `quotas_exceeded`;
 * - a create whose name contains "build-fails" → the image ends in state "error";
 * - PATCH, PUT or DELETE while the image is "creating" → 409 `transient_state`;
 * - DELETE of an image tagged "emulator:in-use" → 412 `precondition_failed`;
 * - a bad body → 400 `invalid_request_error` with `fields`; per_page above 100 → 400 `invalid_arguments`.
 */
import { randomUUID } from "node:crypto";
import type { ApiModule, EmulatorContext } from "../api";
import type { EmulatorRequest, EmulatorResponse, Router } from "../router";
import {
  deniedAuthentication,
  genericError,
  invalidArguments,
  invalidFields,
  notFound,
  preconditionFailed,
  quotasExceeded,
  transientState,
} from "./errors";
import {
  type EmulatedImage,
  type EmulatedVolume,
  imageVolumeFrom,
  SCALEWAY_ZONES,
  type ScalewayState,
  seedScaleway,
} from "./seed";
import { changeScalewayImages } from "./change-objects";
import { seedScalewayImages } from "./seed-objects";
import { validateCreate, validatePatch, validatePut } from "./validation";

export { seededSnapshotId, SCALEWAY_ZONES } from "./seed";

const BASE = "/instance/v1/zones/{zone}";
/** Images a project may hold before `quotas_exceeded` (only reached on purpose, by name). */
const IMAGE_QUOTA = 100;

/** Microsecond RFC 3339 with an explicit offset, the way the Instance API writes dates. */
function now(): string {
  return new Date().toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}

function page<T>(request: EmulatorRequest, items: T[]): { items: T[]; total: number } | EmulatorResponse {
  const perPage = request.query.has("per_page") ? Number(request.query.get("per_page")) : 50;
  const pageNumber = request.query.has("page") ? Number(request.query.get("page")) : 1;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
    return invalidArguments("per_page", "constraint", "must be between 1 and 100");
  if (!Number.isInteger(pageNumber) || pageNumber < 1)
    return invalidArguments("page", "constraint", "must be a positive integer");
  return { items: items.slice((pageNumber - 1) * perPage, pageNumber * perPage), total: items.length };
}

/** `tags=a,b`: the item must carry every listed tag. */
function hasTags(tags: string[], filter: string | null): boolean {
  if (!filter) return true;
  return filter
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "")
    .every((tag) => tags.includes(tag));
}

function register(router: Router, ctx: EmulatorContext): void {
  const state = ctx.store.slice<ScalewayState>("scaleway", () => seedScaleway(ctx.credentials.scalewayProjectId));
  const organization = ctx.credentials.scalewayProjectId;

  const zoneOf = (request: EmulatorRequest): string | EmulatorResponse => {
    const zone = request.params.zone;
    return (SCALEWAY_ZONES as readonly string[]).includes(zone)
      ? zone
      : {
          status: 404,
          body: {
            type: "not_found",
            message: `unknown zone ${zone}; zones are ${SCALEWAY_ZONES.join(", ")}`,
            resource: "zone",
            resource_id: zone,
          },
        };
  };
  const imageIn = (zone: string, id: string) => {
    const image = state.images[id];
    return image && image.zone === zone ? image : undefined;
  };
  const snapshotIn = (zone: string, id: string) => {
    const snapshot = state.snapshots[id];
    return snapshot && snapshot.zone === zone ? snapshot : undefined;
  };
  /** extra_volumes from a request ({"1": {id}}) as the image stores them, or the id of an unknown snapshot. */
  const extraVolumesFrom = (zone: string, requested: unknown): Record<string, EmulatedVolume> | string => {
    const volumes: Record<string, EmulatedVolume> = {};
    for (const [key, value] of Object.entries((requested ?? {}) as Record<string, { id: string }>)) {
      const snapshot = snapshotIn(zone, value.id);
      if (!snapshot) return value.id;
      volumes[key] = imageVolumeFrom(snapshot, zone);
    }
    return volumes;
  };
  const busy = (image: EmulatedImage) =>
    image.state === "creating" ? transientState("instance_image", image.id, image.state) : undefined;

  router.on("GET", `${BASE}/images`, (request) => {
    const zone = zoneOf(request);
    if (typeof zone !== "string") return zone;
    const q = request.query;
    const matches = Object.values(state.images).filter(
      (image) =>
        image.zone === zone &&
        (!q.get("name") || image.name.toLowerCase().includes(String(q.get("name")).toLowerCase())) &&
        (!q.has("public") || String(image.public) === q.get("public")) &&
        (!q.get("arch") || image.arch === q.get("arch")) &&
        (!q.get("project") || image.project === q.get("project")) &&
        (!q.get("organization") || image.organization === q.get("organization")) &&
        hasTags(image.tags, q.get("tags")),
    );
    const result = page(request, matches);
    if ("status" in result) return result;
    return { status: 200, body: { images: result.items }, headers: { "x-total-count": String(result.total) } };
  });

  router.on("POST", `${BASE}/images`, (request) => {
    const zone = zoneOf(request);
    if (typeof zone !== "string") return zone;
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
    const root = snapshotIn(zone, body.root_volume);
    if (!root) return notFound("instance_snapshot", body.root_volume);
    const extra = extraVolumesFrom(zone, body.extra_volumes);
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

  router.on("GET", `${BASE}/images/{image_id}`, (request) => {
    const zone = zoneOf(request);
    if (typeof zone !== "string") return zone;
    const image = imageIn(zone, request.params.image_id);
    return image ? { status: 200, body: { image } } : notFound("instance_image", request.params.image_id);
  });

  router.on("PATCH", `${BASE}/images/{image_id}`, (request) => {
    const zone = zoneOf(request);
    if (typeof zone !== "string") return zone;
    const image = imageIn(zone, request.params.image_id);
    if (!image) return notFound("instance_image", request.params.image_id);
    const errors = validatePatch(request.body);
    if (Object.keys(errors).length > 0) return invalidFields(errors);
    const conflict = busy(image);
    if (conflict) return conflict;
    const body = request.body as Partial<{
      name: string;
      arch: EmulatedImage["arch"];
      extra_volumes: Record<string, unknown>;
      tags: string[];
      public: boolean;
    }>;
    // An empty extra_volumes map means "not sent", as for the official SDK (omitempty); SetImage clears them.
    if (body.extra_volumes && Object.keys(body.extra_volumes).length > 0) {
      const extra = extraVolumesFrom(zone, body.extra_volumes);
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

  router.on("PUT", `${BASE}/images/{image_id}`, (request) => {
    const zone = zoneOf(request);
    if (typeof zone !== "string") return zone;
    const image = imageIn(zone, request.params.image_id);
    if (!image) return notFound("instance_image", request.params.image_id);
    const errors = validatePut(request.body);
    if (Object.keys(errors).length > 0) return invalidFields(errors);
    const conflict = busy(image);
    if (conflict) return conflict;
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
    const extra = extraVolumesFrom(zone, body.extra_volumes);
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

  router.on("DELETE", `${BASE}/images/{image_id}`, (request) => {
    const zone = zoneOf(request);
    if (typeof zone !== "string") return zone;
    const image = imageIn(zone, request.params.image_id);
    if (!image) return notFound("instance_image", request.params.image_id);
    const conflict = busy(image);
    if (conflict) return conflict;
    if (image.tags.includes("emulator:in-use"))
      return preconditionFailed("resource_still_in_use", "the image is used by a server; delete the server first");
    delete state.images[image.id];
    return { status: 204 };
  });

  router.on("GET", `${BASE}/snapshots`, (request) => {
    const zone = zoneOf(request);
    if (typeof zone !== "string") return zone;
    const q = request.query;
    const matches = Object.values(state.snapshots).filter(
      (snapshot) =>
        snapshot.zone === zone &&
        (!q.get("name") || snapshot.name.toLowerCase().includes(String(q.get("name")).toLowerCase())) &&
        (!q.get("project") || snapshot.project === q.get("project")) &&
        (!q.get("organization") || snapshot.organization === q.get("organization")) &&
        (!q.get("base_volume_id") || snapshot.base_volume.id === q.get("base_volume_id")) &&
        hasTags(snapshot.tags, q.get("tags")),
    );
    const result = page(request, matches);
    if ("status" in result) return result;
    return { status: 200, body: { snapshots: result.items }, headers: { "x-total-count": String(result.total) } };
  });

  router.on("GET", `${BASE}/snapshots/{snapshot_id}`, (request) => {
    const zone = zoneOf(request);
    if (typeof zone !== "string") return zone;
    const snapshot = snapshotIn(zone, request.params.snapshot_id);
    return snapshot ? { status: 200, body: { snapshot } } : notFound("instance_snapshot", request.params.snapshot_id);
  });

  router.on("GET", `${BASE}/volumes`, (request) => {
    const zone = zoneOf(request);
    if (typeof zone !== "string") return zone;
    const q = request.query;
    const matches = Object.values(state.volumes).filter(
      (volume) =>
        volume.zone === zone &&
        (!q.get("name") || volume.name.toLowerCase().includes(String(q.get("name")).toLowerCase())) &&
        (!q.get("volume_type") || volume.volume_type === q.get("volume_type")) &&
        (!q.get("project") || volume.project === q.get("project")) &&
        (!q.get("organization") || volume.organization === q.get("organization")) &&
        hasTags(volume.tags, q.get("tags")),
    );
    const result = page(request, matches);
    if ("status" in result) return result;
    return { status: 200, body: { volumes: result.items }, headers: { "x-total-count": String(result.total) } };
  });

  router.on("GET", `${BASE}/volumes/{volume_id}`, (request) => {
    const zone = zoneOf(request);
    if (typeof zone !== "string") return zone;
    const volume = state.volumes[request.params.volume_id];
    return volume && volume.zone === zone
      ? { status: 200, body: { volume } }
      : notFound("instance_volume", request.params.volume_id);
  });
}

function authenticate(request: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
  const token = request.headers["x-auth-token"];
  if (token === undefined || token === "") return deniedAuthentication("not_found", "unknown_method");
  return token === ctx.credentials.scalewaySecretKey ? undefined : deniedAuthentication("not_found", "api_key");
}

export const scalewayApi: ApiModule = {
  name: "scaleway",
  prefixes: ["/instance/v1/"],
  register,
  authenticate,
  seed: (section, ctx) =>
    seedScalewayImages(
      section,
      ctx.store.slice<ScalewayState>("scaleway", () => seedScaleway(ctx.credentials.scalewayProjectId)),
      ctx.credentials.scalewayProjectId,
    ),
  change: (section, ctx) =>
    changeScalewayImages(
      section,
      ctx.store.slice<ScalewayState>("scaleway", () => seedScaleway(ctx.credentials.scalewayProjectId)),
    ),
  errorBody: (status, message) => genericError(status, message),
  env: (url, credentials) => ({
    SCW_API_URL: url,
    SCW_SECRET_KEY: credentials.scalewaySecretKey,
    SCW_DEFAULT_PROJECT_ID: credentials.scalewayProjectId,
  }),
};
