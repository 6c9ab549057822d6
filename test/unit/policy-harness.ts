/**
 * Runs the pack's validation functions the way @pulumi/policy's analyzer server does, without an
 * engine: synthetic resources whose props are wrapped in the package's own unknown-checking proxy
 * (so reading a value that is unknown during preview throws, as in a real preview), `getConfig`
 * returning the policy's config, and a `reportViolation` that collects what was reported.
 */
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T extends object>(value: T): T;
  unknownStringValue: string;
  unknownObjectValue: string;
};

/** Placeholders for values that are unknown during preview (the engine's sentinels). */
export const UNKNOWN = { string: proxy.unknownStringValue, object: proxy.unknownObjectValue };

/** A synthetic resource: its type, name and props, the stack it is in, and its options. */
export interface SyntheticResource {
  type: string;
  name: string;
  props?: Record<string, unknown>;
  stack?: string;
  protect?: boolean;
  /** URN of the parent resource. */
  parent?: string;
}

/** The resource's URN, shaped like the engine's (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function urnOf(resource: SyntheticResource): string {
  return `urn:pulumi:${resource.stack ?? "dev"}::compute-app::${resource.type}::${resource.name}`;
}

function options(resource: SyntheticResource) {
  return {
    protect: resource.protect ?? false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(resource.parent ? { parent: resource.parent } : {}),
  };
}

class NotApplicable extends Error {}

const common = (config: object) => ({
  stackTags: new Map<string, string>(),
  getConfig: <T extends object>() => config as T,
  notApplicable: (reason?: string): never => {
    throw new NotApplicable(reason);
  },
});

/** Runs a resource policy on one resource with `config`; returns the violation messages. */
export async function runResourcePolicy(
  policy: ResourceValidationPolicy,
  resource: SyntheticResource,
  config: object = {},
): Promise<string[]> {
  const violations: string[] = [];
  const report: ReportViolation = (message) => void violations.push(message);
  const args: ResourceValidationArgs = {
    type: resource.type,
    name: resource.name,
    urn: urnOf(resource),
    props: proxy.unknownCheckingProxy(resource.props ?? {}),
    opts: options(resource),
    isType: () => false,
    asType: () => undefined,
    ...common(config),
  };
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
  for (const validate of validations) await validate?.(args, report);
  return violations;
}

/** Runs a stack policy over `resources` (parents linked by URN) with `config`; returns `{ message, urn }` per violation. */
export async function runStackPolicy(
  policy: StackValidationPolicy,
  resources: SyntheticResource[],
  config: object = {},
): Promise<Array<{ message: string; urn?: string }>> {
  const violations: Array<{ message: string; urn?: string }> = [];
  const built: PolicyResource[] = resources.map((resource) => ({
    type: resource.type,
    name: resource.name,
    urn: urnOf(resource),
    props: proxy.unknownCheckingProxy(resource.props ?? {}),
    opts: options(resource),
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  }));
  for (const [i, resource] of resources.entries()) {
    const parent = built.find((candidate) => candidate.urn === resource.parent);
    if (parent) built[i].parent = parent;
  }
  const args: StackValidationArgs = { resources: built, ...common(config) };
  await policy.validateStack(args, (message, urn) => void violations.push({ message, urn }));
  return violations;
}
