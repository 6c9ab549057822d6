/**
 * `production-instances-protected` (mandatory): a production instance must carry both guards
 * against deletion, the Pulumi `protect` option (blocks `pulumi destroy` and replacements) and
 * `deletionProtection: true` (the cloud-side flag, where the cloud has one). It validates the
 * resource's inputs before anything is created, so `preview` already fails.
 *
 * Retiring: an instance named in the `retire` list may drop both guards, so that a reviewed pull
 * request can lift its protection and a later one delete it. Names are exact (no globs): every
 * retirement shows up by name in the change to `policy-config.json`.
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
interface InstancesProtectedConfig extends ProductionConfig {
  /** Type tokens that look like instances but should not be checked. */
  ignoreTypes: string[];
  /** Instance type tokens without a `deletionProtection` input (e.g. `aws:ec2/instance:Instance`): only `protect` is required. */
  protectOnlyTypes: string[];
  /** Production instances being retired, by Pulumi resource name or URN: they may be unprotected. */
  retire: string[];
}

const DEFAULTS: InstancesProtectedConfig = {
  ...DEFAULT_PRODUCTION,
  ignoreTypes: [],
  protectOnlyTypes: [],
  retire: [],
};

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
function validateInstanceProtected(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
  const config = withDefaults(DEFAULTS, args.getConfig<Partial<InstancesProtectedConfig>>());
  if (!isInstanceType(args.type, config.ignoreTypes)) return;
  if (config.retire.includes(args.name) || config.retire.includes(args.urn)) return;
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
      `It counts as production because ${reason}. Fix: ${fixFor(args.type, missingProtect, missingFlag)}. ` +
      `To retire it instead, add "${args.name}" to this policy's \`retire\` list in the policy config (docs/policy-pack.md, "Retiring a protected instance").`,
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
      retire: {
        type: "array",
        // Exact names only: a glob could unprotect a whole fleet without naming it in review.
        items: { type: "string", minLength: 1, pattern: "^[^*?]+$" },
        default: DEFAULTS.retire,
        description:
          "Production instances being retired, by Pulumi resource name or URN (exact, no globs): they may have `deletionProtection: false` and no `protect`, so they can be deleted.",
      },
    },
  },
  validateResource: validateInstanceProtected,
};
