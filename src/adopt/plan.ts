/**
 * Decides, for everything a listing found, what the module declares and why the rest is left out:
 * `--label` and `--name-prefix` narrow the listing (a snapshot follows its instance); objects a
 * stack manages are skipped; a snapshot is declared only under its declared instance; an object
 * listed twice is declared once. Pure, so every rule is unit-tested.
 */
import type { Declaration } from "./codegen";
import { identity, type ManagedIndex } from "./managed";
import { type Cloud, CLOUDS, type FoundObject, objectKey } from "./model";
import { assignNames } from "./naming";

interface Filters {
  labels: Array<{ key: string; value?: string }>;
  namePrefix?: string;
}

export interface Plan {
  /** What the module declares, each instance followed by its snapshots. */
  declarations: Declaration[];
  /** What it leaves out, with the reason. */
  skipped: FoundObject[];
  /** How many objects `--label` / `--name-prefix` left out. */
  filteredOut: number;
}

function matches(object: FoundObject, filters: Filters): boolean {
  if (filters.namePrefix !== undefined && !object.name.startsWith(filters.namePrefix)) return false;
  return filters.labels.every(
    ({ key, value }) => key in object.labels && (value === undefined || object.labels[key] === value),
  );
}

/** The kind of a snapshot's parent. */
const parentKind = (object: FoundObject) =>
  object.kind === "ExoscaleInstanceSnapshot" ? "ExoscaleInstance" : "IncusInstance";

export function planAdoption(found: FoundObject[], managed: ManagedIndex, filters: Filters): Plan {
  const unique = new Map<string, FoundObject>();
  for (const object of found)
    if (!unique.has(identity(object.kind, object.id))) unique.set(identity(object.kind, object.id), object);
  const objects = [...unique.values()];
  const names = assignNames(objects);
  const parentIdentity = (child: FoundObject) => identity(parentKind(child), child.parentId as string);

  const kept = objects.filter((object) => {
    if (object.parentId === undefined) return matches(object, filters);
    const parent = unique.get(parentIdentity(object));
    return parent ? matches(parent, filters) : filters.labels.length === 0 && filters.namePrefix === undefined;
  });
  const withManaged = new Map(
    kept.map((object): [string, FoundObject] => {
      const stack = object.skip ? undefined : managed.holder(object.kind, object.id);
      return [
        identity(object.kind, object.id),
        stack === undefined ? object : { ...object, skip: { reason: `managed by stack ${stack}`, managed: true } },
      ];
    }),
  );
  const final = [...withManaged.values()].map((object): FoundObject => {
    if (object.skip || object.parentId === undefined) return object;
    const parent = withManaged.get(parentIdentity(object));
    if (parent && !parent.skip) return object;
    const reason = !parent
      ? `its instance ${object.parentId} was not listed`
      : parent.skip?.managed
        ? `its instance ${object.parentId} is managed already (${parent.skip.reason}): declare the snapshot in that program, with adoptId "${object.id}"`
        : `its instance ${object.parentId} is not declared (${parent.skip?.reason})`;
    return { ...object, skip: { reason, managed: false } };
  });

  const toDeclare = final.filter((object) => !object.skip);
  const nameOf = (object: FoundObject) => names.get(objectKey(object)) as Declaration["names"];
  const byName = (a: FoundObject, b: FoundObject) => nameOf(a).resource.localeCompare(nameOf(b).resource);
  const childrenOf = new Map<string, FoundObject[]>();
  for (const child of toDeclare.filter((object) => object.parentId !== undefined))
    childrenOf.set(parentIdentity(child), [...(childrenOf.get(parentIdentity(child)) ?? []), child]);
  const cloudOrder = (cloud: Cloud) => CLOUDS.indexOf(cloud);
  const parents = toDeclare
    .filter((object) => object.parentId === undefined)
    .sort((a, b) => cloudOrder(a.cloud) - cloudOrder(b.cloud) || a.kind.localeCompare(b.kind) || byName(a, b));
  const declarations: Declaration[] = [];
  for (const parent of parents) {
    declarations.push({ object: parent, names: nameOf(parent) });
    for (const child of (childrenOf.get(identity(parent.kind, parent.id)) ?? []).sort(byName))
      declarations.push({ object: child, names: nameOf(child), parentVariable: nameOf(parent).variable });
  }
  return { declarations, skipped: final.filter((object) => object.skip), filteredOut: objects.length - kept.length };
}
