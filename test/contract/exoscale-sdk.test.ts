/**
 * Exoscale's official Python SDK (`exoscale` on PyPI, the v2 client generated from the vendor's
 * spec, signing with requests-exoscale-auth) runs unmodified flows against the emulator: create,
 * get, list, update, stop/scale/resize/start, snapshot, protection, delete, and a wrong secret.
 * The Go SDK named in the design (egoscale v3) is not served by this network's Go module proxy.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../helpers/engine";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

const SDK_DIR = path.join(__dirname, "exoscale-sdk");
const VENV = path.join(repoRoot, ".work", "py-exoscale-sdk");

/** A virtualenv with the pinned SDK, made once and reused while requirements.txt is unchanged. */
function sdkPython(): string {
  const python = path.join(VENV, "bin", "python");
  const marker = path.join(VENV, "requirements.txt");
  const wanted = fs.readFileSync(path.join(SDK_DIR, "requirements.txt"), "utf8");
  if (!fs.existsSync(marker) || fs.readFileSync(marker, "utf8") !== wanted) {
    fs.rmSync(VENV, { recursive: true, force: true });
    execFileSync("python3", ["-m", "venv", VENV], { stdio: "inherit" });
    execFileSync(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", path.join(SDK_DIR, "requirements.txt")], { stdio: "inherit" });
    fs.writeFileSync(marker, wanted);
  }
  return python;
}

describe("Exoscale's Python SDK against the emulator", () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 50 });
  });
  afterAll(() => emulator?.close());

  it("runs create, update, scale, snapshot, protection and delete flows with its own signing and waits", async () => {
    const python = sdkPython();
    const output = await new Promise<string>((resolve, reject) => {
      const { execFile } = require("node:child_process") as typeof import("node:child_process");
      execFile(python, [path.join(SDK_DIR, "flow.py")], { env: { ...process.env, ...emulator.env } }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
    });
    const seen = JSON.parse(output);
    expect(seen).toEqual({
      zones: expect.arrayContaining(["ch-gva-2", "de-fra-1"]),
      created: "running",
      listed: [expect.any(String)],
      updated: { name: "sdk-renamed", labels: { origin: "sdk", tier: "web" } },
      stopped: "stopped",
      scaled: { state: "running", type: "standard.medium", disk: 30 },
      snapshot: "ready",
      password: true,
      start_running: 400,
      delete_protected: { status: 403, message: expect.stringMatching(/protected/) },
      remaining: [],
      bad_secret: { status: 403, message: "Invalid request signature" },
    });
    // Every SDK call was signed and accepted except the three refusals above.
    const calls = await emulator.calls();
    expect(calls.filter((c) => c.status === 403).map((c) => `${c.method} ${c.path.replace(/[0-9a-f-]{36}/, "{id}")}`)).toEqual(["DELETE /v2/instance/{id}", "GET /v2/instance"]);
    expect(calls.some((c) => c.path.endsWith(":scale") && c.status === 200)).toBe(true);
  });
});
