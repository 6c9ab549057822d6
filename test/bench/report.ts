/** Renders the benchmark results as the Markdown table in test/bench/results.md. */
import type { CallEconomyResult } from "./call-economy";
import type { CompletionRow } from "./completion";
import type { OverheadResult } from "./engine-overhead";
import { type EngineSettingsResult, engineSettingsSection } from "./engine-settings";
import type { FleetResult } from "./fleet";
import { FLEET_PLOT_FILE, fleetSection } from "./fleet-report";
import type { StormResult } from "./rate-limit-storm";
import { formatBytes, formatMs, verdict } from "./lib/stats";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  pulumi: string;
  os: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
}

export interface BenchResults {
  startedAt: string;
  durationS?: number;
  machine: Machine;
  options: { reps: number; sizes: number[]; completionReps: number; opLengthsMs: number[] };
  engineOverhead?: OverheadResult;
  completion?: CompletionRow[];
  calls?: CallEconomyResult;
  storm?: StormResult;
  fleet?: FleetResult;
  engineSettings?: EngineSettingsResult;
  /** Parts kept from an earlier run (`--only`), with the start of the run that measured them. */
  measuredIn?: Record<string, string>;
  errors: Record<string, string>;
}

export const TARGETS = {
  upRatioAt50: 1.15,
  providerBytes: 4 * 1024,
  stateBytes100: 1024 * 1024,
  stormRatio: 1.3,
};

const ms = (values: number[]) => values.map((v) => Math.round(v)).join(", ");

function engineSection(result: OverheadResult): string[] {
  const lines = [
    "### 1. Engine overhead (ExoscaleInstance vs. no-op dynamic resources, emulator operations instant)",
    "",
    `Each size ran ${result.reps}× per kind, rotating which kind goes first; default engine parallelism (${result.parallel}). Wall time of the engine operation, medians. **ratio** = ExoscaleInstance / minimal no-op (outputs = its 6 inputs; the target's baseline); *shaped ratio* = ExoscaleInstance / a no-op with ExoscaleInstance's 25 outputs, which leaves out what the engine spends on carrying a richer resource.`,
    "",
    "| N | operation | ExoscaleInstance | no-op | no-op, Exoscale-shaped | ratio | shaped ratio | samples (Exoscale / no-op / shaped, ms) |",
    "|---:|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const row of result.rows) {
    const samples = (["exoscale", "noop", "noop-shaped"] as const).map((kind) => ms(row.samplesMs[kind])).join(" / ");
    lines.push(
      `| ${row.n} | ${row.op} | ${formatMs(row.medianMs.exoscale)} | ${formatMs(row.medianMs.noop)} | ${formatMs(row.medianMs["noop-shaped"])} | **${row.ratio.toFixed(2)}** | *${row.ratioShaped.toFixed(2)}* | ${samples} |`,
    );
  }
  const up50 = result.rows.find((r) => r.n === 50 && r.op === "up");
  if (up50)
    lines.push(
      "",
      `Target: \`up\` ratio at N = 50 ≤ ${TARGETS.upRatioAt50} — measured **${up50.ratio.toFixed(2)}** ${verdict(up50.ratio <= TARGETS.upRatioAt50)} (against the Exoscale-shaped no-op: ${up50.ratioShaped.toFixed(2)} ${verdict(up50.ratioShaped <= TARGETS.upRatioAt50)}).`,
    );
  const ups = result.rows.filter((r) => r.op === "up");
  if (ups.length > 1)
    lines.push(
      "",
      `\`up\` ratio by N: ${ups.map((r) => `N=${r.n}: ${r.ratio.toFixed(2)} (shaped ${r.ratioShaped.toFixed(2)})`).join("; ")}.`,
    );
  if (result.upCpuMs.length > 0) {
    lines.push(
      "",
      "CPU time during `up` (median ms per process of the run; program = the Node language host and the node process running the program, engine = the `pulumi` CLI, emulator = the emulator process, or this bench process with `--emulator=in-process`):",
      "",
      "| N | kind | program | engine | provider | emulator | total |",
      "|---:|---|---:|---:|---:|---:|---:|",
    );
    for (const { n, kind, cpuMs } of result.upCpuMs) {
      const total = cpuMs.program + cpuMs.engine + cpuMs.provider + cpuMs.other + cpuMs.emulator;
      lines.push(
        `| ${n} | ${kind} | ${cpuMs.program} | ${cpuMs.engine} | ${cpuMs.provider} | ${cpuMs.emulator} | ${Math.round(total)} |`,
      );
    }
  }
  return lines;
}

