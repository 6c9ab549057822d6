/**
 * Exoscale's official Python SDK (`exoscale` on PyPI, the v2 client generated from the vendor's
 * spec, signing with requests-exoscale-auth) runs unmodified flows against the emulator: create,
 * get, list, update, stop/scale/resize/start, snapshot, protection, delete, and a wrong secret.
 * egoscale v3, the Go SDK, has its own test (exoscale-go-sdk.test.ts); this one covers the other
 * official client, written and signed independently.
 */
import * as path from "node:path";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { pythonWithRequirements, runReport } from "../helpers/sdk-programs";

describe("Exoscale's Python SDK against the emulator", () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 50 });
  });
  afterAll(() => emulator?.close());

  it("runs create, update, scale, snapshot, protection and delete flows with its own signing and waits", async () => {
    const python = await pythonWithRequirements("test/contract/exoscale-sdk/requirements.txt", "py-exoscale-sdk");
    const seen = await runReport(python, [path.join(__dirname, "exoscale-sdk", "flow.py")], emulator.env);
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
    expect(
      calls.filter((c) => c.status === 403).map((c) => `${c.method} ${c.path.replace(/[0-9a-f-]{36}/, "{id}")}`),
    ).toEqual(["DELETE /v2/instance/{id}", "GET /v2/instance"]);
    expect(calls.some((c) => c.path.endsWith(":scale") && c.status === 200)).toBe(true);
  });
});
