/**
 * What the adopt command works with: the objects it finds in a cloud, each either to be declared
 * as one of our resources (with the arguments that describe its current state) or skipped with the
 * reason. Values that must not be written in plain text, and references between declared objects,
 * are markers the code generator turns into `config.requireSecret(...)` and variable names.
 */

import { kindOf, type KindName, RESOURCE_CLOUDS, type ResourceCloud } from "../kinds";

/** The clouds the command lists. */
export const CLOUDS = RESOURCE_CLOUDS;
export type Cloud = ResourceCloud;

/** The resource classes it declares, by their exported names. */
export type ResourceKind = KindName;

/** A value read from the cloud that the module reads from secret stack config instead of spelling out. */
export class SecretValue {
  constructor(
    /** The value itself: never written to the module, printed only on request. */
    readonly value: string,
    /** Appended to the resource's variable name to make the config key ("UserData"). */
    readonly keySuffix: string,
    /** What it is, for the printed instructions ("user data"). */
    readonly what: string,
  ) {}
}

/** Why an object is not declared. `managed`: a stack holds it already; otherwise it cannot be expressed. */
export interface Skip {
  reason: string;
  managed: boolean;
}

/** One object found in a cloud. */
export interface FoundObject {
  cloud: Cloud;
  kind: ResourceKind;
  /** Its id in the resource's own form: what `adoptId` takes and the resource reports. */
  id: string;
  /** Its name in the cloud, from which the resource name is derived. */
  name: string;
  /** Zone or project, for the listing. */
  location: string;
  /** A short, stable part of the id that tells apart objects of the same name. */
  shortId: string;
  /** For a snapshot: the id of its instance, declared as its parent. */
  parentId?: string;
  /** Labels to match `--label` against (Scaleway tags and Incus `user.*` keys as key/value pairs). */
  labels: Record<string, string>;
  /**
   * The resource's arguments besides `adoptId` and the parent instance, equal to the object's
   * current state; SecretValue where a value must not be written.
   */
  args: Record<string, unknown>;
  /** Remarks written above the declaration (why a value is spelled the way it is). */
  notes: string[];
  skip?: Skip;
}

/** A found object's identity across kinds: `kind id`. */
export function objectKey(object: Pick<FoundObject, "kind" | "id">): string {
  return `${object.kind} ${object.id}`;
}

/** Human words for a kind: "Exoscale snapshot". */
export function describeKind(kind: ResourceKind): string {
  return kindOf(kind).noun;
}
