/**
 * Interrupted runs: `pulumi up` is stopped in the middle of long creates (an ExoscaleInstance, a
 * ScalewayImage and a ComputeInstance, each waiting on an 8 s cloud operation), then the stack is
 * recovered the way docs/reliability.md says, and the cloud and the state must agree with no duplicate and no
 * orphan. Three ways to be stopped:
 * - SIGINT to the CLI (a CI cancellation): the engine cancels gracefully, waits for the creates in
 *   flight and records them;
 * - SIGINT to the CLI and the provider (Ctrl-C in a terminal signals the whole process group): the
 *   provider dies at once, nothing is recorded, the objects exist in the cloud;
 * - SIGKILL to the CLI and the provider (a machine or container dying): the state keeps a lock and
 *   "pending create" operations.
 * The creation token makes the next create adopt what the interrupted one made.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { seededSnapshotId } from "../../src/emulator/scaleway";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import type { OperationResult } from "../helpers/engine";
import {
  baselineOf,
  cloudObjects,
  expectAgreement,
  expectOk,
  type FleetEntry,
  FleetStack,
  sleep,
  Tally,
} from "../helpers/reliability";
import { alive, interrupt } from "../helpers/reliability-process";

const LONG_OP_MS = 8000;

/** The resources whose create adopted an object made by an earlier attempt (each line is printed twice). */
function adopted(result: OperationResult): string[] {
  const found = [
    ...result.output.matchAll(
      /\[([\w:]+ \w+)\] found \S+ \S+ created by an earlier attempt whose response was lost; adopting it/g,
    ),
  ].map((m) => m[1]);
  return [...new Set(found)].sort();
}

