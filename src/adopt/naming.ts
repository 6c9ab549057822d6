/**
 * Resource and variable names for the objects to declare, derived from the objects' own names so
 * they are stable from one run to the next: the same object gets the same name whatever else the
 * cloud holds or the order it lists things in. Objects of one kind whose names read alike
 * ("web", "Web", "web_") each get a short piece of their id appended, so no name depends on which
 * of them was listed first. A snapshot's name starts with its instance's, because Pulumi's URN
 * leaves the parent's name out and two instances may each have a "nightly".
 */
import { kindOf } from "../kinds";
import { type FoundObject, objectKey } from "./model";

export interface AssignedName {
  /** The Pulumi resource name (`new ExoscaleInstance("<this>", …)`). */
  resource: string;
  /** The exported TypeScript variable. */
  variable: string;
}

/** Lower-case letters, digits and single dashes: "Web Server_01" → "web-server-01". */
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** "web-1" → "Web1", for variable names; "web-1-4a30" → "Web1_4a30", so the digits stay apart. */
function pascal(text: string): string {
  return slug(text)
    .split("-")
    .filter((part) => part !== "")
    .reduce(
      (out, part) =>
        `${out}${/[0-9]$/.test(out) && /^[0-9]/.test(part) ? "_" : ""}${part[0].toUpperCase()}${part.slice(1)}`,
      "",
    );
}

/** Names each item its base, or base-shortId when another item of its group has the same base. */
function disambiguate<T>(
  items: T[],
  baseOf: (item: T) => string,
  shortIdOf: (item: T) => string,
  groupOf: (item: T) => string,
): Map<T, string> {
  const keyOf = (item: T) => `${groupOf(item)} ${baseOf(item)}`;
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  const names = new Map<T, string>();
  for (const item of items)
    names.set(item, (counts.get(keyOf(item)) ?? 0) > 1 ? `${baseOf(item)}-${slug(shortIdOf(item))}` : baseOf(item));
  return names;
}

/**
 * Names every object of `all` (everything found, declared or not, so that an object declared in a
 * later run never takes the name of one declared earlier). Returns them by object key.
 */
export function assignNames(all: FoundObject[]): Map<string, AssignedName> {
  const byKey = new Map(all.map((object) => [objectKey(object), object]));
  const parents = all.filter((object) => object.parentId === undefined);
  const parentNames = disambiguate(
    parents,
    (o) => slug(o.name) || kindOf(o.kind).role,
    (o) => o.shortId,
    (o) => o.kind,
  );
  const resourceOf = new Map<string, string>();
  for (const [object, name] of parentNames) resourceOf.set(objectKey(object), name);

  const children = all.filter((object) => object.parentId !== undefined);
  const childBase = (child: FoundObject) => {
    const parentKind = kindOf(child.kind).parent;
    const parent = resourceOf.get(`${parentKind} ${child.parentId}`) ?? slug(child.parentId as string);
    const own = slug(child.name) || kindOf(child.kind).role;
    return own === parent || own.startsWith(`${parent}-`) ? own : `${parent}-${own}`;
  };
  for (const [object, name] of disambiguate(
    children,
    childBase,
    (o) => o.shortId,
    (o) => o.kind,
  ))
    resourceOf.set(objectKey(object), name);

  const assigned = new Map<string, AssignedName>();
  const variables = new Set<string>();
  // Sorted, so that the rare clash of two variable spellings is settled the same way every run.
  for (const key of [...resourceOf.keys()].sort()) {
    const object = byKey.get(key) as FoundObject;
    const resource = resourceOf.get(key) as string;
    const base = `${kindOf(object.kind).variable}${pascal(resource)}`;
    let variable = base;
    for (let n = 2; variables.has(variable); n++) variable = `${base}${n}`;
    variables.add(variable);
    assigned.set(key, { resource, variable });
  }
  return assigned;
}
