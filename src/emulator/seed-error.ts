import { InvalidArgumentsError } from "../core/errors";

/** A seed (`--seed`, `POST /_emulator/objects`) the emulator cannot make objects from; the message names the field. */
export class SeedError extends InvalidArgumentsError {
  constructor(message: string) {
    super([{ argument: "seed", reason: message }], { cloud: "emulator" });
  }
}

/** Checks `value` against `test`, or throws a SeedError naming `field` and what it must be. */
export function seedField<T>(value: unknown, field: string, test: (value: unknown) => boolean, must: string): T {
  if (!test(value)) throw new SeedError(`${field}: must be ${must}, got ${JSON.stringify(value)}`);
  return value as T;
}

export const isString = (value: unknown): boolean => typeof value === "string" && value !== "";
export const isStringList = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => typeof item === "string");
export const isStringMap = (value: unknown): boolean =>
  !!value &&
  typeof value === "object" &&
  !Array.isArray(value) &&
  Object.values(value).every((item) => typeof item === "string");

/** `value` checked like seedField, or `fallback` when it is unset. */
export function seedOptional<T>(
  value: unknown,
  field: string,
  test: (value: unknown) => boolean,
  must: string,
  fallback: T,
): T {
  return value === undefined ? fallback : seedField<T>(value, field, test, must);
}

/** Refuses fields a seed entry does not know, listing the ones it does. */
export function knownFields(entry: Record<string, unknown>, at: string, fields: string[]): void {
  const extra = Object.keys(entry).filter((key) => !fields.includes(key));
  if (extra.length > 0)
    throw new SeedError(
      `${at}: unknown field ${extra.map((k) => `"${k}"`).join(", ")}; fields are ${fields.join(", ")}`,
    );
}

/** The list in `section[key]`, checked to be an array of objects. */
export function seedList(section: unknown, api: string, key: string): Array<Record<string, unknown>> {
  if (!section || typeof section !== "object" || Array.isArray(section))
    throw new SeedError(`${api}: must be an object such as {"${key}": [...]}`);
  const unknown = Object.keys(section).filter((k) => k !== key);
  if (unknown.length > 0)
    throw new SeedError(`${api}: unknown key ${unknown.map((k) => `"${k}"`).join(", ")}; only "${key}"`);
  const list = (section as Record<string, unknown>)[key] ?? [];
  if (!Array.isArray(list) || list.some((item) => !item || typeof item !== "object" || Array.isArray(item)))
    throw new SeedError(`${api}.${key}: must be a list of objects`);
  return list as Array<Record<string, unknown>>;
}
