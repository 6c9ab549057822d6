/**
 * `production-instances-not-stopped` (advisory): a production instance whose `state` is "stopped"
 * is usually an accident (a forgotten maintenance stop, a stop in the console picked up by
 * `refresh`). Intentional stops are declared in the config's allow list or with a label.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { firstMatch } from "../patterns";
import {
  DEFAULT_PRODUCTION,
  labelValue,
  type ProductionConfig,
  productionConfigSchema,
  productionReason,
  stringListProperty,
  withDefaults,
} from "../production";
import { isInstanceType } from "../resource-kinds";
import { whenKnown } from "../unknowns";

/** Config of {@link instancesNotStopped}. */
interface InstancesNotStoppedConfig extends ProductionConfig {
  /** Resource names or URNs (globs) that may be stopped. */
  allowStopped: string[];
  /** A label that, set to "true" on the instance, declares the stop intentional ("" turns it off). */
  allowLabel: string;
  /** Type tokens that look like instances but must not be checked. */
  ignoreTypes: string[];
}

const DEFAULTS: InstancesNotStoppedConfig = {
  ...DEFAULT_PRODUCTION,
  allowStopped: [],
  allowLabel: "allow-stopped",
  ignoreTypes: [],
};

function isStopped(resource: PolicyResource): boolean {
  const state = whenKnown(() => resource.props.state as unknown, undefined);
  return typeof state === "string" && state.toLowerCase() === "stopped";
}

function stopAllowed(resource: PolicyResource, config: InstancesNotStoppedConfig): boolean {
  if (
    firstMatch(resource.name, config.allowStopped) !== undefined ||
    firstMatch(resource.urn, config.allowStopped) !== undefined
  )
    return true;
  if (!config.allowLabel) return false;
  return whenKnown(() => labelValue(resource.props, config.allowLabel), undefined)?.toLowerCase() === "true";
}

/** The stack check; exported for unit tests, which call it with synthetic resources. */
function validateInstancesNotStopped(args: StackValidationArgs, reportViolation: ReportViolation): void {
  const config = withDefaults(DEFAULTS, args.getConfig<Partial<InstancesNotStoppedConfig>>());
  for (const instance of args.resources) {
    if (!isInstanceType(instance.type, config.ignoreTypes) || !isStopped(instance)) continue;
    const reason = whenKnown(() => productionReason(instance, config), undefined);
    if (!reason || stopAllowed(instance, config)) continue;
    const allowHint = config.allowLabel ? ` or label it ${config.allowLabel}=true` : "";
    reportViolation(
      `Production instance "${instance.name}" (${instance.type}) is stopped. It counts as production because ${reason}. ` +
        `Fix: set \`state: "running"\` (or start it and run \`pulumi refresh\`); if the stop is intended, add "${instance.name}" to allowStopped in this policy's config${allowHint}.`,
      instance.urn,
    );
  }
}

/** The advisory stopped-instance policy. */
export const instancesNotStopped: StackValidationPolicy = {
  name: "production-instances-not-stopped",
  description: "Production instances should not be stopped unless the stop is declared intentional.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: 'Start the instance (state: "running"), or allow the stop with `allowStopped` or the allow label.',
  configSchema: {
    properties: {
      ...productionConfigSchema,
      allowStopped: stringListProperty("Resource names or URNs (globs) that may be stopped.", DEFAULTS.allowStopped),
      allowLabel: {
        type: "string",
        default: DEFAULTS.allowLabel,
        description: 'A label that, set to "true" on an instance, declares its stop intentional ("" turns it off).',
      },
      ignoreTypes: stringListProperty(
        "Type tokens that look like instances but must not be checked.",
        DEFAULTS.ignoreTypes,
      ),
    },
  },
  validateStack: validateInstancesNotStopped,
};
