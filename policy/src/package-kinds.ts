// Generated from src/kinds.ts by scripts/generate-types.js: do not edit, run `npm run types` after changing it.

/** Instance type tokens of pulumi-dynamic-compute. */
export const PACKAGE_INSTANCE_TYPES: readonly string[] = [
  "pulumi-nodejs:dynamic/exoscale:Instance",
  "pulumi-nodejs:dynamic/compute:Instance",
  "pulumi-nodejs:dynamic/incus:Instance",
];

/** Snapshot type tokens of pulumi-dynamic-compute; each is created as a child of its instance. */
export const PACKAGE_SNAPSHOT_TYPES: readonly string[] = [
  "pulumi-nodejs:dynamic/exoscale:InstanceSnapshot",
  "pulumi-nodejs:dynamic/incus:InstanceSnapshot",
];

/** Instance type tokens of the clouds without snapshots. */
export const TYPES_WITHOUT_SNAPSHOTS: readonly string[] = [
  "pulumi-nodejs:dynamic/compute:Instance",
];

/** The snapshot class of each instance type token that has one. */
export const SNAPSHOT_CLASS: Readonly<Record<string, string>> = {
  "pulumi-nodejs:dynamic/exoscale:Instance": "ExoscaleInstanceSnapshot",
  "pulumi-nodejs:dynamic/incus:Instance": "IncusInstanceSnapshot",
};
