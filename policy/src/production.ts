/**
 * What makes a resource "production": its stack name matches one of the configured patterns, or
 * one of its labels/tags says so. Every policy of the pack shares this definition and its config
 * properties (Pulumi scopes policy config per policy, so each policy declares them).
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { firstMatch } from "./patterns";

/** One property of a policy's config schema (JSON schema). */
type ConfigProperty = PolicyConfigSchema["properties"][string];

/** Config properties that define "production". */
export interface ProductionConfig {
  /** Glob patterns (case-insensitive, `*` and `?`) for production stack names. */
  stackPatterns: string[];
  /** Label/tag keys that carry the environment (case-insensitive). */
  labelKeys: string[];
  /** Values of those keys that mean production (case-insensitive). */
  labelValues: string[];
}

/** The default production definition: stacks prod, production, prod-*; labels env/environment = prod/production. */
export const DEFAULT_PRODUCTION: ProductionConfig = {
  stackPatterns: ["prod", "production", "prod-*"],
  labelKeys: ["env", "environment"],
  labelValues: ["prod", "production"],
};

/** A config property holding a list of non-empty strings. */
export const stringListProperty = (description: string, defaults: string[]): ConfigProperty => ({
  type: "array",
  items: { type: "string", minLength: 1 },
  default: defaults,
  description,
});

/** JSON-schema properties of {@link ProductionConfig}, with their defaults (the engine fills them in). */
export const productionConfigSchema: Record<keyof ProductionConfig, ConfigProperty> = {
  stackPatterns: stringListProperty(
    "Stack names that are production: case-insensitive globs (`*`, `?`). Use [] to rely on labels only.",
    DEFAULT_PRODUCTION.stackPatterns,
  ),
  labelKeys: stringListProperty(
    "Label keys (Exoscale/ComputeInstance `labels`, Incus `config` `user.<key>`, `tags` as `key=value`) that name the environment.",
    DEFAULT_PRODUCTION.labelKeys,
  ),
  labelValues: stringListProperty(
    "Values of those keys that mean production (case-insensitive).",
    DEFAULT_PRODUCTION.labelValues,
  ),
};

/** The policy's config from `getConfig()`, with `defaults` for every property it does not set. */
export function withDefaults<T extends object>(defaults: T, given: Partial<T> | undefined): T {
  const result = { ...defaults };
  for (const key of Object.keys(defaults) as Array<keyof T>) {
    const value = given?.[key];
    if (value !== undefined && value !== null) result[key] = value;
  }
  return result;
}

/** The stack name inside a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackOf(urn: string): string {
  const head = urn.split("::")[0] ?? "";
  return head.startsWith("urn:pulumi:") ? head.slice("urn:pulumi:".length) : head;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The label pairs of a resource whose key passes `wanted`, from every place the clouds keep them:
 * `labels` (Exoscale, ComputeInstance), `tags` as a map or as `key=value` / `key:value` strings
 * (Scaleway), and Incus `config` keys `user.<key>`. Only wanted values are read, so an unrelated
 * value that is unknown during preview does not stop the policy.
 */
export function labelPairs(props: Record<string, unknown>, wanted: (key: string) => boolean): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const fromMap = (map: Record<string, unknown>, prefix = "") => {
    for (const key of Object.keys(map)) {
      if (!key.startsWith(prefix)) continue;
      const name = key.slice(prefix.length);
      if (wanted(name)) pairs.push([name, String(map[key])]);
    }
  };
  const { labels } = props;
  if (isRecord(labels)) fromMap(labels);
  const { tags } = props;
  if (Array.isArray(tags)) {
    for (let i = 0; i < tags.length; i++) {
      const match = /^([^=:]+)[=:](.*)$/.exec(String(tags[i]));
      if (match && wanted(match[1].trim())) pairs.push([match[1].trim(), match[2].trim()]);
    }
  } else if (isRecord(tags)) {
    fromMap(tags);
  }
  const { config } = props;
  if (isRecord(config)) fromMap(config, "user.");
  return pairs;
}

/** The value of the first label named `key` (case-insensitive), or undefined. */
export function labelValue(props: Record<string, unknown>, key: string): string | undefined {
  return labelPairs(props, (name) => name.toLowerCase() === key.toLowerCase())[0]?.[1];
}

/**
 * Why a resource counts as production ("the stack \"prod\" matches \"prod\"", "it is labelled
 * env=production"), or undefined when it does not. The stack name is checked first, so labels are
 * not read (and cannot be unknown) when the stack alone decides.
 */
export function productionReason(
  resource: { urn: string; props: Record<string, unknown> },
  config: ProductionConfig,
): string | undefined {
  const stack = stackOf(resource.urn);
  const pattern = firstMatch(stack, config.stackPatterns);
  if (pattern !== undefined) return `the stack "${stack}" matches "${pattern}"`;
  const keys = new Set(config.labelKeys.map((key) => key.toLowerCase()));
  const values = new Set(config.labelValues.map((value) => value.toLowerCase()));
  const match = labelPairs(resource.props, (key) => keys.has(key.toLowerCase())).find(([, value]) =>
    values.has(value.trim().toLowerCase()),
  );
  return match ? `it is labelled ${match[0]}=${match[1]}` : undefined;
}
