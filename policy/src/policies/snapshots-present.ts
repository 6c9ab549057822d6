/**
 * `production-snapshots-present` (advisory): a production instance should have at least one
 * snapshot resource as its child, so a bad change can be rolled back. A stack policy, because it
 * needs the parent links between resources.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import {
  DEFAULT_PRODUCTION,
  type ProductionConfig,
  productionConfigSchema,
  productionReason,
  stringListProperty,
  withDefaults,
} from "../production";
import { isInstanceType, isSnapshotType, SNAPSHOT_CLASS, TYPES_WITHOUT_SNAPSHOTS } from "../resource-kinds";
import { whenKnown } from "../unknowns";

/** Config of {@link snapshotsPresent}. */
interface SnapshotsPresentConfig extends ProductionConfig {
  /** Instance type tokens not to check (default: ComputeInstance, whose API has no snapshots). */
  ignoreTypes: string[];
}

const DEFAULTS: SnapshotsPresentConfig = { ...DEFAULT_PRODUCTION, ignoreTypes: [...TYPES_WITHOUT_SNAPSHOTS] };

function suggestion(instance: PolicyResource): string {
  const snapshotClass = SNAPSHOT_CLASS[instance.type];
  return snapshotClass
    ? `add \`new ${snapshotClass}("${instance.name}-snapshot", { instance: ${instance.name} })\` (its parent defaults to the instance)`
    : `add a snapshot resource created with \`{ parent: ${instance.name} }\``;
}

/** Whether `candidate` is a snapshot whose parent is `instance`. */
function isSnapshotOf(candidate: PolicyResource, instance: PolicyResource): boolean {
  return isSnapshotType(candidate.type) && (candidate.parent?.urn ?? candidate.opts.parent) === instance.urn;
}

/** The stack check; exported for unit tests, which call it with synthetic resources. */
function validateSnapshotsPresent(args: StackValidationArgs, reportViolation: ReportViolation): void {
  const config = withDefaults(DEFAULTS, args.getConfig<Partial<SnapshotsPresentConfig>>());
  for (const instance of args.resources) {
    if (!isInstanceType(instance.type, config.ignoreTypes)) continue;
    // A label that is still unknown in preview cannot make the instance production yet; `up` re-checks.
    const reason = whenKnown(() => productionReason(instance, config), undefined);
    if (!reason || args.resources.some((candidate) => isSnapshotOf(candidate, instance))) continue;
    reportViolation(
      `Production instance "${instance.name}" (${instance.type}) has no snapshot: no snapshot resource has it as parent. ` +
        `It counts as production because ${reason}. Fix: ${suggestion(instance)}.`,
      instance.urn,
    );
  }
}

/** The advisory snapshot policy. */
export const snapshotsPresent: StackValidationPolicy = {
  name: "production-snapshots-present",
  description: "Production instances should have a snapshot resource as a child.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create an ExoscaleInstanceSnapshot / IncusInstanceSnapshot of the instance (its parent defaults to the instance).",
  configSchema: {
    properties: {
      ...productionConfigSchema,
      ignoreTypes: stringListProperty(
        "Instance type tokens not to check (default: ComputeInstance, whose API has no snapshots).",
        DEFAULTS.ignoreTypes,
      ),
    },
  },
  validateStack: validateSnapshotsPresent,
};
