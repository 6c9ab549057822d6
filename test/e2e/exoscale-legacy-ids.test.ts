/**
 * Stacks written by release 0.1.0, whose Exoscale ids were bare UUIDs, keep working: the fixture
 * (test/e2e/programs/exoscale-ids/fixture, a `pulumi stack export` made with that release, and the
 * emulator state it points at) is imported, then previewed, updated, refreshed and destroyed with
 * this code. Update and delete take the bare ids; the refresh records the `zone/uuid` form.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { expectOk, repoRoot, TestStack } from "../helpers/engine";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

const PROGRAM = "test/e2e/programs/exoscale-ids";
const FIXTURE = path.join(repoRoot, PROGRAM, "fixture");
const INSTANCE = "pulumi-nodejs:dynamic/exoscale:Instance";
const SNAPSHOT = "pulumi-nodejs:dynamic/exoscale:InstanceSnapshot";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("a stack written by 0.1.0 with bare Exoscale ids", () => {
  let emulator: TestEmulator;
  let stack: TestStack;
  let instanceUuid: string;
  let snapshotUuid: string;

  const idOf = async (type: string) => (await stack.resourcesOfType(type))[0]?.id as string;

  beforeAll(async () => {
    const stateFile = path.join(repoRoot, ".work", `legacy-ids-${process.pid}`, "emulator-state.json");
    fs.mkdirSync(path.dirname(stateFile), { recursive: true });
    fs.copyFileSync(path.join(FIXTURE, "emulator-state.json"), stateFile);
    emulator = await startTestEmulator({ opDelayMs: 50, stateFile });
    stack = await TestStack.create({ program: PROGRAM, env: emulator.env });
    await stack.cli(["stack", "import", "--stack", stack.stack, "--file", path.join(FIXTURE, "stack-0.1.0.json")]);
    instanceUuid = await idOf(INSTANCE);
    snapshotUuid = await idOf(SNAPSHOT);
  });

  afterAll(async () => {
    await stack?.cleanup();
    await emulator?.close();
  });

  it("holds bare UUID ids, as 0.1.0 recorded them", () => {
    expect(instanceUuid).toMatch(UUID);
    expect(snapshotUuid).toMatch(UUID);
  });

  it("previews no change with today's code (the snapshot's instanceId is now zone/uuid, the same instance)", async () => {
    expectOk(await stack.preview({ expectNoChanges: true }));
  });

  it("updates through the bare id", async () => {
    await stack.setConfig("team", "ops");
    await emulator.clearCalls();
    const up = expectOk(await stack.up());
    expect(up.summary?.resourceChanges).toMatchObject({ update: 1 });
    expect((await emulator.calls()).filter((c) => c.method === "PUT").map((c) => c.path)).toEqual([
      `/v2/instance/${instanceUuid}`,
    ]);
    expect((await emulator.state()).exoscale.instances[instanceUuid].labels).toMatchObject({ team: "ops" });
  });

  it("records zone/uuid ids on the next refresh, and keeps operating", async () => {
    expectOk(await stack.refresh());
    expect(await idOf(INSTANCE)).toBe(`ch-gva-2/${instanceUuid}`);
    expect(await idOf(SNAPSHOT)).toBe(`ch-gva-2/${snapshotUuid}`);
    expectOk(await stack.preview({ expectNoChanges: true }));
    const up = expectOk(await stack.up());
    expect(up.outputs).toMatchObject({
      instanceId: `ch-gva-2/${instanceUuid}`,
      snapshotId: `ch-gva-2/${snapshotUuid}`,
    });
  });

  it("destroys both", async () => {
    await emulator.clearCalls();
    expectOk(await stack.destroy());
    const deletes = (await emulator.calls()).filter((c) => c.method === "DELETE").map((c) => c.path);
    expect(deletes.sort()).toEqual([`/v2/instance/${instanceUuid}`, `/v2/snapshot/${snapshotUuid}`].sort());
    expect((await emulator.state()).exoscale.instances[instanceUuid]).toBeUndefined();
  });
});