function completionSection(rows: CompletionRow[]): string[] {
  const lines = [
    "### 2. Completion detection (operation finished → caller returned)",
    "",
    "Measured in-process at the provider/client level: the emulator stamps when each operation ends; `create` rows time the compiled provider's `create` (reads after the wait included), `wait` rows time the client's wait alone. The *real LXD* rows wait on `sleep` execs of that length in a running container of the daemon started by scripts/start-lxd.sh, with the client `IncusInstance` uses; the daemon stamps the end itself (the operation's `updated_at`). The fixed 3 s rows are the Go-SDK-style comparison, run concurrently with the others. Target: ≤ 100 ms + 10 % of the operation's length (judged on the median).",
    "",
    "| op length | strategy | level | median | max | samples (ms) | target | verdict |",
    "|---:|---|---|---:|---:|---|---:|---|",
  ];
  for (const row of rows) {
    lines.push(
      `| ${formatMs(row.opMs)} | ${row.strategy} | ${row.level} | ${formatMs(row.medianMs)} | ${formatMs(row.maxMs)} | ${ms(row.latencyMs)} | ≤ ${formatMs(row.targetMs)} | ${row.judged ? verdict(row.medianMs <= row.targetMs) : "(comparison)"} |`,
    );
  }
  return lines;
}

function stateSection(result: OverheadResult): string[] {
  const state = result.state;
  if (!state) return [];
  const rss = (kind: "exoscale" | "noop" | "noop-shaped") =>
    `${state.providerPeakRssMb[kind] ?? "n/a"} MB (${state.providerPeakRssSamplesMb[kind].join(", ")})`;
  return [
    `### 3. State economy (${state.resources} resources)`,
    "",
    "| metric | ExoscaleInstance | no-op | no-op, Exoscale-shaped | target | verdict |",
    "|---|---:|---:|---:|---:|---|",
    `| \`__provider\` per resource (stored in inputs and outputs) | ${formatBytes(state.providerBytes.exoscale)} (${state.providerBytes.exoscale} B) | ${formatBytes(state.providerBytes.noop)} | ${formatBytes(state.providerBytes["noop-shaped"])} | ≤ 4 KB | ${verdict(state.providerBytes.exoscale <= TARGETS.providerBytes)} |`,
    `| exported state, whole stack | ${formatBytes(state.exportedStateBytes.exoscale)} | ${formatBytes(state.exportedStateBytes.noop)} | ${formatBytes(state.exportedStateBytes["noop-shaped"])} | ≤ 1 MB | ${verdict(state.exportedStateBytes.exoscale <= TARGETS.stateBytes100)} |`,
    `| exported state per resource | ${formatBytes(Math.round(state.exportedStateBytes.exoscale / state.resources))} | ${formatBytes(Math.round(state.exportedStateBytes.noop / state.resources))} | ${formatBytes(Math.round(state.exportedStateBytes["noop-shaped"] / state.resources))} | — | |`,
    `| provider process peak RSS (VmHWM) during \`up\`, median (samples) | ${rss("exoscale")} | ${rss("noop")} | ${rss("noop-shaped")} | — | |`,
  ];
}

function callsSection(result: CallEconomyResult): string[] {
  const lines = [
    `### 4. API-call economy (${result.resources} ExoscaleInstances, counted by the emulator)`,
    "",
    "| step | engine | calls | mutating | per resource | TCP connections | calls by kind (all resources) | target | verdict |",
    "|---|---|---:|---:|---:|---:|---|---|---|",
  ];
  for (const step of result.steps) {
    const kinds = step.byKind.map((k) => `${k.count}× \`${k.call}\``).join("<br>") || "—";
    const changes = step.changes
      ? Object.entries(step.changes)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")
      : "";
    lines.push(
      `| ${step.step} | ${changes} | ${step.totalCalls} | ${step.mutatingCalls} | ${step.callsPerResource} | ${step.connections} | ${kinds} | ${step.target ?? ""} | ${step.target ? verdict(step.pass === true) : ""} |`,
    );
  }
  return lines;
}

