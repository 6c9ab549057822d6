/**
 * Credential and endpoint resolution, done at call time and never captured in `__provider`.
 * Order: explicit stack config (passed to the provider's `configure`) → the vendor's official
 * environment variables → a clear error naming both places.
 */
import { CredentialsError } from "./errors";
import { registerSecret } from "./redact";

/** The part of the engine's provider config we use: `get("exoscale:apiKey")`. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

let stackConfig: ConfigSource | undefined;

/** Called from the provider's `configure(req)` with the stack config the engine passed in. */
export function setStackConfig(config: ConfigSource | undefined): void {
  stackConfig = config;
}

/** One setting to resolve: where to look, and how to describe it if it is nowhere. */
export interface SettingSpec {
  /** Human name used in the error ("Exoscale API secret"). */
  what: string;
  /** Namespaced stack config keys, in order (e.g. "exoscale:apiSecret"). */
  config: string[];
  /** Environment variables, in order (e.g. "EXOSCALE_API_SECRET"). */
  env: string[];
  /** Mask the value in every log line and error message. */
  secret?: boolean;
}

/** In a Pulumi program (functions such as getExoscaleInstance) config comes from the engine's runtime settings. */
function programConfig(key: string): string | undefined {
  // Loaded lazily: the provider process passes config through `configure` instead.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).runtime.getConfig(key);
}

function lookupConfig(key: string): string | undefined {
  try {
    const value = stackConfig ? stackConfig.get(key) : programConfig(key);
    return value === undefined || value === null || value === "" ? undefined : String(value);
  } catch {
    return undefined;
  }
}

/** Returns the first value set for `spec`, or undefined. */
export function optionalSetting(spec: SettingSpec): string | undefined {
  for (const key of spec.config) {
    const value = lookupConfig(key);
    if (value !== undefined) return remember(spec, value);
  }
  for (const name of spec.env) {
    const value = process.env[name];
    if (value !== undefined && value !== "") return remember(spec, value);
  }
  return undefined;
}

/** Returns the value for `spec`, or throws a CredentialsError naming every place we looked. */
export function requireSetting(spec: SettingSpec): string {
  const value = optionalSetting(spec);
  if (value !== undefined) return value;
  const configHint = spec.config.map((key) => `\`pulumi config set${spec.secret ? " --secret" : ""} ${key} …\``);
  throw new CredentialsError(
    `${spec.what} is not configured: set ${[...configHint, ...spec.env.map((name) => `the ${name} environment variable`)].join(" or ")}.`,
  );
}

function remember(spec: SettingSpec, value: string): string {
  if (spec.secret) registerSecret(value);
  return value;
}
