/**
 * Koyeb clients other than ours against the emulator: Koyeb's official Python SDK (koyeb-sdk,
 * unmodified: ListInstances with filters and paging, GetInstance, ListInstanceEvents, typed 400/401/404
 * errors; koyeb-api-client-go is not served by this machine's Go proxy) and a Go client of the exec
 * websocket speaking koyeb-cli's handshake and frames (gorilla/websocket).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { repoRoot } from "../helpers/engine";

const run = promisify(execFile);

async function output(file: string, args: string[], env: Record<string, string>, cwd?: string): Promise<Record<string, unknown>> {
  try {
    const { stdout } = await run(file, args, { env: { ...process.env, ...env }, cwd, timeout: 120_000 });
    return JSON.parse(stdout.trim().split("\n").pop() as string);
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${path.basename(file)} ${args.join(" ")} failed: ${failure.stderr || failure.stdout || failure.message}`);
  }
}

/** A virtualenv under .work/ with the SDK pinned in requirements.txt (installed once from PyPI). */
async function koyebSdkPython(): Promise<string> {
  const venv = path.join(repoRoot, ".work", "koyeb-sdk-venv");
  const python = path.join(venv, "bin", "python");
  const requirements = path.join(repoRoot, "test", "contract", "koyeb-python", "requirements.txt");
  const marker = path.join(venv, "requirements.installed");
  const wanted = fs.readFileSync(requirements, "utf8");
  if (!fs.existsSync(marker) || fs.readFileSync(marker, "utf8") !== wanted) {
    if (!fs.existsSync(python)) await run("python3", ["-m", "venv", venv]);
    await run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements], { maxBuffer: 16 << 20 });
    fs.writeFileSync(marker, wanted);
  }
  return python;
}

describe("Koyeb clients against the emulator", () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it("koyeb-sdk (Python): list with filters and paging, get, events, and typed errors", async () => {
    const python = await koyebSdkPython();
    await emulator.clearCalls();
    const report = await output(python, [path.join(repoRoot, "test", "contract", "koyeb-python", "sdk_flows.py")], emulator.env);
    expect(report).toEqual({ ok: true, healthy: 6, events: 4 });
    const calls = await emulator.calls();
    expect(calls.filter((c) => c.path === "/v1/instances" && /statuses=HEALTHY/.test(c.query ?? ""))).toHaveLength(3);
    expect(calls.filter((c) => c.path === "/v1/instance_events")).toHaveLength(2);
    expect(new Set(calls.map((c) => c.status))).toEqual(new Set([200, 400, 401, 404]));
  }, 600_000);

  it("exec websocket with koyeb-cli's handshake (Bearer subprotocol pair): output, stdin, exit code, error frame, 401", async () => {
    const dir = path.join(repoRoot, "test", "contract", "go", "koyeb");
    const binary = path.join(repoRoot, ".work", "bin", "koyeb-exec-flow");
    await run("go", ["build", "-o", binary, "."], { cwd: dir, env: { ...process.env, GOFLAGS: "-mod=mod" } });
    await emulator.clearCalls();
    const report = await output(binary, [], emulator.env);
    expect(report.ok).toBe(true);
    expect((await emulator.calls()).filter((c) => c.path === "/v1/streams/instances/exec")).toHaveLength(5);
  }, 600_000);
});
