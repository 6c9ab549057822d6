/**
 * Credential and endpoint resolution, done at call time and never captured in `__provider`.
 * Order: explicit stack config (passed to the provider's `configure`) → the vendor's official
 * environment variables → a clear error naming both places.
 *
 * An account object (`ExoscaleAccount`, `IncusRemote`, …) is a provider of its own: its process's
 * `configure` receives the account's settings instead of the stack config, marked with
 * {@link ACCOUNT_NAME_KEY}. Then the cloud's settings come from the account alone: neither the stack
 * config nor the environment (the default account) can fill a gap in it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { CredentialsError } from "./errors";
import { registerSecret } from "./redact";

/** Provider config keys every account object sets: its resource name and its cloud. */
export const ACCOUNT_NAME_KEY = "dynamic-compute:account";
export const ACCOUNT_CLOUD_KEY = "dynamic-compute:cloud";

/** The clouds whose settings an account holds, by config namespace. */
const CLOUD_NAMES: Record<string, string> = {
  exoscale: "Exoscale",
  scaleway: "Scaleway",
  koyeb: "Koyeb",
  compute: "Instances API",
  incus: "Incus",
};

/** Each cloud's account class, for messages. */
const ACCOUNT_CLASSES: Record<string, string> = {
  exoscale: "ExoscaleAccount",
  scaleway: "ScalewayAccount",
  koyeb: "KoyebAccount",
  compute: "ComputeAccount",
  incus: "IncusRemote",
};

/** The account in effect: a named account object, or the stack's default (stack config and environment). */
interface AccountInUse {
  /** The account object's resource name; "default" for stack config and environment. */
  name: string;
  /** Its cloud ("exoscale"), when it is an account object. */
  cloud?: string;
}

/** The part of the engine's provider config we use: `get("exoscale:apiKey")`. */
interface ConfigSource {
  get(key: string): string | undefined;
}

let stackConfig: ConfigSource | undefined;

/** Settings of an account a function was given, for the calls made inside {@link withAccountSettings}. */
const functionAccount = new AsyncLocalStorage<ConfigSource>();

/**
 * Runs `fn` with `settings` (an account object's provider config) as the only source of its cloud's
 * settings: how functions, which run in the program rather than in a provider process, use an account.
 */
export function withAccountSettings<T>(settings: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  return functionAccount.run({ get: (key) => settings[key] }, fn);
}

function activeSource(): ConfigSource | undefined {
  return functionAccount.getStore() ?? stackConfig;
}

/** The account whose settings calls made now use. */
export function accountInUse(): AccountInUse {
  const source = activeSource();
  const name = source?.get(ACCOUNT_NAME_KEY);
  if (name === undefined || name === null || name === "") return { name: "default" };
  return { name: String(name), cloud: source?.get(ACCOUNT_CLOUD_KEY) };
}

/** "account "b" (Exoscale)" or "the default account (stack config and environment)", for messages. */
export function describeAccount(name: string, cloud?: string): string {
  if (name === "default") return "the default account (stack config and environment)";
  return `account "${name}"${cloud && CLOUD_NAMES[cloud] ? ` (${CLOUD_NAMES[cloud]})` : ""}`;
}

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
    const source = activeSource();
    const value = source ? source.get(key) : programConfig(key);
    return value === undefined || value === null || value === "" ? undefined : String(value);
  } catch {
    return undefined;
  }
}

/** The cloud a setting belongs to ("exoscale" for "exoscale:apiKey"), if it is a cloud's. */
function cloudOf(spec: SettingSpec): string | undefined {
  const namespace = spec.config[0]?.split(":")[0];
  return namespace !== undefined && namespace in CLOUD_NAMES ? namespace : undefined;
}

/**
 * Whether `spec` is read from an account object alone. Asking an account of one cloud for another
 * cloud's setting (an Incus resource given an ExoscaleAccount) is refused, naming both.
 */
function fromAccountOnly(spec: SettingSpec): boolean {
  const account = accountInUse();
  const cloud = cloudOf(spec);
  if (account.cloud === undefined || cloud === undefined) return false;
  if (account.cloud !== cloud)
    throw new CredentialsError(
      `${spec.what}: the account in use is ${describeAccount(account.name, account.cloud)}, which holds no ${CLOUD_NAMES[cloud]} settings; use an account object of that cloud (${ACCOUNT_CLASSES[cloud]})`,
    );
  return true;
}

/** Returns the first value set for `spec`, or undefined. */
export function optionalSetting(spec: SettingSpec): string | undefined {
  for (const key of spec.config) {
    const value = lookupConfig(key);
    if (value !== undefined) return remember(spec, value);
  }
  if (fromAccountOnly(spec)) return undefined;
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
  const account = accountInUse();
  if (account.cloud !== undefined)
    throw new CredentialsError(
      `${spec.what} is not set on ${describeAccount(account.name, account.cloud)}: an account object takes its settings from its arguments only, never from stack config or the environment.`,
    );
  const configHint = spec.config.map((key) => `\`pulumi config set${spec.secret ? " --secret" : ""} ${key} …\``);
  throw new CredentialsError(
    `${spec.what} is not configured: set ${[...configHint, ...spec.env.map((name) => `the ${name} environment variable`)].join(" or ")}.`,
  );
}

function remember(spec: SettingSpec, value: string): string {
  if (spec.secret) registerSecret(value);
  return value;
}
