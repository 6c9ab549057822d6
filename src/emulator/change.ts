/**
 * Changes to objects that already exist, made behind Pulumi's back as a console or another tool
 * would (`PATCH /_emulator/objects`, `compute-emulator change`): the way to make drift for
 * `pulumi refresh`. Each API module parses its own section with `changeSection`; every entry is
 * checked before any is applied, so a bad change leaves everything as it was.
 */
import { knownFields, SeedError, seedField, seedList } from "./seed-error";

/** A change naming an object the emulator does not hold (answered with 404). */
export class UnknownObjectError extends SeedError {}

/** What one applied entry reports: the object's id as given and the fields it set. */
interface ChangedObject {
  id: string;
  changed: string[];
}

/** A checked change: what it will report, and the function that makes it. */
export interface PreparedChange {
  changed: Record<string, ChangedObject[]>;
  apply(): void;
}

/**
 * Checks each entry of `section[key]` (its `id` names an existing object, other keys are among
 * `fields`) and lets `prepare` check the values and return the function that applies them. Nothing
 * is applied until `apply()`, which the server calls once every section passed.
 */
export function changeSection<T>(
  section: unknown,
  api: string,
  key: string,
  fields: string[],
  find: (id: string) => T | undefined,
  prepare: (entry: Record<string, unknown>, at: string, target: T) => () => void,
): PreparedChange {
  const commits: Array<() => void> = [];
  const changed = seedList(section, api, key).map((entry, index) => {
    const at = `${api}.${key}[${index}]`;
    knownFields(entry, at, ["id", ...fields]);
    const id = seedField<string>(entry.id, `${at}.id`, (v) => typeof v === "string" && v !== "", "the object's id");
    const target = find(id);
    if (target === undefined) throw new UnknownObjectError(`${at}.id: no object with id "${id}"`);
    const set = Object.keys(entry).filter((field) => field !== "id");
    if (set.length === 0) throw new SeedError(`${at}: nothing to change; fields are ${fields.join(", ")}`);
    commits.push(prepare(entry, at, target));
    return { id, changed: set };
  });
  return { changed: { [key]: changed }, apply: () => commits.forEach((commit) => commit()) };
}

/** Reads one field of a change entry: undefined when unset, else checked like seedField (throws naming `at.name`). */
export function entryFields(entry: Record<string, unknown>, at: string) {
  return <T>(name: string, test: (value: unknown) => boolean, must: string): T | undefined =>
    entry[name] === undefined ? undefined : seedField<T>(entry[name], `${at}.${name}`, test, must);
}

/** The bare id of `zone/id` or `id` (resource ids carry the zone; the store keys do not). */
export const bareId = (id: string): string => id.slice(id.lastIndexOf("/") + 1);
