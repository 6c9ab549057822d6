/**
 * Concurrency on a flaky cloud: 50 resources of every kind (ComputeInstance, ExoscaleInstance with
 * snapshots, ScalewayImage) in one `up` with parallelism 50, while every API path fails 5% of the
 * time (429 with Retry-After, 500, 502, 503, connection reset, a response slower than the client's
 * timeout, a response lost after the server acted; each equally likely). The stack must converge
 * within two `up`s, with nothing lost and no duplicate: the emulator and the state agree.
 */
import { seededSnapshotId } from "../../src/emulator/scaleway";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import type { OperationResult } from "../helpers/engine";
import {
  agreement,
  baselineOf,
  cloudObjects,
  diagnostics,
  expectAgreement,
  expectOk,
  type FleetEntry,
  FleetStack,
  sleep,
  Tally,
} from "../helpers/reliability";
import { FAULTS, SLOW_MS } from "../helpers/reliability-faults";

const FAULT_RATE = 0.05;

describe("50 resources, parallelism 50, 5% faults on every API path", () => {
  let emulator: TestEmulator;
  let fleet: FleetStack;
  let baseline: Set<string>;
  const tally = new Tally("concurrency");

  const spec: FleetEntry[] = [
    ...Array.from({ length: 18 }, (_, i): FleetEntry => ({
      kind: "compute",
      name: `vm${i}`,
      args: { name: `flaky-vm-${i}`, type: "cx31", image: "ubuntu-22.04", labels: { n: String(i) } },
    })),
    ...Array.from({ length: 12 }, (_, i): FleetEntry => ({
      kind: "exoscale",
      name: `exo${i}`,
      args: {
        zone: "ch-gva-2",
        name: `flaky-exo-${i}`,
        instanceType: "standard.small",
        template: "Linux Ubuntu 24.04 LTS 64-bit",
      },
    })),
    ...Array.from({ length: 4 }, (_, i): FleetEntry => ({
      kind: "exoscaleSnapshot",
      name: `exo${i}-snap`,
      instance: `exo${i}`,
    })),
    ...Array.from({ length: 16 }, (_, i): FleetEntry => {
      const zone = ["fr-par-1", "fr-par-2", "nl-ams-1", "pl-waw-1"][i % 4];
      return {
        kind: "scaleway",
        name: `img${i}`,
        args: { zone, name: `flaky-img-${i}`, rootVolume: seededSnapshotId(zone, "ubuntu-noble-root") },
      };
    }),
  ];

  const faultedCalls = async () =>
    (await emulator.calls()).filter((c) => c.fault !== undefined && c.fault !== "rate-limit");

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 300 });
    baseline = await baselineOf(emulator);
    fleet = await FleetStack.create(emulator.env);
  });

  afterAll(async () => {
    tally.write();
    await fleet?.cleanup();
    await emulator?.close();
  });

  /**
   * Runs `op` on the flaky cloud until it succeeds, at most twice (--continue-on-error: one failed
   * resource must not stop the others), then makes the cloud reliable again, lets late ("slow")
   * requests land, and checks that the cloud and the state agree.
   */
  async function withinTwo(round: string, op: () => Promise<OperationResult>): Promise<void> {
    await emulator.addFault(
      FAULTS.map((fault) => ({
        match: { path: "/**" },
        fault,
        count: 0,
        probability: FAULT_RATE / FAULTS.length,
        retryAfter: 1,
        delayMs: SLOW_MS,
      })),
    );
    await emulator.clearCalls();
    const runs: OperationResult[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const result = await op();
      runs.push(result);
      const failed = diagnostics(result.output);
      tally.add(`${round}FailedResources${attempt}`, failed.size);
      for (const [name, lines] of failed)
        process.stdout.write(`[concurrency] ${round} run ${attempt}: ${name}: ${lines.join(" ")}\n`);
      if (result.ok) break;
    }
    const injected = await faultedCalls();
    tally.add(`${round}ApiCalls`, (await emulator.calls()).length);
    tally.add(`${round}FaultsInjected`, injected.length);
    tally.add("faultsInjected", injected.length);
    tally.add(`${round}Runs`, runs.length);
    kinds.push(...injected.map((c) => c.fault as string));

    await emulator.clearFaults();
    await sleep(SLOW_MS + 500);
    const last = runs[runs.length - 1];
    if (!last.ok) throw new Error(`${round} did not converge within two runs:\n${last.error}\n${last.output}`);
    tally.add("roundsConverged");
    const found = await agreement(emulator, [fleet], baseline);
    tally.add("duplicatesFound", found.duplicates.length);
    tally.add("orphansFound", found.orphans.length);
    tally.add("lostFound", found.lost.length);
    await expectAgreement(emulator, [fleet], baseline);
  }
  const kinds: string[] = [];

  it("creates all 50 within two `up`s with nothing lost and no duplicate", async () => {
    expect(spec).toHaveLength(50);
    fleet.setSpec(spec);
    await withinTwo("create", () => fleet.up({ continueOnError: true }));
    const refresh = expectOk(await fleet.refresh());
    expect(refresh.summary?.resourceChanges).toEqual({ same: 51 });
    expect((await cloudObjects(emulator, baseline)).length).toBe(50);
  });

  it("updates them (Exoscale stop/scale/start and rename, Scaleway PATCH) within two `up`s", async () => {
    fleet.setSpec(
      spec.map((entry) =>
        entry.kind === "exoscale"
          ? {
              ...entry,
              args: { ...entry.args, name: `${entry.args?.name as string}-v2`, instanceType: "standard.medium" },
            }
          : entry.kind === "scaleway"
            ? { ...entry, args: { ...entry.args, tags: ["v2"] } }
            : entry,
      ),
    );
    await withinTwo("update", () => fleet.up({ continueOnError: true }));
    const live = await cloudObjects(emulator, baseline);
    expect(
      live.filter((o) => o.kind === "exoscale").every((o) => o.name?.endsWith("-v2") && o.state === "running"),
    ).toBe(true);
    expect(expectOk(await fleet.refresh()).summary?.resourceChanges).toEqual({ same: 51 });
  });

  it("destroys them within two `destroy`s, leaving nothing behind", async () => {
    await withinTwo("destroy", () => fleet.stack.destroy({ parallel: 50, continueOnError: true }));
    expect(await cloudObjects(emulator, baseline)).toEqual([]);
    // The faults really happened, across every kind of fault.
    expect(new Set(kinds).size).toBeGreaterThanOrEqual(5);
    expect(tally.get("faultsInjected")).toBeGreaterThan(15);
  });
});
