/**
 * The Automation API, for teams that embed Pulumi in their own tools, driving the engine folder's
 * CLI: an inline program (its resources defined in the embedding process) and a local program
 * folder through LocalWorkspace (run by the engine folder's Node language host). Each goes up, finds
 * nothing to change, and is destroyed, against the emulator.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { engineEnvironment, repoRoot } from "../helpers/engine";

interface AutomationResult {
  ok: boolean;
  error?: string;
  outputs?: Record<string, unknown>;
  summary?: { result: string; resourceChanges?: Record<string, number> };
  changeSummary?: Record<string, number>;
  /** What the engine printed. */
  output: string;
}

const work = path.join(repoRoot, ".work", `automation-${process.pid}`);

/** One operation through test/e2e/automation-runner.js, in its own process. */
function automation(
  env: NodeJS.ProcessEnv,
  job: { program: string; workDir: string; stack: string; op: string },
): Promise<AutomationResult> {
  const engineRoot = path.dirname(env.PULUMI_ENGINE_BIN as string);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(__dirname, "automation-runner.js"), JSON.stringify({ ...job, engineRoot })],
      { cwd: job.workDir, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let output = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout
        .split("\n")
        .reverse()
        .find((l) => l.startsWith("RESULT "));
      resolve(
        line
          ? { ...JSON.parse(line.slice("RESULT ".length)), output }
          : { ok: false, error: `runner exited with ${code}`, output },
      );
    });
  });
}

function expectSucceeded(result: AutomationResult): AutomationResult {
  if (!result.ok) throw new Error(`${result.error}\n--- engine output ---\n${result.output}`);
  return result;
}

describe("the Automation API on the engine folder", () => {
  let emulator: TestEmulator;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 100 });
    env = engineEnvironment(work, emulator.env);
  });

  afterAll(async () => {
    await emulator?.close();
    if (!process.env.KEEP_E2E_WORK) fs.rmSync(work, { recursive: true, force: true });
  });

  const instances = async () =>
    Object.values<{ metadata: { name: string } }>((await emulator.state()).compute?.instances ?? {});

  it("runs an inline program: up, a preview with nothing to change, destroy", async () => {
    const job = { program: "inline", workDir: path.join(work, "inline"), stack: "embedded" };
    fs.mkdirSync(job.workDir, { recursive: true });
    const up = expectSucceeded(await automation(env, { ...job, op: "up" }));
    expect(up.summary?.resourceChanges).toEqual({ create: 2 });
    expect(up.outputs?.state).toBe("running");
    expect((await instances()).map((i) => i.metadata.name)).toEqual(["automation-inline"]);
    expect(expectSucceeded(await automation(env, { ...job, op: "preview" })).changeSummary).toEqual({ same: 2 });
    expect(expectSucceeded(await automation(env, { ...job, op: "destroy" })).summary?.resourceChanges).toEqual({
      delete: 2,
    });
    expect(await instances()).toEqual([]);
  });

  it("runs a local program folder through LocalWorkspace: up, a preview with nothing to change, destroy", async () => {
    const program = path.join(work, "compute");
    fs.cpSync(path.join(repoRoot, "examples", "compute"), program, { recursive: true });
    const job = { program, workDir: program, stack: "embedded" };
    const up = expectSucceeded(await automation(env, { ...job, op: "up" }));
    expect(up.summary?.resourceChanges).toEqual({ create: 2 });
    expect(up.outputs?.state).toBe("running");
    expect((await instances()).map((i) => i.metadata.name)).toEqual(["web-server-01"]);
    expect(expectSucceeded(await automation(env, { ...job, op: "preview" })).changeSummary).toEqual({ same: 2 });
    expect(expectSucceeded(await automation(env, { ...job, op: "destroy" })).summary?.resourceChanges).toEqual({
      delete: 2,
    });
    expect(await instances()).toEqual([]);
  });
});
