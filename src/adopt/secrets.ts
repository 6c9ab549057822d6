/**
 * Secret values read from a cloud: which they are, and how they leave the command.
 *
 * User data (it often carries tokens and passwords) always is secret; so are Incus config keys
 * holding cloud-init data or named like a credential (`environment.DB_PASSWORD`).
 *
 * They leave the command in one of three ways the user picks: not at all (the default: the printed
 * `pulumi config set --secret KEY` prompts for the value), written to files under `--secrets-dir`
 * that only the user can read (the commands then read them), or, with `--show-secrets`, printed in
 * the commands. They are never written to the module.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { registerSecret } from "../core/redact";
import { decodeUserData } from "../core/user-data";
import type { SecretConfig } from "./codegen";
import { SecretValue } from "./model";
import { AdoptError } from "./options";

const CLOUD_INIT_DATA = /(^|\.)(user-data|vendor-data)$/;
const CREDENTIAL_NAME = /pass(word|wd)?|secret|token|credential|private|api[-_.]?key|access[-_.]?key/i;

/** Whether an Incus config key's value is to be kept out of the module. */
export function isSecretConfigKey(key: string): boolean {
  return CLOUD_INIT_DATA.test(key) || CREDENTIAL_NAME.test(key.split(".").slice(1).join(".") || key);
}

/** "cloud-init.user-data" → "CloudInitUserData", for config key names. */
export function keySuffix(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
}

/** A secret, remembered so that no error or log line of this process can print it. */
export function secret(value: string, suffix: string, what: string): SecretValue {
  registerSecret(value);
  return new SecretValue(value, suffix, what);
}

/**
 * User data as the resources take it (plain text), from what an API returns (base64); undefined
 * when it is not text (gzip-compressed cloud-init, say), which the resources cannot express.
 */
export function userDataText(raw: string): string | undefined {
  const text = decodeUserData(raw);
  return text === raw && /^[A-Za-z0-9+/]+={0,2}$/.test(raw) && raw.length % 4 === 0 && raw.length >= 8
    ? undefined
    : text;
}

/** A word the shell passes through unchanged: single-quoted, with each `'` written as `'\''`. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

/**
 * Writes each value to `dir/<key>` (folder 0700, files 0600). `pulumi config set` drops one
 * trailing newline from a value it reads from stdin, so one is added to keep the value exact.
 * Every file is checked before any is written: an existing one without `force` writes nothing.
 */
export function writeSecretFiles(dir: string, secrets: SecretConfig[], force: boolean): void {
  if (secrets.length === 0) return;
  const files = secrets.map((secret) => ({ file: path.join(dir, secret.key), value: secret.value }));
  const existing = files.filter(({ file }) => fs.existsSync(file));
  if (existing.length > 0 && !force)
    throw new AdoptError(
      `--secrets-dir ${dir}: ${existing.map(({ file }) => path.basename(file)).join(", ")} exist already; pass --force to overwrite them`,
    );
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const { file, value } of files) {
      fs.writeFileSync(file, `${value}\n`, { mode: 0o600 });
      fs.chmodSync(file, 0o600);
    }
  } catch (error) {
    throw new AdoptError(`--secrets-dir ${dir}: ${(error as Error).message}`);
  }
}

/** The `pulumi config set --secret` command for each secret, in the form the options chose. */
export function configCommands(
  secrets: SecretConfig[],
  options: { secretsDir?: string; showSecrets: boolean },
): string[] {
  return secrets.map((secret) => {
    if (options.showSecrets) return `pulumi config set --secret ${secret.key} -- ${shellQuote(secret.value)}`;
    if (options.secretsDir !== undefined)
      return `pulumi config set --secret ${secret.key} < ${shellQuote(path.join(options.secretsDir, secret.key))}`;
    return `pulumi config set --secret ${secret.key}    # ${secret.what} of ${secret.owner}`;
  });
}