describe("interrupted runs converge without duplicates or orphans", () => {
  let emulator: TestEmulator;
  let baseline: Set<string>;
  const tally = new Tally("interrupted");

  const spec = (suffix: string): FleetEntry[] => [
    {
      kind: "exoscale",
      name: "exo",
      args: {
        zone: "ch-gva-2",
        name: `exo-${suffix}`,
        instanceType: "standard.small",
        template: "Linux Ubuntu 24.04 LTS 64-bit",
      },
    },
    {
      kind: "scaleway",
      name: "img",
      args: { zone: "fr-par-1", name: `img-${suffix}`, rootVolume: seededSnapshotId("fr-par-1", "ubuntu-noble-root") },
    },
    { kind: "compute", name: "vm", args: { name: `vm-${suffix}`, type: "cx31", image: "ubuntu-22.04" } },
  ];

  /**
   * Starts `up` with long cloud operations, waits until the three create requests reached the
   * cloud, signals the run, and returns what it printed plus the pids signalled.
   */
  async function interruptedUp(
    fleet: FleetStack,
    signal: NodeJS.Signals,
    tree: boolean,
  ): Promise<{ result: OperationResult; pids: number[]; cloudAtSignal: string[] }> {
    await emulator.configure({ opDelayMs: LONG_OP_MS });
    await emulator.clearCalls();
    let runner = 0;
    const running = fleet.stack.run("up", { parallel: 50 }, { onSpawn: (pid) => (runner = pid) });
    const deadline = Date.now() + 60_000;
    while ((await emulator.calls()).filter((c) => c.method === "POST").length < 3) {
      if (Date.now() > deadline) throw new Error("the creates never reached the cloud");
      await sleep(100);
    }
    await sleep(300);
    const cloudAtSignal = (await cloudObjects(emulator, baseline)).map((o) => `${o.kind}:${o.state}`);
    const pids = interrupt(runner, "up", signal, tree);
    const result = await running;
    await emulator.configure({ opDelayMs: 100 });
    return { result, pids, cloudAtSignal };
  }

  async function converged(fleet: FleetStack): Promise<void> {
    const refresh = expectOk(await fleet.refresh());
    expect(Object.keys(refresh.summary?.resourceChanges ?? {})).toEqual(["same"]);
    const agreement = await expectAgreement(emulator, [fleet], baseline);
    tally.add("duplicatesFound", agreement.duplicates.length);
    expect((await cloudObjects(emulator, baseline)).map((o) => o.kind).sort()).toEqual([
      "compute",
      "exoscale",
      "scaleway",
    ]);
    expect((await fleet.stack.exportState()).deployment.pending_operations ?? []).toEqual([]);
    tally.add("runsConverged");
  }

  /**
   * One interrupted run: a fresh fleet, `up` stopped by `signal` mid-create, then `recover` (which
   * must leave the fleet converged); afterwards the fleet is destroyed and the cloud must be empty.
   */
  async function afterInterruptedUp(
    suffix: string,
    signal: NodeJS.Signals,
    tree: boolean,
    recover: (fleet: FleetStack, interrupted: Awaited<ReturnType<typeof interruptedUp>>) => Promise<void>,
  ): Promise<void> {
    const fleet = await FleetStack.create(emulator.env);
    try {
      fleet.setSpec(spec(suffix));
      const interrupted = await interruptedUp(fleet, signal, tree);
      tally.add("interruptions");
      expect(interrupted.result.ok).toBe(false);
      // Killed processes take a moment to be torn down (the Go binaries are big): allow a few seconds.
      for (const until = Date.now() + 10_000; interrupted.pids.some(alive) && Date.now() < until;) await sleep(100);
      expect(interrupted.pids.filter(alive)).toEqual([]);
      await recover(fleet, interrupted);
      await converged(fleet);
    } finally {
      await fleet.cleanup();
    }
    expect(await cloudObjects(emulator, baseline)).toEqual([]);
  }

  /** `up` after an interruption that recorded nothing: all three are adopted by their creation tokens. */
  async function upAdoptsAllThree(fleet: FleetStack): Promise<OperationResult> {
    const next = expectOk(await fleet.up());
    expect(adopted(next)).toEqual(["compute:Instance vm", "exoscale:Instance exo", "scaleway:Image img"]);
    return next;
  }

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 100 });
    baseline = await baselineOf(emulator);
  });

  afterAll(async () => {
    tally.write();
    await emulator?.close();
  });

  it("SIGINT to the CLI: the engine waits for the creates in flight, records them, and the next up has nothing to do", () =>
    afterInterruptedUp("sigint", "SIGINT", false, async (fleet, { result, cloudAtSignal }) => {
      expect(cloudAtSignal.sort()).toEqual(["compute:provisioning", "exoscale:starting", "scaleway:creating"]);
      expect(result.output).toContain("^C received; cancelling");
      expect(result.output).toMatch(/error: update canceled/);
      expect((await fleet.stack.exportState()).deployment.pending_operations ?? []).toEqual([]);
      const next = expectOk(await fleet.up());
      expect(next.summary?.resourceChanges).toEqual({ same: 4 });
    }));

  it("SIGINT to the CLI and the provider (Ctrl-C): nothing is recorded, and the next up adopts all three by their creation tokens", () =>
    afterInterruptedUp("ctrlc", "SIGINT", true, async (fleet, { result }) => {
      expect(result.output).toMatch(/connection reset by peer|transport is closing|error reading from server/);
      // Made in the cloud, unknown to the state: orphans until the next run.
      expect((await cloudObjects(emulator, baseline)).length).toBe(3);
      expect(
        (await fleet.stack.exportState()).deployment.resources?.filter((r) =>
          r.type.startsWith("pulumi-nodejs:dynamic/"),
        ) ?? [],
      ).toEqual([]);
      await upAdoptsAllThree(fleet);
    }));

  it("SIGKILL to the CLI and the provider: `pulumi cancel` removes the lock, `up` adopts the pending creates, a refresh clears them", () =>
    afterInterruptedUp("kill", "SIGKILL", true, async (fleet) => {
      const pending = (await fleet.stack.exportState()).deployment.pending_operations as Array<{
        type: string;
        resource: { urn: string };
      }>;
      expect(pending.map((p) => `${p.type} ${p.resource.urn.split("::").pop()}`).sort()).toEqual([
        "creating exo",
        "creating img",
        "creating vm",
      ]);
      // The killed run still holds the stack's lock.
      const locked = await fleet.up();
      expect(locked.ok).toBe(false);
      expect(locked.error).toMatch(/the stack is currently locked by 1 lock\(s\).*pulumi cancel/s);
      await fleet.stack.cli(["cancel", "--yes", "--stack", fleet.stack.stack]);
      const next = await upAdoptsAllThree(fleet);
      expect(next.output).toContain(
        "Attempting to deploy or update resources with 3 pending operations from previous deployment",
      );
      // Converged, but the engine keeps the stale pending creates (and warns on every run) until a
      // refresh clears them; non-interactive runs need --clear-pending-creates for that.
      expect(((await fleet.stack.exportState()).deployment.pending_operations ?? []).length).toBe(3);
      expectOk(await fleet.refresh({ clearPendingCreates: true }));
    }));

  it("SIGKILL, recovered by hand: `pulumi stack export`, pending_operations removed, `pulumi stack import`, then `up`", () =>
    afterInterruptedUp("import", "SIGKILL", true, async (fleet) => {
      await fleet.stack.cli(["cancel", "--yes", "--stack", fleet.stack.stack]);
      const exported = await fleet.stack.exportState();
      expect(exported.deployment.pending_operations).toHaveLength(3);
      delete exported.deployment.pending_operations;
      const file = path.join(fleet.stack.workRoot, "repaired-state.json");
      fs.writeFileSync(file, JSON.stringify(exported));
      await fleet.stack.cli(["stack", "import", "--stack", fleet.stack.stack, "--file", file]);
      fs.rmSync(file);
      const next = await upAdoptsAllThree(fleet);
      expect(next.output).not.toContain("pending operations from previous deployment");
    }));

  it("SIGKILL, recovered with `pulumi refresh --clear-pending-creates` before `up`: same result", () =>
    afterInterruptedUp("refresh", "SIGKILL", true, async (fleet) => {
      await fleet.stack.cli(["cancel", "--yes", "--stack", fleet.stack.stack]);
      expectOk(await fleet.refresh({ clearPendingCreates: true }));
      expect((await fleet.stack.exportState()).deployment.pending_operations ?? []).toEqual([]);
      const next = await upAdoptsAllThree(fleet);
      expect(next.output).not.toContain("pending operations from previous deployment");
    }));
});
