/**
 * Secret values (user data, …) leave the command in one of three ways the user picks: not at all
 * (the default: the printed `pulumi config set --secret KEY` prompts for the value), written to
 * files under `--secrets-dir` that only the user can read (the commands then read them), or, with
 * `--show-secrets`, printed in the commands. They are never written to the module.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { SecretConfig } from "./codegen";
import { AdoptError } from "./errors";

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
