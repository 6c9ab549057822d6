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
export const isStringList = (value: unknown): boolean => Array.isArray(value) && value.every((item) => typeof item === "string");
export const isStringMap = (value: unknown): boolean => !!value && typeof value === "object" && !Array.isArray(value) && Object.values(value).every((item) => typeof item === "string");

/** The list in `section[key]`, checked to be an array of objects. */
export function seedList(section: unknown, api: string, key: string): Array<Record<string, unknown>> {
  if (!section || typeof section !== "object" || Array.isArray(section)) throw new SeedError(`${api}: must be an object such as {"${key}": [...]}`);
  const unknown = Object.keys(section).filter((k) => k !== key);
  if (unknown.length > 0) throw new SeedError(`${api}: unknown key ${unknown.map((k) => `"${k}"`).join(", ")}; only "${key}"`);
  const list = (section as Record<string, unknown>)[key] ?? [];
  if (!Array.isArray(list) || list.some((item) => !item || typeof item !== "object" || Array.isArray(item))) throw new SeedError(`${api}.${key}: must be a list of objects`);
  return list as Array<Record<string, unknown>>;
}
