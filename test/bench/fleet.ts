/**
 * 6. Fleets: how the cost of `up`, a no-change `preview`, `refresh` and `destroy` grows with the
 * number of resources, N = 10 … 500 ExoscaleInstances against the three no-op programs (plain,
 * shaped like ExoscaleInstance, and empty), with a ScalewayImage and a ComputeInstance fleet at
 * one N, the emulator's operations instant. Per operation: wall time, CPU of each process of the run, the
 * provider process's peak memory, lines printed and API calls; per fleet: state bytes per resource.
 * The kinds of one size run each operation one after the other, taking turns going first in each
 * repetition (the machine is shared and noisy), and figures are medians.
 */
import type { TestStack } from "../helpers/engine";
import { fromDist } from "./lib/dist";
import type { BenchEmulator } from "./lib/emulator";
import { ProcessSampler, type ProcessRole } from "./lib/processes";
import { discard, FLEET_TYPES, fleetStack, type FleetKind, runOk, teardown } from "./lib/stacks";
import { median, round } from "./lib/stats";

export const FLEET_OPS = ["up", "preview", "refresh", "destroy"] as const;
export type FleetOp = (typeof FLEET_OPS)[number];
/**
 * The kinds run at every size; the others run at `othersAt` only. The empty no-op is the engine's
 * floor: how `up` and `destroy` grow with N however little state a dynamic resource has.
 */
export const BASE_KINDS: FleetKind[] = ["exoscale", "noop", "noop-shaped", "noop-empty"];
export const OTHER_KINDS: FleetKind[] = ["scaleway", "compute"];

export interface FleetOptions {
  sizes: number[];
  reps: number;
  /** The size at which the ScalewayImage and ComputeInstance fleets run. */
  othersAt: number;
}

/** What one engine operation on one fleet cost (one repetition). */
export interface OpSample {
  ms: number;
  /** CPU ms by process role (emulator: the emulator process). */
  cpuMs: Record<ProcessRole | "emulator", number>;
  providerPeakRssMb?: number;
  /** Non-empty lines the engine printed. */
  lines: number;
  /** API calls the emulator served, and how many were GETs. */
  calls: number;
  gets: number;
}

/** Medians over the repetitions of one (kind, N, operation). */
export interface FleetRow {
  kind: FleetKind;
  n: number;
  op: FleetOp;
  samplesMs: number[];
  ms: number;
  providerCpuMs: number;
  engineCpuMs: number;
  programCpuMs: number;
  providerPeakRssMb?: number;
  lines: number;
  calls: number;
  gets: number;
}

export interface FleetState {
  kind: FleetKind;
  n: number;
  /** Mean bytes of one resource of the kind in `pulumi stack export` (inputs, outputs, metadata). */
  bytesPerResource: number;
  /** Bytes of `__provider` (the same text for every resource; in inputs and outputs). */
  providerBytes: number;
  /** The whole exported stack, divided by N. */
  stackBytesPerResource: number;
}

export interface FleetResult {
  options: FleetOptions;
  rows: FleetRow[];
  state: FleetState[];
}

/** One resource entry's JSON bytes, and its `__provider`'s. */
async function stateOf(stack: TestStack, kind: FleetKind, n: number): Promise<FleetState> {
  const state = await stack.exportState();
  const resources = (state.deployment.resources ?? []).filter((r) => r.type === FLEET_TYPES[kind]);
  const bytes = resources.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0);
  const provider = resources[0]?.outputs?.__provider;
  return {
    kind,
    n,
    bytesPerResource: Math.round(bytes / Math.max(1, resources.length)),
    providerBytes: typeof provider === "string" ? Buffer.byteLength(provider) : Number.NaN,
    stackBytesPerResource: Math.round(Buffer.byteLength(JSON.stringify(state)) / n),
  };
}

/** Runs one engine operation while sampling its processes and counting the API calls it caused. */
async function timedOp(
  stack: TestStack,
  op: FleetOp,
  emulator: BenchEmulator,
  options: Record<string, unknown> = {},
): Promise<OpSample> {
  await emulator.clearCalls();
  const sampler = new ProcessSampler();
  const emulatorBefore = emulator.cpuMs();
  const result = await runOk(stack, op, options, (pid) => sampler.start(pid));
  const usage = sampler.stop();
  const calls = await emulator.calls();
  return {
    ms: result.ms,
    cpuMs: { ...usage.cpuMs, emulator: emulator.cpuMs() - emulatorBefore },
    providerPeakRssMb: usage.providerPeakRssMb,
    lines: result.output.split("\n").filter((line) => line.trim() !== "").length,
    calls: calls.length,
    gets: calls.filter((call) => call.method === "GET").length,
  };
}

