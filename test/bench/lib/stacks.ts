/** Engine runs for the benchmarks: the fleet programs, timed operations, quick clean-up. */
import * as fs from "node:fs";
import { type OperationResult, TestStack } from "../../helpers/engine";

/** ExoscaleInstances, one of the three no-op baselines (see programs/noop-fleet/index.ts), ScalewayImages (config: rootVolume) or ComputeInstances. */
export type FleetKind = "exoscale" | "noop" | "noop-shaped" | "noop-empty" | "scaleway" | "compute";

const PROGRAMS: Record<FleetKind, { program: string; config?: Record<string, string> }> = {
  exoscale: { program: "test/bench/programs/exoscale-fleet" },
  noop: { program: "test/bench/programs/noop-fleet" },
  "noop-shaped": { program: "test/bench/programs/noop-fleet", config: { shape: "exoscale" } },
  "noop-empty": { program: "test/bench/programs/noop-fleet", config: { shape: "empty" } },
  scaleway: { program: "test/bench/programs/scaleway-fleet" },
  compute: { program: "test/bench/programs/compute-fleet" },
};

/** Type token of each kind's resources. */
export const FLEET_TYPES: Record<FleetKind, string> = {
  exoscale: "pulumi-nodejs:dynamic/exoscale:Instance",
  noop: "pulumi-nodejs:dynamic/bench:Noop",
  "noop-shaped": "pulumi-nodejs:dynamic/bench:Noop",
  "noop-empty": "pulumi-nodejs:dynamic/bench:Noop",
  scaleway: "pulumi-nodejs:dynamic/scaleway:Image",
  compute: "pulumi-nodejs:dynamic/compute:Instance",
};

/** A fresh stack of `count` resources of one kind, pointed at the emulator. */
export function fleetStack(
  kind: FleetKind,
  count: number,
  env: Record<string, string>,
  config: Record<string, string> = {},
): Promise<TestStack> {
  const { program, config: kindConfig } = PROGRAMS[kind];
  return TestStack.create({ program, env, config: { count: String(count), ...kindConfig, ...config } });
}

/** Runs one engine operation; throws with the end of the engine output when it fails. */
export async function runOk(
  stack: TestStack,
  op: string,
  options: Record<string, unknown> = {},
  onSpawn?: (pid: number) => void,
): Promise<OperationResult> {
  const result = await stack.run(op, options, { onSpawn });
  if (!result.ok)
    throw new Error(`pulumi ${op} failed: ${result.error}\n--- engine output (end) ---\n${result.output.slice(-4000)}`);
  return result;
}

/** Removes a stack's work folder once it has been destroyed (no second destroy run, unlike cleanup()). */
export function discard(stack: TestStack): void {
  if (!process.env.KEEP_E2E_WORK) fs.rmSync(stack.workRoot, { recursive: true, force: true });
}

/** Best-effort teardown after a failure: unprotect, destroy, remove. */
export async function teardown(stack: TestStack | undefined): Promise<void> {
  await stack?.cleanup().catch(() => undefined);
}
