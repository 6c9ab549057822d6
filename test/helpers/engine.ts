/**
 * A Pulumi stack on the real engine for e2e tests: a throw-away backend and PULUMI_HOME under
 * `.work/e2e/`, the program from a folder of this repo, and each engine operation in its own
 * process (scripts/run-program.js), as a user's `pulumi up` would be.
 */
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { engineEnv, root } = require("../../scripts/lib/engine") as {
  engineEnv(workRoot: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
  root: string;
};

export const repoRoot: string = root;

export interface OperationResult {
  ok: boolean;
  op: string;
  ms: number;
  /** Everything the engine printed (progress, diagnostics, provider console lines). */
  output: string;
  error?: string;
  outputs?: Record<string, unknown>;
  summary?: { result: string; resourceChanges?: Record<string, number> };
  changeSummary?: Record<string, number>;
}

export interface StackOptions {
  /** Program folder, relative to the repo root or absolute (holds Pulumi.yaml and index.ts). */
  program: string;
  /**
   * Run in the program folder itself instead of a copy of its Pulumi.yaml under .work/e2e (for
   * programs with their own node_modules, e.g. the packed-package test).
   */
  inPlace?: boolean;
  /** Extra environment for the engine and providers (e.g. the emulator's env). */
  env?: Record<string, string>;
  /** Stack config set before the first operation; `{ secret: true }` encrypts it. */
  config?: Record<string, string | { value: string; secret?: boolean }>;
  stack?: string;
}

let counter = 0;

export class TestStack {
  readonly workRoot: string;
  readonly workDir: string;
  readonly stack: string;
  private readonly programFile: string;
  env: NodeJS.ProcessEnv;

  private constructor(options: StackOptions) {
    const id = `${path.basename(options.program)}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
    this.workRoot = path.join(repoRoot, ".work", "e2e", id);
    this.stack = options.stack ?? "test";
    const programDir = path.resolve(repoRoot, options.program);
    this.programFile = path.join(programDir, "index.ts");
    this.workDir = options.inPlace ? programDir : path.join(this.workRoot, "project");
    if (!options.inPlace) {
      fs.mkdirSync(this.workDir, { recursive: true });
      fs.copyFileSync(path.join(programDir, "Pulumi.yaml"), path.join(this.workDir, "Pulumi.yaml"));
    }
    this.env = engineEnv(this.workRoot, options.env ?? {});
  }

  /** Creates the stack and sets its initial config. */
  static async create(options: StackOptions): Promise<TestStack> {
    const stack = new TestStack(options);
    await stack.cli(["stack", "init", stack.stack]);
    for (const [key, value] of Object.entries(options.config ?? {})) {
      const { value: text, secret } = typeof value === "string" ? { value, secret: false } : value;
      await stack.setConfig(key, text, secret);
    }
    return stack;
  }

  /** Runs the `pulumi` CLI in the stack's folder (config, export, cancel, state …). */
  async cli(args: string[], options: { allowFailure?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await promisify(execFile)("pulumi", [...args, "--non-interactive"], { cwd: this.workDir, env: this.env, maxBuffer: 64 << 20 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code?: number; stdout?: string; stderr?: string };
      if (!options.allowFailure) throw new Error(`pulumi ${args.join(" ")} failed: ${failure.stderr || failure.stdout}`);
      return { code: failure.code ?? 1, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
    }
  }

  async setConfig(key: string, value: string, secret = false): Promise<void> {
    await this.cli(["config", "set", "--stack", this.stack, key, value, ...(secret ? ["--secret"] : ["--plaintext"])]);
  }

  async removeConfig(key: string): Promise<void> {
    await this.cli(["config", "rm", "--stack", this.stack, key]);
  }

  /** `pulumi stack export` as parsed JSON (secrets stay encrypted unless `showSecrets`). */
  async exportState(showSecrets = false): Promise<{ deployment: { resources?: Array<{ urn: string; type: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown>; protect?: boolean; parent?: string }>; pending_operations?: unknown[] } }> {
    const { stdout } = await this.cli(["stack", "export", "--stack", this.stack, ...(showSecrets ? ["--show-secrets"] : [])]);
    return JSON.parse(stdout);
  }

  /** Resources of one type token in the exported state. */
  async resourcesOfType(type: string) {
    const state = await this.exportState();
    return (state.deployment.resources ?? []).filter((r) => r.type === type);
  }

  preview(options: Record<string, unknown> = {}) {
    return this.run("preview", options);
  }
  up(options: Record<string, unknown> = {}) {
    return this.run("up", options);
  }
  refresh(options: Record<string, unknown> = {}) {
    return this.run("refresh", options);
  }
  destroy(options: Record<string, unknown> = {}) {
    return this.run("destroy", options);
  }

  /** Runs one engine operation in a child process and returns what happened (never throws on engine failure). */
  run(op: string, options: Record<string, unknown> = {}, hooks: { onSpawn?: (pid: number) => void } = {}): Promise<OperationResult> {
    const job = { workDir: this.workDir, programFile: this.programFile, stack: this.stack, op, options };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(repoRoot, "scripts", "run-program.js"), JSON.stringify(job)], { cwd: this.workDir, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      hooks.onSpawn?.(child.pid ?? 0);
      let stdout = "";
      let output = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      child.on("error", reject);
      child.on("close", (code, signal) => {
        const line = stdout.split("\n").reverse().find((l) => l.startsWith("RESULT "));
        if (!line) return resolve({ ok: false, op, ms: 0, output, error: `runner exited with ${signal ?? code} before reporting a result` });
        resolve({ ...JSON.parse(line.slice("RESULT ".length)), output });
      });
    });
  }

  /** Destroys whatever is left (unprotecting first) and removes the work folder. */
  async cleanup(): Promise<void> {
    try {
      await this.cli(["state", "unprotect", "--all", "--yes", "--stack", this.stack], { allowFailure: true });
      await this.destroy();
    } finally {
      if (!process.env.KEEP_E2E_WORK) fs.rmSync(this.workRoot, { recursive: true, force: true });
    }
  }
}

/** Fails with the engine output when an operation did not succeed (readable test failures). */
export function expectOk(result: OperationResult): OperationResult {
  if (!result.ok) throw new Error(`pulumi ${result.op} failed:\n${result.error}\n--- engine output ---\n${result.output}`);
  return result;
}
