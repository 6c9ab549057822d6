/**
 * One id rule on the real engine: a program creates an ExoscaleInstance (and a snapshot of it), a
 * ScalewayImage and a ComputeInstance, and passes each one's own `id` to its `get`, to `adoptId` and
 * to its `get…Output` function; every form resolves to the same object. getKoyebInstanceOutput
 * resolves from another function's Output. (Incus: test/e2e/incus.test.ts.)
 */
import { expectOk, TestStack } from "../helpers/engine";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { seededSnapshotId } from "../../src/emulator/scaleway";

describe("each resource's id is what get, adoptId and the functions take", () => {
  let emulator: TestEmulator;
  let stack: TestStack;

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 100 });
    stack = await TestStack.create({
      program: "test/e2e/programs/ids",
      env: emulator.env,
      config: { rootVolume: seededSnapshotId("fr-par-1", "ubuntu-noble-root") },
    });
  });

  afterAll(async () => {
    await stack?.cleanup();
    await emulator?.close();
  });

  it("resolves every form to the same object through pulumi up", async () => {
    const up = expectOk(await stack.up());
    const { ids, names, functionIds, adoptedLabels, koyeb, expectedKoyebId } = up.outputs as Record<string, any>;
    expect(ids.web[0]).toMatch(/^ch-gva-2\/[0-9a-f-]{36}$/);
    expect(ids.snapshot[0]).toMatch(/^ch-gva-2\/[0-9a-f-]{36}$/);
    expect(ids.image[0]).toMatch(/^fr-par-1\/[0-9a-f-]{36}$/);
    expect(ids.vm[0]).toMatch(/^inst-/);
    for (const kind of ["web", "snapshot", "image", "vm"]) expect(new Set(ids[kind])).toEqual(new Set([ids[kind][0]]));
    expect(names).toEqual({
      web: ["ids-web", "ids-web", "ids-web"],
      image: ["ids-image", "ids-image", "ids-image"],
      vm: ["ids-vm", "ids-vm", "ids-vm"],
    });
    expect(functionIds).toEqual({ web: ids.web[0], image: ids.image[0], vm: ids.vm[0] });
    // The adopting copy set no labels: it keeps the instance's.
    expect(adoptedLabels).toEqual({ team: "platform" });
    expect(koyeb).toEqual({ id: expectedKoyebId, status: "HEALTHY" });
  });

  it("previews no change, and a destroy removes each object once (the adopting copies retain theirs)", async () => {
    expectOk(await stack.preview({ expectNoChanges: true }));
    await emulator.clearCalls();
    expectOk(await stack.destroy());
    const deletes = (await emulator.calls())
      .filter((c) => c.method === "DELETE")
      .map((c) => c.path.replace(/[0-9a-f-]{36}|inst-[0-9a-f]+/g, "{id}"));
    expect(deletes.sort()).toEqual([
      "/compute/v1/instances/{id}",
      "/instance/v1/zones/fr-par-1/images/{id}",
      "/v2/instance/{id}",
      "/v2/snapshot/{id}",
    ]);
  });
});
