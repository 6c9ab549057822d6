/**
 * Shared by the policy and GitOps e2e tests: the compute-guardrails pack, installed and compiled on
 * first use (a fresh clone has neither), and policy config files for `policyPackConfigs`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../helpers/engine";

/** The policy pack's folder. */
export const policyPackDir = path.join(repoRoot, "policy");

function newestMtime(dir: string): number {
  return Math.max(
    ...fs.readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const file = path.join(dir, entry.name);
      return entry.isDirectory() ? newestMtime(file) : fs.statSync(file).mtimeMs;
    }),
  );
}

/** Installs the pack's node_modules and compiles it when missing or stale; returns the pack's folder. */
export function ensurePolicyPack(): string {
  const run = (args: string[]) =>
    execFileSync("npm", args, { cwd: policyPackDir, stdio: ["ignore", "ignore", "inherit"] });
  const lock = path.join(policyPackDir, "node_modules", ".package-lock.json");
  if (
    !fs.existsSync(lock) ||
    fs.statSync(path.join(policyPackDir, "package-lock.json")).mtimeMs > fs.statSync(lock).mtimeMs
  ) {
    run(["ci", "--no-audit", "--no-fund"]);
  }
  const main = path.join(policyPackDir, "dist", "index.js");
  if (!fs.existsSync(main) || newestMtime(path.join(policyPackDir, "src")) > fs.statSync(main).mtimeMs)
    run(["run", "build"]);
  return policyPackDir;
}

/** Writes a policy pack config file (`--policy-pack-config`) into `dir` and returns its path. */
export function writePolicyConfig(dir: string, name: string, config: Record<string, unknown>): string {
  const file = path.join(dir, `${name}.policy-config.json`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}
