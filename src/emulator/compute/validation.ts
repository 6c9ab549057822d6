/** Request checks of the emulated Instances API: the first invalid field of a create body. */

export const isString = (v: unknown) => typeof v === "string" && v.trim() !== "";
export const isInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
export const isStringList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "string");

/** Returns [field, problem] for the first invalid field of a create body. */
export function invalidCreateField(body: unknown): [string, string] | undefined {
  if (!body || typeof body !== "object") return ["body", "must be a JSON object"];
  const { metadata, spec } = body as { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
  if (!metadata || typeof metadata !== "object") return ["metadata", "is required"];
  if (!isString(metadata.name)) return ["metadata.name", "is required and must be a non-empty string"];
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(String(metadata.name)))
    return ["metadata.name", "must be 1-63 lowercase letters, digits or hyphens"];
  if (
    metadata.labels !== undefined &&
    (typeof metadata.labels !== "object" || Object.values(metadata.labels as object).some((v) => typeof v !== "string"))
  )
    return ["metadata.labels", "must map strings to strings"];
  if (!spec || typeof spec !== "object") return ["spec", "is required"];
  if (!isString(spec.type)) return ["spec.type", "is required"];
  if (!isString(spec.image)) return ["spec.image", "is required"];
  for (const field of ["vcpus", "memory_mb", "disk_gb"])
    if (spec[field] !== undefined && !isInt(spec[field])) return [`spec.${field}`, "must be a positive integer"];
  for (const field of ["vpc_id", "subnet_id", "user_data"])
    if (spec[field] !== undefined && typeof spec[field] !== "string") return [`spec.${field}`, "must be a string"];
  for (const field of ["security_groups", "ssh_key_ids"])
    if (spec[field] !== undefined && !isStringList(spec[field])) return [`spec.${field}`, "must be a list of strings"];
  if (typeof spec.user_data === "string" && !/^[A-Za-z0-9+/]*={0,2}$/.test(spec.user_data))
    return ["spec.user_data", "must be base64-encoded"];
  return undefined;
}
