/**
 * Request-body validation of the emulated image routes, field by field, so that a client sending
 * the wrong shape gets the Instance API's `fields` error naming every bad field, as the real API does.
 */

/** Field name → problems, the `fields` of an `invalid_request_error`. */
export type FieldErrors = Record<string, string[]>;

export const ARCHES = ["x86_64", "arm", "arm64"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function add(errors: FieldErrors, field: string, problem: string): void {
  (errors[field] ??= []).push(problem);
}

function checkName(errors: FieldErrors, value: unknown, required: boolean): void {
  if (value === undefined || value === null) {
    if (required) add(errors, "name", "required key not provided");
    return;
  }
  if (typeof value !== "string" || value.trim() === "") add(errors, "name", "must be a non-empty string");
  else if (value.length > 255) add(errors, "name", "length must be at most 255");
}

function checkArch(errors: FieldErrors, value: unknown, required: boolean): void {
  if (value === undefined || value === null) {
    if (required) add(errors, "arch", "required key not provided");
    return;
  }
  if (typeof value !== "string" || !ARCHES.includes(value))
    add(errors, "arch", `not a valid value: must be one of ${ARCHES.join(", ")}`);
}

function checkTags(errors: FieldErrors, value: unknown): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value) || value.some((tag) => typeof tag !== "string"))
    add(errors, "tags", "must be a list of strings");
}

function checkPublic(errors: FieldErrors, value: unknown): void {
  if (value !== undefined && value !== null && typeof value !== "boolean") add(errors, "public", "must be a boolean");
}

/** `extra_volumes`: {"1": {id}, "2": {id}} with positions 1..n and snapshot UUIDs. */
function checkExtraVolumes(errors: FieldErrors, value: unknown): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) return add(errors, "extra_volumes", "must be an object keyed by volume position");
  for (const [key, volume] of Object.entries(value)) {
    if (!/^[1-9][0-9]?$/.test(key)) add(errors, `extra_volumes.${key}`, "key must be the volume position, 1 to 99");
    if (!isObject(volume) || !isUuid(volume.id)) add(errors, `extra_volumes.${key}.id`, "must be a snapshot UUID");
  }
}

function checkUnknown(errors: FieldErrors, body: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(body)) if (!allowed.includes(key)) add(errors, key, "extra keys not allowed");
}

/** CreateImage: name, root_volume (snapshot UUID), arch, extra_volumes, project|organization, tags, public. */
export function validateCreate(body: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!isObject(body)) return { body: ["must be a JSON object"] };
  checkUnknown(errors, body, [
    "name",
    "root_volume",
    "arch",
    "default_bootscript",
    "extra_volumes",
    "organization",
    "project",
    "tags",
    "public",
  ]);
  checkName(errors, body.name, false);
  if (body.root_volume === undefined || body.root_volume === null)
    add(errors, "root_volume", "required key not provided");
  else if (!isUuid(body.root_volume)) add(errors, "root_volume", "must be a snapshot UUID");
  checkArch(errors, body.arch, true);
  checkExtraVolumes(errors, body.extra_volumes);
  checkTags(errors, body.tags);
  checkPublic(errors, body.public);
  if (body.project === undefined && body.organization === undefined)
    add(errors, "project", "one of project or organization is required");
  if (body.project !== undefined && !isUuid(body.project)) add(errors, "project", "must be a UUID");
  if (body.organization !== undefined && !isUuid(body.organization)) add(errors, "organization", "must be a UUID");
  return errors;
}

/** UpdateImage (PATCH): any of name, arch, extra_volumes, tags, public. */
export function validatePatch(body: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!isObject(body)) return { body: ["must be a JSON object"] };
  checkUnknown(errors, body, ["name", "arch", "extra_volumes", "tags", "public"]);
  checkName(errors, body.name, false);
  checkArch(errors, body.arch, false);
  checkExtraVolumes(errors, body.extra_volumes);
  checkTags(errors, body.tags);
  checkPublic(errors, body.public);
  return errors;
}

/**
 * SetImage (PUT): the whole image. Server-owned fields (dates, state, from_server, zone, id) may be
 * sent back as read and are ignored; name and arch are required.
 */
export function validatePut(body: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!isObject(body)) return { body: ["must be a JSON object"] };
  checkUnknown(errors, body, [
    "id",
    "zone",
    "name",
    "arch",
    "creation_date",
    "modification_date",
    "default_bootscript",
    "extra_volumes",
    "from_server",
    "organization",
    "public",
    "root_volume",
    "state",
    "project",
    "tags",
  ]);
  checkName(errors, body.name, true);
  checkArch(errors, body.arch, true);
  checkExtraVolumes(errors, body.extra_volumes);
  checkTags(errors, body.tags);
  checkPublic(errors, body.public);
  if (
    body.root_volume !== undefined &&
    body.root_volume !== null &&
    !(isObject(body.root_volume) && isUuid(body.root_volume.id))
  )
    add(errors, "root_volume.id", "must be a snapshot UUID");
  return errors;
}