/** Fleet-specific stack config (the ScalewayImage fleet needs a snapshot to build from). */
function configFor(kind: FleetKind): Record<string, string> {
  if (kind !== "scaleway") return {};
  const { seededSnapshotId } = fromDist<{ seededSnapshotId(zone: string, name: string): string }>("emulator/scaleway");
  return { rootVolume: seededSnapshotId("fr-par-1", "ubuntu-noble-root") };
}

/**
 * One repetition at one size: a fresh stack per kind, then each operation on every kind in turn
 * (up, up, up, preview, preview, …), so that the runs compared with each other are minutes apart
 * at most even at N = 500.
 */
async function lifecycles(
  kinds: FleetKind[],
  n: number,
  emulator: BenchEmulator,
): Promise<Map<FleetKind, { ops: Record<FleetOp, OpSample>; state: FleetState }>> {
  const stacks = new Map<FleetKind, TestStack>();
  try {
    for (const kind of kinds) stacks.set(kind, await fleetStack(kind, n, emulator.env, configFor(kind)));
    const ops = new Map(kinds.map((kind) => [kind, {} as Record<FleetOp, OpSample>]));
    const states = new Map<FleetKind, FleetState>();
    for (const op of FLEET_OPS) {
      for (const kind of kinds) {
        const stack = stacks.get(kind) as TestStack;
        (ops.get(kind) as Record<FleetOp, OpSample>)[op] = await timedOp(stack, op, emulator);
        if (op === "up") states.set(kind, await stateOf(stack, kind, n));
      }
    }
    for (const stack of stacks.values()) discard(stack);
    return new Map(
      kinds.map((kind) => [
        kind,
        { ops: ops.get(kind) as Record<FleetOp, OpSample>, state: states.get(kind) as FleetState },
      ]),
    );
  } catch (error) {
    for (const stack of stacks.values()) await teardown(stack);
    throw error;
  }
}

function rowOf(kind: FleetKind, n: number, op: FleetOp, samples: OpSample[]): FleetRow {
  const med = (pick: (s: OpSample) => number) => Math.round(median(samples.map(pick)));
  const rss = samples.map((s) => s.providerPeakRssMb).filter((v): v is number => v !== undefined);
  return {
    kind,
    n,
    op,
    samplesMs: samples.map((s) => s.ms),
    ms: med((s) => s.ms),
    providerCpuMs: med((s) => s.cpuMs.provider),
    engineCpuMs: med((s) => s.cpuMs.engine),
    programCpuMs: med((s) => s.cpuMs.program),
    providerPeakRssMb: rss.length > 0 ? round(median(rss), 1) : undefined,
    lines: med((s) => s.lines),
    calls: med((s) => s.calls),
    gets: med((s) => s.gets),
  };
}

/** Runs every size; `log` gets one line per kind and repetition. */
export async function measureFleet(
  emulator: BenchEmulator,
  options: FleetOptions,
  log: (line: string) => void,
): Promise<FleetResult> {
  await emulator.configure({ opDelayMs: 0, rateLimit: null });
  const rows: FleetRow[] = [];
  const state: FleetState[] = [];
  for (const n of options.sizes) {
    const kinds = n === options.othersAt ? [...BASE_KINDS, ...OTHER_KINDS] : BASE_KINDS;
    const samples = new Map<FleetKind, Array<Record<FleetOp, OpSample>>>(kinds.map((kind) => [kind, []]));
    for (let rep = 0; rep < options.reps; rep++) {
      // Rotate which kind goes first, so a burst of load from elsewhere hits all alike.
      const runs = await lifecycles(
        kinds.map((_, i) => kinds[(i + rep) % kinds.length]),
        n,
        emulator,
      );
      for (const [kind, run] of runs) {
        samples.get(kind)?.push(run.ops);
        if (rep === 0) state.push(run.state);
        const cpu = (op: FleetOp) =>
          (["provider", "engine", "program", "emulator"] as const)
            .map((role) => Math.round(run.ops[op].cpuMs[role]))
            .join("/");
        const described = FLEET_OPS.map(
          (op) => `${op} ${run.ops[op].ms} ms, ${run.ops[op].lines} lines, ${run.ops[op].calls} calls, CPU ${cpu(op)}`,
        ).join("; ");
        log(
          `  fleet N=${n} rep ${rep + 1}/${options.reps} ${kind.padEnd(11)} ${described} (CPU ms: provider/engine/program/emulator); ${run.state.bytesPerResource} B/resource`,
        );
      }
    }
    for (const kind of kinds)
      for (const op of FLEET_OPS)
        rows.push(
          rowOf(
            kind,
            n,
            op,
            (samples.get(kind) ?? []).map((s) => s[op]),
          ),
        );
  }
  return { options, rows, state };
}
