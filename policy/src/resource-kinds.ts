/**
 * Which resources the pack treats as instances and as snapshots, by type token. Dynamic resources
 * all share one class on the program side, so `validateResourceOfType` cannot tell them apart: the
 * type token (`pulumi-nodejs:dynamic/<cloud>:<Type>`) is the only reliable identity.
 */
import { PACKAGE_INSTANCE_TYPES, PACKAGE_SNAPSHOT_TYPES } from "./package-kinds";

// The package's own type tokens, printed from its table of resource kinds by `npm run types`.
export {
  PACKAGE_INSTANCE_TYPES,
  PACKAGE_SNAPSHOT_TYPES,
  SNAPSHOT_CLASS,
  TYPES_WITHOUT_SNAPSHOTS,
} from "./package-kinds";

/** The last segment of a type token: "Instance" for "pulumi-nodejs:dynamic/exoscale:Instance". */
function typeName(type: string): string {
  return type.slice(type.lastIndexOf(":") + 1);
}

/**
 * Whether a type token names an instance: one of the package's instance types, or any other
 * resource whose type name ends in "Instance" (e.g. `aws:ec2/instance:Instance`,
 * `gcp:sql/databaseInstance:DatabaseInstance`), unless listed in `ignoreTypes`.
 */
export function isInstanceType(type: string, ignoreTypes: readonly string[] = []): boolean {
  if (ignoreTypes.includes(type)) return false;
  return PACKAGE_INSTANCE_TYPES.includes(type) || /instance$/i.test(typeName(type));
}

/** Whether a type token names a snapshot (the package's, or any type name ending in "Snapshot"). */
export function isSnapshotType(type: string): boolean {
  return PACKAGE_SNAPSHOT_TYPES.includes(type) || /snapshot$/i.test(typeName(type));
}
