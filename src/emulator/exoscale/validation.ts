/** Request checks of the emulated Exoscale API, in the API's limits. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Label maps: string keys 1..255 and string values up to 255 characters. */
export function invalidLabels(labels: unknown): string | undefined {
  if (labels === null || typeof labels !== "object" || Array.isArray(labels)) return "must be an object of strings";
  for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
    if (key.length < 1 || key.length > 255) return `label key "${key}" must be 1-255 characters`;
    if (typeof value !== "string" || value.length > 255)
      return `label "${key}" must be a string of at most 255 characters`;
  }
  return undefined;
}

/** Checks base64 user data the way the API does (base64, at most 32 KiB encoded). */
export function invalidUserData(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length < 1) return "must be a non-empty base64 string";
  if (value.length > 32768) return "must be at most 32768 characters once base64-encoded";
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return "must be base64-encoded";
  return undefined;
}

export function invalidDiskSize(value: unknown): string | undefined {
  return Number.isInteger(value) && (value as number) >= 10 && (value as number) <= 51200
    ? undefined
    : "must be an integer between 10 and 51200 (GiB)";
}

export const PUBLIC_IP_ASSIGNMENTS = ["inet4", "dual", "none"];
