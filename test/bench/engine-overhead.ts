/**
 * 1. Engine overhead: `pulumi preview` / `up` / no-change `preview` / `destroy` of N ExoscaleInstances
 * against the emulator with instant operations, next to the same program shape made of N no-op
 * dynamic resources. The two kinds run alternately (ABBA order) and each size is repeated, so a
 * burst of load from another process hits both; the ratio is of the medians.
 *
 * 3. State economy rides along on the largest size: `__provider` bytes per resource, the whole
 * exported state, and the provider process's peak RSS sampled from /proc during `up`.
 */
import type { TestStack } from "../helpers/engine";
import type { BenchEmulator } from "./lib/emulator";
import { PeakRssSampler } from "./lib/processes";
import { discard, fleetStack, type FleetKind, runOk, teardown } from "./lib/stacks";
import { median, round } from "./lib/stats";

export const OPS = ["preview (create)", "up", "preview (no change)", "destroy"] as const;
export type FleetOp = (typeof OPS)[number];

export interface OverheadRow {
  n: number;
  op: FleetOp;
  exoscaleMs: number[];
  noopMs: number[];
  exoscaleMedianMs: number;
  noopMedianMs: number;
  /** median(exoscale) / median(noop). */
  ratio: number;
}

export interface StateEconomy {
  resources: number;
  /** Bytes of one ExoscaleInstance's serialized `__provider` (the same text for every resource). */
  providerBytes: number;
  /** `pulumi stack export` of the whole stack. */
  exportedStateBytes: number;
  exportedStateBytesPerResource: number;
  /** The no-op fleet's exported state, for scale. */
  noopExportedStateBytes: number;
  noopProviderBytes: number;
  /** Peak RSS (VmHWM) of the dynamic-provider process during `up`, median over the repetitions. */
  providerPeakRssMb?: number;
  noopProviderPeakRssMb?: number;
  providerPeakRssSamplesMb: number[];
  noopProviderPeakRssSamplesMb: number[];
}

export interface OverheadResult {
  reps: number;
  parallel: number;
  rows: OverheadRow[];
  state?: StateEconomy;
}

interface KindRun {
  ms: Record<FleetOp, number>;
  peakRssMb?: number;
  exported?: { bytes: number; providerBytes: number };
}

async function exportedSize(stack: TestStack, type: string): Promise<{ bytes: number; providerBytes: number }> {
  const state = await stack.exportState();
  const resources = (state.deployment.resources ?? []).filter((r) => r.type === type);
  const provider = resources[0]?.outputs?.__provider;
  return { bytes: Buffer.byteLength(JSON.stringify(state)), providerBytes: typeof provider === "string" ? Buffer.byteLength(provider) : Number.NaN };
}

const TYPES: Record<FleetKind, string> = { exoscale: "pulumi-nodejs:dynamic/exoscale:Instance", noop: "pulumi-nodejs:dynamic/bench:Noop" };

/** One full lifecycle of one fleet: fresh stack, preview, up, no-change preview, destroy. */
async function runKind(kind: FleetKind, n: number, emulator: BenchEmulator, options: { sampleRss: boolean; exportState: boolean }): Promise<KindRun> {
  let stack: TestStack | undefined;
  try {
    stack = await fleetStack(kind, n, emulator.env);
    const ms = {} as Record<FleetOp, number>;
    ms["preview (create)"] = (await runOk(stack, "preview")).ms;
    const sampler = new PeakRssSampler();
    ms.up = (await runOk(stack, "up", {}, options.sampleRss ? (pid) => sampler.start(pid) : undefined)).ms;
    const peakRssMb = sampler.stop();
    const exported = options.exportState ? await exportedSize(stack, TYPES[kind]) : undefined;
    const noChange = await runOk(stack, "preview");
    if (Object.keys(noChange.changeSummary ?? {}).some((key) => key !== "same")) throw new Error(`${kind} fleet: a no-change preview planned changes: ${JSON.stringify(noChange.changeSummary)}`);
    ms["preview (no change)"] = noChange.ms;
    ms.destroy = (await runOk(stack, "destroy")).ms;
    discard(stack);
    return { ms, peakRssMb, exported };
  } catch (error) {
    await teardown(stack);
    throw error;
  }
}

/** Runs the comparison for every size; `log` gets one line per lifecycle. */
export async function measureEngineOverhead(emulator: BenchEmulator, options: { sizes: number[]; reps: number }, log: (line: string) => void): Promise<OverheadResult> {
  await emulator.configure({ opDelayMs: 0, rateLimit: null });
  const rows: OverheadRow[] = [];
  const largest = Math.max(...options.sizes);
  const rss: Record<FleetKind, number[]> = { exoscale: [], noop: [] };
  const exported: Partial<Record<FleetKind, { bytes: number; providerBytes: number }>> = {};

  for (const n of options.sizes) {
    const samples: Record<FleetKind, KindRun[]> = { exoscale: [], noop: [] };
    for (let rep = 0; rep < options.reps; rep++) {
      // ABBA: alternate which kind goes first, so a drift in machine load affects both alike.
      const order: FleetKind[] = rep % 2 === 0 ? ["exoscale", "noop"] : ["noop", "exoscale"];
      for (const kind of order) {
        const run = await runKind(kind, n, emulator, { sampleRss: n === largest, exportState: n === largest && rep === 0 });
        samples[kind].push(run);
        if (run.peakRssMb !== undefined) rss[kind].push(run.peakRssMb);
        if (run.exported) exported[kind] = run.exported;
        log(`  N=${n} rep ${rep + 1}/${options.reps} ${kind.padEnd(8)} ${OPS.map((op) => `${op} ${run.ms[op]}ms`).join(", ")}${run.peakRssMb ? `, provider peak RSS ${run.peakRssMb.toFixed(0)} MB` : ""}`);
      }
      await emulator.clearCalls();
    }
    for (const op of OPS) {
      const exoscaleMs = samples.exoscale.map((s) => s.ms[op]);
      const noopMs = samples.noop.map((s) => s.ms[op]);
      const exoscaleMedianMs = median(exoscaleMs);
      const noopMedianMs = median(noopMs);
      rows.push({ n, op, exoscaleMs, noopMs, exoscaleMedianMs, noopMedianMs, ratio: round(exoscaleMedianMs / noopMedianMs, 3) });
    }
  }

  const state: StateEconomy | undefined =
    exported.exoscale && exported.noop
      ? {
          resources: largest,
          providerBytes: exported.exoscale.providerBytes,
          exportedStateBytes: exported.exoscale.bytes,
          exportedStateBytesPerResource: Math.round(exported.exoscale.bytes / largest),
          noopExportedStateBytes: exported.noop.bytes,
          noopProviderBytes: exported.noop.providerBytes,
          providerPeakRssMb: rss.exoscale.length ? round(median(rss.exoscale), 1) : undefined,
          noopProviderPeakRssMb: rss.noop.length ? round(median(rss.noop), 1) : undefined,
          providerPeakRssSamplesMb: rss.exoscale.map((v) => round(v, 1)),
          noopProviderPeakRssSamplesMb: rss.noop.map((v) => round(v, 1)),
        }
      : undefined;
  return { reps: options.reps, parallel: 8, rows, state };
}
