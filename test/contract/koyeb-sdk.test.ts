/**
 * Koyeb clients other than ours against the emulator: Koyeb's official Python SDK (koyeb-sdk,
 * unmodified: ListInstances with filters and paging, GetInstance, ListInstanceEvents, typed 400/401/404
 * errors; koyeb-api-client-go is not served by this machine's Go proxy) and a Go client of the exec
 * websocket speaking koyeb-cli's handshake and frames (gorilla/websocket).
 */
import * as path from "node:path";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { repoRoot } from "../helpers/engine";
import { buildGoProgram, pythonWithRequirements, runReport } from "../helpers/sdk-programs";

describe("Koyeb clients against the emulator", () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it("koyeb-sdk (Python): list with filters and paging, get, events, and typed errors", async () => {
    const python = await pythonWithRequirements("test/contract/koyeb-python/requirements.txt", "koyeb-sdk-venv");
    await emulator.clearCalls();
    const report = await runReport(
      python,
      [path.join(repoRoot, "test", "contract", "koyeb-python", "sdk_flows.py")],
      emulator.env,
    );
    expect(report).toEqual({ ok: true, healthy: 6, events: 4 });
    const calls = await emulator.calls();
    expect(calls.filter((c) => c.path === "/v1/instances" && /statuses=HEALTHY/.test(c.query ?? ""))).toHaveLength(3);
    expect(calls.filter((c) => c.path === "/v1/instance_events")).toHaveLength(2);
    expect(new Set(calls.map((c) => c.status))).toEqual(new Set([200, 400, 401, 404]));
  }, 600_000);

  it("exec websocket with koyeb-cli's handshake (Bearer subprotocol pair): output, stdin, exit code, error frame, 401", async () => {
    const binary = await buildGoProgram("test/contract/go/koyeb", "koyeb-exec-flow");
    await emulator.clearCalls();
    const report = await runReport(binary, [], emulator.env);
    expect(report.ok).toBe(true);
    expect((await emulator.calls()).filter((c) => c.path === "/v1/streams/instances/exec")).toHaveLength(5);
  }, 600_000);
});
