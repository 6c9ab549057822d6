/**
 * The official scaleway-sdk-go against the emulator, unmodified: today's release (v1.39.0:
 * GetSnapshot, GetVolume, list every page, create, wait, get, UpdateImage = PATCH, delete, typed
 * errors) and the release whose UpdateImage is the whole-object SetImage PUT (v1.0.0-beta.20).
 * Each is a Go program in test/contract/go/scaleway/ that exits non-zero on the first failed
 * expectation; this test builds and runs them, then checks the emulator saw the calls.
 */
import { buildGoProgram, runReport } from "../helpers/sdk-programs";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

describe("scaleway-sdk-go against the emulator", () => {
  let emulator: TestEmulator;
  let current: string;
  let legacy: string;

  beforeAll(async () => {
    // Long enough that the SDK's UpdateImage right after CreateImage surely meets a "creating" image.
    emulator = await startTestEmulator({ opDelayMs: 500 });
    [current, legacy] = await Promise.all([
      buildGoProgram("test/contract/go/scaleway", "scaleway-sdk-flows"),
      buildGoProgram("test/contract/go/scaleway/setimage", "scaleway-setimage-flow"),
    ]);
  }, 600_000);

  afterAll(async () => {
    await emulator?.close();
  });

  it("v1.39.0: GetSnapshot/GetVolume/ListImages/CreateImage/GetImage/UpdateImage(PATCH)/DeleteImage and every typed error", async () => {
    await emulator.clearCalls();
    const report = await runReport(current, [], emulator.env);
    expect(report).toMatchObject({ ok: true, snapshots: 4, publicImages: 14 });
    const calls = await emulator.calls();
    const seen = new Set(calls.map((c) => `${c.method} ${c.status}`));
    for (const expected of [
      "GET 200",
      "POST 201",
      "PATCH 200",
      "DELETE 204",
      "PATCH 409",
      "GET 404",
      "POST 404",
      "POST 400",
      "GET 400",
      "POST 403",
      "DELETE 412",
      "GET 401",
    ]) {
      expect(seen).toContain(expected);
    }
    const reads = calls
      .filter((c) => c.method === "GET" && /\/(snapshots|volumes)\/[^/]+$/.test(c.path))
      .map((c) => `${c.path.split("/").slice(-2, -1)[0]} ${c.status}`);
    expect(reads).toEqual(["snapshots 200", "volumes 200", "snapshots 404"]);
    // WithAllPages walked the image list 5 at a time: 14 public images → 3 pages.
    expect(
      calls.filter((c) => c.method === "GET" && c.path.endsWith("/images") && /per_page=5/.test(c.query ?? "")).length,
    ).toBe(3);
  });

  it("v1.0.0-beta.20: UpdateImage as a whole-object SetImage (PUT) clears what it leaves out", async () => {
    await emulator.clearCalls();
    const report = await runReport(legacy, [], emulator.env);
    expect(report.ok).toBe(true);
    const calls = await emulator.calls();
    expect(calls.filter((c) => c.method === "PUT").map((c) => c.status)).toEqual([200]);
  });
});
