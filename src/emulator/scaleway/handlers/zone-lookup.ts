/** What the zoned routes share: the `{zone}` check, lookups within a zone, paging and tag filters. */
import type { EmulatorRequest, EmulatorResponse } from "../../router";
import { invalidArguments, invalidFields, notFound, transientState, unknownZone } from "../errors";
import { KNOWN_ZONES } from "../../../scaleway/schema";
import type { ScalewayServices } from "../services";
import {
  type EmulatedImage,
  type EmulatedSnapshot,
  type EmulatedVolume,
  imageVolumeFrom,
  type ScalewayState,
} from "../state";
import type { FieldErrors } from "../validation";

/**
 * Route handler of a `/zones/{zone}/…` route: checks the zone, then hands it to `handler`. An
 * unknown zone is a 404 naming the zones.
 */
export function inZone(
  handler: (zone: string, request: EmulatorRequest, services: ScalewayServices) => EmulatorResponse,
) {
  return (request: EmulatorRequest, services: ScalewayServices): EmulatorResponse => {
    const zone = request.params.zone;
    return KNOWN_ZONES.includes(zone) ? handler(zone, request, services) : unknownZone(zone, KNOWN_ZONES);
  };
}

export function imageIn(state: ScalewayState, zone: string, id: string): EmulatedImage | undefined {
  const image = state.images[id];
  return image && image.zone === zone ? image : undefined;
}

export function snapshotIn(state: ScalewayState, zone: string, id: string): EmulatedSnapshot | undefined {
  const snapshot = state.snapshots[id];
  return snapshot && snapshot.zone === zone ? snapshot : undefined;
}

/** extra_volumes from a request ({"1": {id}}) as the image stores them, or the id of an unknown snapshot. */
export function extraVolumesFrom(
  state: ScalewayState,
  zone: string,
  requested: unknown,
): Record<string, EmulatedVolume> | string {
  const volumes: Record<string, EmulatedVolume> = {};
  for (const [key, value] of Object.entries((requested ?? {}) as Record<string, { id: string }>)) {
    const snapshot = snapshotIn(state, zone, value.id);
    if (!snapshot) return value.id;
    volumes[key] = imageVolumeFrom(snapshot, zone);
  }
  return volumes;
}

/** 409 while the image is still being made. */
export function busy(image: EmulatedImage): EmulatorResponse | undefined {
  return image.state === "creating" ? transientState("instance_image", image.id, image.state) : undefined;
}

/**
 * The image `{image_id}` a PATCH or PUT edits, once found, its body valid for `validate`, and not
 * being made; or the API's 404, 400 or 409.
 */
export function editableImage(
  state: ScalewayState,
  zone: string,
  request: EmulatorRequest,
  validate: (body: unknown) => FieldErrors,
): EmulatedImage | EmulatorResponse {
  const image = imageIn(state, zone, request.params.image_id);
  if (!image) return notFound("instance_image", request.params.image_id);
  const errors = validate(request.body);
  if (Object.keys(errors).length > 0) return invalidFields(errors);
  return busy(image) ?? image;
}

/** What every zoned list filters on besides its own query parameters. */
interface Listed {
  zone: string;
  name: string;
  project: string;
  organization: string;
  tags: string[];
}

/**
 * A list route's answer: the zone's `items` that match the query's `name`, `project`,
 * `organization` and `tags`, and `matches` for the route's own parameters; one page of them.
 */
export function listInZone<T extends Listed>(
  request: EmulatorRequest,
  zone: string,
  key: string,
  items: Record<string, T>,
  matches: (item: T, query: URLSearchParams) => boolean,
): EmulatorResponse {
  const q = request.query;
  const found = Object.values(items).filter(
    (item) =>
      item.zone === zone &&
      nameMatches(item.name, q.get("name")) &&
      (!q.get("project") || item.project === q.get("project")) &&
      (!q.get("organization") || item.organization === q.get("organization")) &&
      hasTags(item.tags, q.get("tags")) &&
      matches(item, q),
  );
  return listPage(request, key, found);
}

/** The `page`/`per_page` window of `items`, answered with `X-Total-Count` under `key`. */
function listPage<T>(request: EmulatorRequest, key: string, items: T[]): EmulatorResponse {
  const perPage = request.query.has("per_page") ? Number(request.query.get("per_page")) : 50;
  const pageNumber = request.query.has("page") ? Number(request.query.get("page")) : 1;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
    return invalidArguments("per_page", "constraint", "must be between 1 and 100");
  if (!Number.isInteger(pageNumber) || pageNumber < 1)
    return invalidArguments("page", "constraint", "must be a positive integer");
  return {
    status: 200,
    body: { [key]: items.slice((pageNumber - 1) * perPage, pageNumber * perPage) },
    headers: { "x-total-count": String(items.length) },
  };
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

/** `name=`: a case-insensitive substring of the item's name. */
function nameMatches(name: string, filter: string | null): boolean {
  return !filter || name.toLowerCase().includes(filter.toLowerCase());
}
