/**
 * ExoscaleInstanceSnapshot with `retain` on the real engine against the emulator: each change of
 * `trigger` takes a snapshot in place, the oldest beyond `retain` is deleted only after the new one
 * is ready (the order of the recorded API calls says so), a snapshot made outside the program is
 * never deleted, and destroying the series deletes exactly its own snapshots.
 */
import { expectOk, TestStack } from "../helpers/engine";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { ExoscaleClient } from "../../src/exoscale/client";
import { uuidOf } from "../../src/exoscale/schema";

const SNAPSHOT = "pulumi-nodejs:dynamic/exoscale:InstanceSnapshot";

describe("ExoscaleInstanceSnapshot retention on the emulator", () => {
  let emulator: TestEmulator;
  let stack: TestStack;
  let outside: string;

  const snapshotsNow = async () => Object.keys((await emulator.state()).exoscale.snapshots).sort();
  const upWith = async (config: Record<string, string>) => {
    for (const [key, value] of Object.entries(config)) await stack.setConfig(key, value);
    await emulator.clearCalls();
    const result = expectOk(await stack.up());
    return { outputs: result.outputs ?? {}, calls: await emulator.calls() };
  };

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 100 });
    Object.assign(process.env, emulator.env);
    stack = await TestStack.create({
      program: "test/e2e/programs/exoscale-retention",
      env: emulator.env,
      config: { retain: "2", trigger: "day-1" },
    });
  });

  afterAll(async () => {
    await stack?.cleanup();
    await emulator?.close();
  });

  it("keeps exactly `retain` snapshots, deleting the oldest only after the new one is ready", async () => {
    const first = await upWith({});
    const [day1] = first.outputs.snapshotIds as string[];
    expect(first.outputs.latestId).toBe(day1);

    // A snapshot of the same instance made outside the program.
    const client = ExoscaleClient.forZone("ch-gva-2");
    const operation = await client.createSnapshot(uuidOf(first.outputs.instanceId as string));
    await client.waitForOperation(operation, { what: "outside snapshot", timeoutMs: 30_000 });
    outside = operation.reference?.id as string;

    const second = await upWith({ trigger: "day-2" });
    const [, day2] = second.outputs.snapshotIds as string[];
    expect(second.outputs.snapshotIds).toEqual([day1, day2]);
    expect(second.calls.filter((call) => call.method === "DELETE")).toEqual([]);

    const third = await upWith({ trigger: "day-3" });
    const ids = third.outputs.snapshotIds as string[];
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(day2);
    expect(third.outputs.latestId).toBe(ids[1]);
    const order = third.calls
      .filter((call) => call.method !== "GET")
      .map((call) => `${call.method} ${call.path.replace(uuidOf(day1), "{day1}").replace(/[0-9a-f-]{36}/g, "{id}")}`);
    expect(order).toEqual(["POST /v2/instance/{id}:create-snapshot", "DELETE /v2/snapshot/{day1}"]);
    expect(await snapshotsNow()).toEqual([outside, uuidOf(day2), uuidOf(ids[1])].sort());
    expect(expectOk(await stack.preview()).changeSummary).toEqual({ same: 3 });
  });

  it("deletes the surplus when retain goes down, and only the series on destroy", async () => {
    const lower = await upWith({ retain: "1" });
    const [latest] = lower.outputs.snapshotIds as string[];
    expect(lower.outputs.snapshotIds).toHaveLength(1);
    expect(await snapshotsNow()).toEqual([outside, uuidOf(latest)].sort());

    const [series] = await stack.resourcesOfType(SNAPSHOT);
    expectOk(await stack.destroy({ target: [series.urn] }));
    expect(await snapshotsNow()).toEqual([outside]);
  });
});
