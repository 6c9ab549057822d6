/**
 * 1. Engine overhead: `pulumi preview` / `up` / no-change `preview` / `destroy` of N ExoscaleInstances
 * against the emulator with instant operations, next to the same program made of N no-op dynamic
 * resources — both the minimal one (outputs = its 6 inputs) and one shaped like ExoscaleInstance
 * (same 25 outputs, typical values), which separates what the engine costs for carrying a richer
 * resource from what our provider costs. The kinds take turns going first, and each size is
 * repeated, so a burst of load from another process hits all alike; ratios are of the medians.
 * During `up`, the CPU time of each process of the run is sampled from /proc.
 *
 * 3. State economy rides along on the largest size: `__provider` bytes per resource, the whole
 * exported state, and the provider process's peak RSS (VmHWM) during `up`.
 */
import type { TestStack } from "../helpers/engine";
import type { BenchEmulator } from "./lib/emulator";
import { ProcessSampler, type ProcessRole } from "./lib/processes";
import { discard, FLEET_TYPES, fleetStack, type FleetKind, runOk, teardown } from "./lib/stacks";
import { median, round } from "./lib/stats";

export const OPS = ["preview (create)", "up", "preview (no change)", "destroy"] as const;
export type FleetOp = (typeof OPS)[number];
export const KINDS: FleetKind[] = ["exoscale", "noop", "noop-shaped"];

/** CPU seconds during `up`, by process, medians over the repetitions. */
export type CpuByRole = Record<ProcessRole | "emulator", number>;

export interface OverheadRow {
  n: number;
  op: FleetOp;
  /** Wall time of the engine operation (the `pulumi` CLI process), per repetition. */
  samplesMs: Record<FleetKind, number[]>;
  medianMs: Record<FleetKind, number>;
  /** median(exoscale) / median(noop): the target's ratio. */
  ratio: number;
  /** median(exoscale) / median(noop-shaped). */
  ratioShaped: number;
}

export interface StateEconomy {
  resources: number;
  /** Bytes of the serialized `__provider` (the same text for every resource; stored in inputs and outputs). */
  providerBytes: Record<FleetKind, number>;
  /** `pulumi stack export` of the whole stack. */
  exportedStateBytes: Record<FleetKind, number>;
  /** Peak RSS (VmHWM) of the dynamic-provider process during `up`: median and samples. */
  providerPeakRssMb: Record<FleetKind, number | undefined>;
  providerPeakRssSamplesMb: Record<FleetKind, number[]>;
}

export interface OverheadResult {
  reps: number;
  parallel: number;
  rows: OverheadRow[];
  /** CPU ms during `up` by size and kind (medians). */
  upCpuMs: Array<{ n: number; kind: FleetKind; cpuMs: CpuByRole }>;
  state?: StateEconomy;
}

interface KindRun {
  ms: Record<FleetOp, number>;
  cpuMs: CpuByRole;
  peakRssMb?: number;
  exported?: { bytes: number; providerBytes: number };
}

async function exportedSize(stack: TestStack, type: string): Promise<{ bytes: number; providerBytes: number }> {
  const state = await stack.exportState();
  const resources = (state.deployment.resources ?? []).filter((r) => r.type === type);
  const provider = resources[0]?.outputs?.__provider;
  return {
    bytes: Buffer.byteLength(JSON.stringify(state)),
    providerBytes: typeof provider === "string" ? Buffer.byteLength(provider) : Number.NaN,
  };
}

/** One full lifecycle of one fleet: fresh stack, preview, up, no-change preview, destroy. */
async function runKind(kind: FleetKind, n: number, emulator: BenchEmulator, exportState: boolean): Promise<KindRun> {
  let stack: TestStack | undefined;
  try {
    stack = await fleetStack(kind, n, emulator.env);
    const ms = {} as Record<FleetOp, number>;
    ms["preview (create)"] = (await runOk(stack, "preview")).ms;
    const sampler = new ProcessSampler();
    const emulatorCpuBefore = emulator.cpuMs();
    ms.up = (await runOk(stack, "up", {}, (pid) => sampler.start(pid))).ms;
    const emulatorCpuMs = emulator.cpuMs() - emulatorCpuBefore;
    const usage = sampler.stop();
    const exported = exportState ? await exportedSize(stack, FLEET_TYPES[kind]) : undefined;
    const noChange = await runOk(stack, "preview");
    if (Object.keys(noChange.changeSummary ?? {}).some((key) => key !== "same"))
      throw new Error(`${kind} fleet: a no-change preview planned changes: ${JSON.stringify(noChange.changeSummary)}`);
    ms["preview (no change)"] = noChange.ms;
    ms.destroy = (await runOk(stack, "destroy")).ms;
    discard(stack);
    return { ms, cpuMs: { ...usage.cpuMs, emulator: emulatorCpuMs }, peakRssMb: usage.providerPeakRssMb, exported };
  } catch (error) {
    await teardown(stack);
    throw error;
  }
}