function stormSection(storm: StormResult): string[] {
  const ok =
    storm.ok &&
    storm.liveInstances === storm.instances &&
    storm.distinctTokens === storm.instances &&
    storm.resourcesInState === storm.instances;
  return [
    `### 5. Rate-limit storm (${storm.instances} creates, \`--parallel ${storm.parallel}\`, ${storm.requestsPerSecond} req/s, burst ${storm.burst}, 429 + Retry-After beyond)`,
    "",
    "| metric | value | target | verdict |",
    "|---|---:|---|---|",
    `| every create succeeded, no duplicate | up ${storm.ok ? "ok" : "failed"}; ${storm.resourcesInState} in state; ${storm.liveInstances} instances in the emulator, ${storm.distinctTokens} distinct creation tokens, ${storm.distinctNames} distinct names | ${storm.instances} each | ${verdict(ok)} |`,
    `| requests served (K) / rate-limited (429) | ${storm.servedCalls} / ${storm.rateLimitedCalls} | — | |`,
    `| bound = K / ${storm.requestsPerSecond} req/s | ${formatMs(storm.boundMs)} (crediting the burst: ${formatMs(storm.strictBoundMs)}) | — | |`,
    `| whole \`pulumi up\` (engine start-up included) | ${formatMs(storm.upMs)} = **${storm.upRatio.toFixed(2)} × bound** | ≤ ${TARGETS.stormRatio} × | ${verdict(storm.upRatio <= TARGETS.stormRatio)} |`,
    `| first → last API call | ${formatMs(storm.apiWindowMs)} = ${storm.apiWindowRatio.toFixed(2)} × bound | ≤ ${TARGETS.stormRatio} × | ${verdict(storm.apiWindowRatio <= TARGETS.stormRatio)} |`,
    `| TCP connections opened | ${storm.connections} | | |`,
    `| served calls by kind | ${storm.servedByKind.map((k) => `${k.count}× \`${k.call}\``).join("<br>")} | | |`,
  ];
}

/** The whole results page. */
export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const lines = [
    `Run ${results.startedAt}${results.durationS !== undefined ? ` (${Math.round(results.durationS)} s)` : ""} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB RAM, ${m.os}; Node ${m.node}, Pulumi ${m.pulumi}. Load average at start ${m.loadAverageAtStart.map((v) => v.toFixed(2)).join(" / ")}${m.loadAverageAtEnd ? `, at end ${m.loadAverageAtEnd.map((v) => v.toFixed(2)).join(" / ")}` : ""} (the machine is shared: absolute times are noisy, ratios are measured side by side).`,
    ...(results.measuredIn
      ? [
          "",
          `Parts kept from earlier runs: ${Object.entries(results.measuredIn)
            .map(([part, at]) => `${part} (run ${at})`)
            .join(", ")}.`,
        ]
      : []),
    "",
  ];
  const sections: string[][] = [];
  if (results.engineOverhead) sections.push(engineSection(results.engineOverhead));
  if (results.completion) sections.push(completionSection(results.completion));
  if (results.engineOverhead?.state) sections.push(stateSection(results.engineOverhead));
  if (results.calls) sections.push(callsSection(results.calls));
  if (results.storm) sections.push(stormSection(results.storm));
  if (results.fleet) sections.push(fleetSection(results.fleet, FLEET_PLOT_FILE));
  if (results.engineSettings) sections.push(engineSettingsSection(results.engineSettings));
  for (const [part, error] of Object.entries(results.errors))
    sections.push([`### ${part}: did not complete`, "", "```", error.slice(0, 2000), "```"]);
  return [...lines, ...sections.flatMap((s) => [...s, ""])].join("\n");
}
