/** The policies of the compute-guardrails pack, importable without starting the analyzer server (for tests). */
import type { Policies } from "@pulumi/policy";
import { instancesNotStopped } from "./policies/instances-not-stopped";
import { instancesProtected } from "./policies/instances-protected";
import { snapshotsPresent } from "./policies/snapshots-present";

export { instancesNotStopped, instancesProtected, snapshotsPresent };
export { isInstanceType, isSnapshotType, PACKAGE_INSTANCE_TYPES, PACKAGE_SNAPSHOT_TYPES } from "./resource-kinds";
export { DEFAULT_PRODUCTION, productionReason, type ProductionConfig } from "./production";

/** The pack's name, as shown in `pulumi preview` output and used in policy config files. */
export const PACK_NAME = "compute-guardrails";

/** Every policy of the pack, in the order the engine reports them. */
export const policies: Policies = [instancesProtected, snapshotsPresent, instancesNotStopped];