const byKind = <T>(make: (kind: FleetKind) => T) =>
  Object.fromEntries(KINDS.map((kind) => [kind, make(kind)])) as Record<FleetKind, T>;

function medianCpu(runs: KindRun[]): CpuByRole {
  const roles = Object.keys(runs[0].cpuMs) as Array<keyof CpuByRole>;
  return Object.fromEntries(
    roles.map((role) => [role, Math.round(median(runs.map((r) => r.cpuMs[role])))]),
  ) as CpuByRole;
}

/** Runs the comparison for every size; `log` gets one line per lifecycle. */
export async function measureEngineOverhead(
  emulator: BenchEmulator,
  options: { sizes: number[]; reps: number },
  log: (line: string) => void,
): Promise<OverheadResult> {
  await emulator.configure({ opDelayMs: 0, rateLimit: null });
  const rows: OverheadRow[] = [];
  const upCpuMs: OverheadResult["upCpuMs"] = [];
  const largest = Math.max(...options.sizes);
  const rss = byKind<number[]>(() => []);
  const exported: Partial<Record<FleetKind, { bytes: number; providerBytes: number }>> = {};

  for (const n of options.sizes) {
    const samples = byKind<KindRun[]>(() => []);
    for (let rep = 0; rep < options.reps; rep++) {
      // Rotate which kind goes first, so a drift in machine load affects all alike.
      const order = KINDS.map((_, i) => KINDS[(i + rep) % KINDS.length]);
      for (const kind of order) {
        const run = await runKind(kind, n, emulator, n === largest && rep === 0);
        samples[kind].push(run);
        if (n === largest && run.peakRssMb !== undefined) rss[kind].push(run.peakRssMb);
        if (run.exported) exported[kind] = run.exported;
        const cpu = Object.entries(run.cpuMs)
          .map(([role, value]) => `${role} ${Math.round(value)}`)
          .join(", ");
        log(
          `  N=${n} rep ${rep + 1}/${options.reps} ${kind.padEnd(11)} ${OPS.map((op) => `${op} ${run.ms[op]}`).join(", ")} ms; up CPU ms: ${cpu}${run.peakRssMb ? `; provider peak RSS ${run.peakRssMb.toFixed(0)} MB` : ""}`,
        );
      }
      await emulator.clearCalls();
    }
    for (const op of OPS) {
      const samplesMs = byKind((kind) => samples[kind].map((s) => s.ms[op]));
      const medianMs = byKind((kind) => median(samplesMs[kind]));
      rows.push({
        n,
        op,
        samplesMs,
        medianMs,
        ratio: round(medianMs.exoscale / medianMs.noop, 3),
        ratioShaped: round(medianMs.exoscale / medianMs["noop-shaped"], 3),
      });
    }
    for (const kind of KINDS) upCpuMs.push({ n, kind, cpuMs: medianCpu(samples[kind]) });
  }

  const complete = KINDS.every((kind) => exported[kind]);
  const state: StateEconomy | undefined = complete
    ? {
        resources: largest,
        providerBytes: byKind((kind) => exported[kind]?.providerBytes ?? Number.NaN),
        exportedStateBytes: byKind((kind) => exported[kind]?.bytes ?? Number.NaN),
        providerPeakRssMb: byKind((kind) => (rss[kind].length ? round(median(rss[kind]), 1) : undefined)),
        providerPeakRssSamplesMb: byKind((kind) => rss[kind].map((v) => round(v, 1))),
      }
    : undefined;
  return { reps: options.reps, parallel: 8, rows, upCpuMs, state };
}
