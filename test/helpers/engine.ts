/**
 * A Pulumi stack on the real engine for e2e tests, run the way users run it: the `pulumi` CLI of the
 * engine folder in the program's own folder (Pulumi.yaml, package.json, tsconfig.json), which the
 * Node language host runs with ts-node. Each stack gets a copy of the program folder and a throw-away
 * backend and PULUMI_HOME under `.work/e2e/`; inside the repository the copy resolves @pulumi/pulumi
 * and pulumi-dynamic-compute from the root node_modules, like the examples themselves.
 */
import { execFile, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { engineEnv, root } = require("../../scripts/lib/engine") as {
  engineEnv(workRoot: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
  root: string;
};

export const repoRoot: string = root;
/** Environment for engine runs rooted at `workRoot` (state and PULUMI_HOME live there), the engine folder first on PATH. */
export const engineEnvironment = engineEnv;

export interface OperationResult {
  ok: boolean;
  op: string;
  ms: number;
  /** Everything the CLI printed, stdout and stderr as they came (progress, diagnostics, provider console lines). */
  output: string;
  /** What the CLI printed on stderr, when the operation failed. */
  error?: string;
  outputs?: Record<string, unknown>;
  summary?: { result: string; resourceChanges?: Record<string, number> };
  changeSummary?: Record<string, number>;
}

export interface StackOptions {
  /** Program folder, relative to the repo root or absolute (holds Pulumi.yaml, package.json, index.ts). */
  program: string;
  /**
   * Run in the program folder itself instead of a copy under .work/e2e (for programs with their
   * own node_modules, e.g. the packed-package test).
   */
  inPlace?: boolean;
  /** Extra environment for the engine and providers (e.g. the emulator's env). */
  env?: Record<string, string>;
  /** Stack config set before the first operation; `{ secret: true }` encrypts it. */
  config?: Record<string, string | { value: string; secret?: boolean }>;
  stack?: string;
  /** Type-check the program with ts-node, as `pulumi up` does by default (slower: docs/contributing/engine.md). */
  typeCheck?: boolean;
}

/**
 * Options of an operation, named as in the Automation API (`parallel`, `policyPacks`, …), and the
 * CLI flags they become. An option without a flag here is refused rather than silently dropped.
 */
const FLAGS: Record<string, (value: any) => string[]> = {
  parallel: (n: number) => ["--parallel", String(n)],
  policyPacks: (packs: string[]) => packs.flatMap((pack) => ["--policy-pack", pack]),
  policyPackConfigs: (files: string[]) => files.flatMap((file) => ["--policy-pack-config", file]),
  target: (urns: string[]) => urns.flatMap((urn) => ["--target", urn]),
  exclude: (urns: string[]) => urns.flatMap((urn) => ["--exclude", urn]),
  replace: (urns: string[]) => urns.flatMap((urn) => ["--replace", urn]),
  message: (text: string) => ["--message", text],
  logVerbosity: (level: number) => [`-v=${level}`],
  diff: (on: boolean) => (on ? ["--diff"] : []),
  expectNoChanges: (on: boolean) => (on ? ["--expect-no-changes"] : []),
  targetDependents: (on: boolean) => (on ? ["--target-dependents"] : []),
  excludeDependents: (on: boolean) => (on ? ["--exclude-dependents"] : []),
  excludeProtected: (on: boolean) => (on ? ["--exclude-protected"] : []),
  runProgram: (on: boolean) => (on ? ["--run-program"] : []),
  showSecrets: (on: boolean) => (on ? ["--show-secrets"] : []),
  suppressOutputs: (on: boolean) => (on ? ["--suppress-outputs"] : []),
  suppressProgress: (on: boolean) => (on ? ["--suppress-progress"] : []),
  refresh: (on: boolean) => (on ? ["--refresh"] : []),
  continueOnError: (on: boolean) => (on ? ["--continue-on-error"] : []),
  clearPendingCreates: (on: boolean) => (on ? ["--clear-pending-creates"] : []),
  logFlow: (on: boolean) => (on ? ["--logflow"] : []),
  logToStdErr: (on: boolean) => (on ? ["--logtostderr"] : []),
  debug: (on: boolean) => (on ? ["--debug"] : []),
};

/** What each operation runs; like the Automation API, up/refresh/destroy skip their own preview. */
const OPERATIONS: Record<string, string[]> = {
  preview: ["preview"],
  up: ["up", "--yes", "--skip-preview"],
  refresh: ["refresh", "--yes", "--skip-preview"],
  destroy: ["destroy", "--yes", "--skip-preview"],
};

/** The CLI arguments of one operation. */
export function operationArgs(op: string, options: Record<string, unknown>): string[] {
  const base = OPERATIONS[op];
  if (!base) throw new Error(`unknown operation ${op}`);
  const flags = Object.entries(options).flatMap(([name, value]) => {
    const flag = FLAGS[name];
    if (!flag) throw new Error(`no CLI flag for the option ${name}`);
    return value === undefined ? [] : flag(value);
  });
  return [...base, ...flags];
}

/** The engine's summary event from an `--event-log` file: resource changes by operation. */
function resourceChanges(eventLog: string): Record<string, number> | undefined {
  if (!fs.existsSync(eventLog)) return undefined;
  for (const line of fs.readFileSync(eventLog, "utf8").split("\n").reverse()) {
    if (!line.includes('"summaryEvent"')) continue;
    return JSON.parse(line).summaryEvent.resourceChanges ?? {};
  }
  return undefined;
}

/**
 * A program inside the repository without a package.json of its own would be taken for part of the
 * package (its `main`, its tsconfig), and ts-node fails in confusing ways: say so up front.
 */
function checkProgramFolder(programDir: string): void {
  if (!programDir.startsWith(repoRoot + path.sep)) return;
  const main = /^main:\s*(\S+)/m.exec(fs.readFileSync(path.join(programDir, "Pulumi.yaml"), "utf8"))?.[1];
  const entry = path.resolve(programDir, main ?? ".");
  const home = fs.existsSync(entry) && fs.statSync(entry).isFile() ? path.dirname(entry) : entry;
  if (fs.existsSync(home) && !fs.existsSync(path.join(home, "package.json"))) {
    throw new Error(
      `${home} has no package.json: a program folder needs Pulumi.yaml, package.json and tsconfig.json (copy them from examples/compute)`,
    );
  }
}

let counter = 0;

export class TestStack {
  readonly workRoot: string;
  readonly workDir: string;
  readonly stack: string;
  env: NodeJS.ProcessEnv;
  private runs = 0;

  private constructor(options: StackOptions) {
    const id = `${path.basename(options.program)}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
    this.workRoot = path.join(repoRoot, ".work", "e2e", id);
    this.stack = options.stack ?? "test";
    const programDir = path.resolve(repoRoot, options.program);
    checkProgramFolder(programDir);
    this.workDir = options.inPlace ? programDir : path.join(this.workRoot, path.basename(programDir));
    if (!options.inPlace) {
      // The program's files, not its installed modules or stack settings.
      fs.cpSync(programDir, this.workDir, {
        recursive: true,
        filter: (file) => !/^(node_modules|bin|Pulumi\..+\.yaml)$/.test(path.basename(file)),
      });
    }
    this.env = engineEnv(this.workRoot, {
      ...(options.typeCheck ? {} : { PULUMI_NODEJS_TRANSPILE_ONLY: "true" }),
      ...options.env,
    });
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
  async cli(
    args: string[],
    options: { allowFailure?: boolean } = {},
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await promisify(execFile)("pulumi", [...args, "--non-interactive"], {
        cwd: this.workDir,
        env: this.env,
        maxBuffer: 64 << 20,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code?: number; stdout?: string; stderr?: string };
      if (!options.allowFailure)
        throw new Error(`pulumi ${args.join(" ")} failed: ${failure.stderr || failure.stdout}`, { cause: error });
      return { code: failure.code ?? 1, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
    }
  }

  async setConfig(key: string, value: string, secret = false): Promise<void> {
    await this.cli(["config", "set", "--stack", this.stack, key, value, ...(secret ? ["--secret"] : ["--plaintext"])]);
  }

  /**
   * A secret read from stdin, as a user sets a PEM key (`pulumi config set --secret KEY < file`): a
   * value starting with "-----" cannot be an argument.
   */
  setSecretConfigFromStdin(key: string, value: string): void {
    const set = spawnSync("pulumi", ["config", "set", "--stack", this.stack, "--secret", key, "--non-interactive"], {
      cwd: this.workDir,
      env: this.env,
      input: value,
      encoding: "utf8",
    });
    if (set.status !== 0 || set.stderr !== "")
      throw new Error(`pulumi config set --secret ${key} failed (exit ${set.status}): ${set.stderr}`);
  }

  async removeConfig(key: string): Promise<void> {
    await this.cli(["config", "rm", "--stack", this.stack, key]);
  }

  /** `pulumi stack export` as parsed JSON (secrets stay encrypted unless `showSecrets`). */
  async exportState(showSecrets = false): Promise<{
    deployment: {
      resources?: Array<{
        urn: string;
        type: string;
        id?: string;
        inputs?: Record<string, unknown>;
        outputs?: Record<string, unknown>;
        protect?: boolean;
        parent?: string;
      }>;
      pending_operations?: unknown[];
    };
  }> {
    const { stdout } = await this.cli([
      "stack",
      "export",
      "--stack",
      this.stack,
      ...(showSecrets ? ["--show-secrets"] : []),
    ]);
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

  /**
   * Runs `pulumi <op>` in the program folder and returns what happened (never throws on engine
   * failure). `onSpawn` gets the CLI's pid. Outputs (secrets as "[secret]") come from
   * `pulumi stack output` after an up; the change counts from the engine's event log.
   */
  async run(
    op: string,
    options: Record<string, unknown> = {},
    hooks: { onSpawn?: (pid: number) => void } = {},
  ): Promise<OperationResult> {
    const eventLog = path.join(this.workRoot, `events-${++this.runs}.jsonl`);
    fs.mkdirSync(this.workRoot, { recursive: true });
    const args = [
      ...operationArgs(op, options),
      "--stack",
      this.stack,
      "--non-interactive",
      "--color",
      "never",
      "--event-log",
      eventLog,
    ];
    const started = Date.now();
    const { code, output, stderr } = await new Promise<{ code: number | null; output: string; stderr: string }>(
      (resolve, reject) => {
        // --event-log is one of the CLI's debug flags (the Automation API turns them on the same way).
        const env = { ...this.env, PULUMI_DEBUG_COMMANDS: "true" };
        const child = spawn("pulumi", args, { cwd: this.workDir, env, stdio: ["ignore", "pipe", "pipe"] });
        hooks.onSpawn?.(child.pid ?? 0);
        let output = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => {
          output += chunk;
          stderr += chunk;
        });
        child.on("error", reject);
        child.on("close", (exitCode, signal) =>
          resolve({ code: exitCode, output, stderr: stderr || (signal ? `pulumi ${op} ended by ${signal}` : "") }),
        );
      },
    );
    const ms = Date.now() - started;
    const ok = code === 0;
    const changes = resourceChanges(eventLog);
    fs.rmSync(eventLog, { force: true });
    const result: OperationResult = { ok, op, ms, output, ...(ok ? {} : { error: stderr || output }) };
    if (op === "preview") return { ...result, changeSummary: changes };
    result.summary = { result: ok ? "succeeded" : "failed", resourceChanges: changes };
    if (op === "up" && ok)
      result.outputs = JSON.parse((await this.cli(["stack", "output", "--json", "--stack", this.stack])).stdout);
    return result;
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
  if (!result.ok)
    throw new Error(`pulumi ${result.op} failed:\n${result.error}\n--- engine output ---\n${result.output}`);
  return result;
}
