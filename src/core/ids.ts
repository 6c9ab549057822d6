/** Id shapes shared by the clouds: Exoscale and Scaleway objects are named by UUIDs. */

/** A UUID (any version, either case), without anchors, for building larger patterns. */
export const UUID_SOURCE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** A whole string that is a UUID. */
export const UUID_PATTERN = new RegExp(`^${UUID_SOURCE}$`, "i");

/** Whether `value` is a UUID (instance type, template, snapshot and project ids are). */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
