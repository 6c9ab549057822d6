/**
 * `production-instances-protected` (mandatory): a production instance must carry both guards
 * against deletion, the Pulumi `protect` option (blocks `pulumi destroy` and replacements) and
 * `deletionProtection: true` (the cloud-side flag, where the cloud has one). It validates the
 * resource's inputs before anything is created, so `preview` already fails.
 */
import type { ResourceValidationArgs, ResourceValidationPolicy, ReportViolation } from "@pulumi/policy";
import {
  DEFAULT_PRODUCTION,
  type ProductionConfig,
  productionConfigSchema,
  productionReason,
  stringListProperty,
  withDefaults,
} from "../production";
import { isInstanceType, PACKAGE_INSTANCE_TYPES } from "../resource-kinds";

/** Config of {@link instancesProtected}. */
export interface InstancesProtectedConfig extends ProductionConfig {
  /** Type tokens that look like instances but should not be checked. */
  ignoreTypes: string[];
  /** Instance type tokens without a `deletionProtection` input (e.g. `aws:ec2/instance:Instance`): only `protect` is required. */
  protectOnlyTypes: string[];
}

const DEFAULTS: InstancesProtectedConfig = { ...DEFAULT_PRODUCTION, ignoreTypes: [], protectOnlyTypes: [] };

/** How to fix what is missing, phrased for this package's constructors or for another provider's resource. */
function fixFor(type: string, missingProtect: boolean, missingFlag: boolean): string {
  const ours = PACKAGE_INSTANCE_TYPES.includes(type);
  if (missingFlag && missingProtect) {
    return ours
      ? "add `deletionProtection: true` to its arguments; the pulumi-dynamic-compute constructor then sets `protect: true` as well (unless you pass `protect` yourself)"
      : "add `deletionProtection: true` to its arguments and `protect: true` to its resource options";
  }
  if (missingFlag) return "add `deletionProtection: true` to its arguments";
  return "set `protect: true` in its resource options (or remove `protect: false`); `deletionProtection: true` alone only sets it when `protect` is not given";
}

/** The violation check; exported for unit tests, which call it with synthetic arguments. */
export function validateInstanceProtected(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
  const config = withDefaults(DEFAULTS, args.getConfig<Partial<InstancesProtectedConfig>>());
  if (!isInstanceType(args.type, config.ignoreTypes)) return;
  const reason = productionReason(args, config);
  if (!reason) return;
  const missingProtect = args.opts.protect !== true;
  const missingFlag = !config.protectOnlyTypes.includes(args.type) && args.props.deletionProtection !== true;
  if (!missingProtect && !missingFlag) return;
  const missing = [missingProtect ? "the Pulumi `protect` option" : "", missingFlag ? "`deletionProtection: true`" : ""]
    .filter(Boolean)
    .join(" and ");
  reportViolation(
    `Production instance "${args.name}" (${args.type}) is not protected against deletion: it lacks ${missing}. ` +
      `It counts as production because ${reason}. Fix: ${fixFor(args.type, missingProtect, missingFlag)}.`,
  );
}

/** The mandatory protection policy. */
export const instancesProtected: ResourceValidationPolicy = {
  name: "production-instances-protected",
  description: "Production instances must have the Pulumi `protect` option set and `deletionProtection: true`.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Pass `deletionProtection: true` to the instance (pulumi-dynamic-compute then also sets `protect: true`), or set both explicitly.",
  configSchema: {
    properties: {
      ...productionConfigSchema,
      ignoreTypes: stringListProperty(
        "Type tokens that look like instances but must not be checked.",
        DEFAULTS.ignoreTypes,
      ),
      protectOnlyTypes: stringListProperty(
        "Instance type tokens that have no `deletionProtection` input: only `protect` is required.",
        DEFAULTS.protectOnlyTypes,
      ),
    },
  },
  validateResource: validateInstanceProtected,
};
