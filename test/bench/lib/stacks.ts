/** Engine runs for the benchmarks: the fleet programs, timed operations, quick clean-up. */
import * as fs from "node:fs";
import { type OperationResult, TestStack } from "../../helpers/engine";

export type FleetKind = "exoscale" | "noop";

const PROGRAMS: Record<FleetKind, string> = {
  exoscale: "test/bench/programs/exoscale-fleet",
  noop: "test/bench/programs/noop-fleet",
};

/** A fresh stack of `count` resources of one kind, pointed at the emulator. */
export function fleetStack(kind: FleetKind, count: number, env: Record<string, string>, config: Record<string, string> = {}): Promise<TestStack> {
  return TestStack.create({ program: PROGRAMS[kind], env, config: { count: String(count), ...config } });
}

/** Runs one engine operation; throws with the end of the engine output when it fails. */
export async function runOk(stack: TestStack, op: string, options: Record<string, unknown> = {}, onSpawn?: (pid: number) => void): Promise<OperationResult> {
  const result = await stack.run(op, options, { onSpawn });
  if (!result.ok) throw new Error(`pulumi ${op} failed: ${result.error}\n--- engine output (end) ---\n${result.output.slice(-4000)}`);
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
