/** The fleet part's Markdown section and its targets (test/bench/results.md). */
import type { FleetKind } from "./lib/stacks";
import { formatBytes, formatMs, verdict } from "./lib/stats";
import { FLEET_OPS, type FleetOp, type FleetResult, type FleetRow } from "./fleet";

/** The plot of time against N, written next to results.md. */
export const FLEET_PLOT_FILE = "fleet.svg";

export const FLEET_TARGETS = {
  upRatioAt20: 1.15,
  upRatioAt300: 1.3,
  /** (exoscale 300 − exoscale 50) / (no-op 300 − no-op 50). */
  marginalRatio: 2,
  /** op(300) / op(50), for `up` and `destroy`: no worse than linear. */
  growth50to300: 6,
  stateBytesPerInstance: 4 * 1024,
};

export const KIND_LABELS: Record<FleetKind, string> = {
  exoscale: "ExoscaleInstance",
  noop: "no-op",
  "noop-shaped": "no-op, Exoscale-shaped",
  "noop-empty": "empty dynamic resource",
  scaleway: "ScalewayImage",
  compute: "ComputeInstance",
};

export interface FleetCheck {
  what: string;
  measured: string;
  target: string;
  pass: boolean;
  /** A baseline's figure shown next to a target, not judged. */
  comparison?: boolean;
}

function find(result: FleetResult, kind: FleetKind, n: number, op: FleetOp): FleetRow | undefined {
  return result.rows.find((r) => r.kind === kind && r.n === n && r.op === op);
}

/** The issue's "done when" list, judged on this run's medians (a check whose sizes did not run is left out). */
export function fleetChecks(result: FleetResult): FleetCheck[] {
  const checks: FleetCheck[] = [];
  const ms = (kind: FleetKind, n: number, op: FleetOp) => find(result, kind, n, op)?.ms;
  for (const [n, target] of [
    [20, FLEET_TARGETS.upRatioAt20],
    [300, FLEET_TARGETS.upRatioAt300],
  ] as const) {
    const ours = ms("exoscale", n, "up");
    const noop = ms("noop", n, "up");
    if (ours && noop)
      checks.push({
        what: `\`up\` at N = ${n}, ExoscaleInstance / plain no-op`,
        measured: `${formatMs(ours)} / ${formatMs(noop)} = **${(ours / noop).toFixed(2)}**`,
        target: `≤ ${target}`,
        pass: ours / noop <= target,
      });
  }
  const [e50, e300, n50, n300] = [
    ms("exoscale", 50, "up"),
    ms("exoscale", 300, "up"),
    ms("noop", 50, "up"),
    ms("noop", 300, "up"),
  ];
  if (e50 && e300 && n50 && n300) {
    const ours = (e300 - e50) / 250;
    const noop = (n300 - n50) / 250;
    checks.push({
      what: "marginal `up` cost per instance, N = 50 → 300",
      measured: `${ours.toFixed(1)} ms vs no-op ${noop.toFixed(1)} ms = **${(ours / noop).toFixed(2)}**`,
      target: `≤ ${FLEET_TARGETS.marginalRatio} ×`,
      pass: ours / noop <= FLEET_TARGETS.marginalRatio,
    });
  }
  for (const op of ["up", "destroy"] as const) {
    const [small, large] = [ms("exoscale", 50, op), ms("exoscale", 300, op)];
    if (small && large)
      checks.push({
        what: `\`${op}\` of 300 / \`${op}\` of 50 ExoscaleInstances`,
        measured: `${formatMs(large)} / ${formatMs(small)} = **${(large / small).toFixed(2)}**`,
        target: `≤ ${FLEET_TARGETS.growth50to300}`,
        pass: large / small <= FLEET_TARGETS.growth50to300,
      });
    // The same growth for the baselines: what the engine's checkpoints alone make of it.
    const baselines = (["noop-empty", "noop"] as const).flatMap((kind) => {
      const [s, l] = [ms(kind, 50, op), ms(kind, 300, op)];
      return s && l ? [`${KIND_LABELS[kind]} ${formatMs(l)} / ${formatMs(s)} = ${(l / s).toFixed(2)}`] : [];
    });
    if (baselines.length > 0)
      checks.push({
        what: `\`${op}\` of 300 / \`${op}\` of 50, baselines`,
        measured: baselines.join("; "),
        target: "",
        pass: true,
        comparison: true,
      });
  }
  const states = result.state.filter((s) => s.kind === "exoscale");
  if (states.length > 0) {
    const worst = Math.max(...states.map((s) => s.bytesPerResource));
    checks.push({
      what: "state per ExoscaleInstance (largest over N)",
      measured: `${formatBytes(worst)} (\`__provider\` ${states[0].providerBytes} B)`,
      target: "≤ 4 KB",
      pass: worst <= FLEET_TARGETS.stateBytesPerInstance,
    });
  }
  const exoRows = (op: FleetOp) => result.rows.filter((r) => r.kind === "exoscale" && r.op === op);
  if (exoRows("preview").length > 0)
    checks.push({
      what: "no-change `preview`: API calls (every N)",
      measured: exoRows("preview")
        .map((r) => r.calls)
        .join(", "),
      target: "0",
      pass: exoRows("preview").every((r) => r.calls === 0),
    });
  if (exoRows("refresh").length > 0)
    checks.push({
      what: "`refresh`: API calls = GETs = N + 1 (every N)",
      measured: exoRows("refresh")
        .map((r) => `${r.calls}/${r.n}`)
        .join(", "),
      // + the account's identity (GET /v2/organization), read once by the provider process.
      target: "1 GET per resource, + 1 per provider process",
      pass: exoRows("refresh").every((r) => r.calls === r.n + 1 && r.gets === r.n + 1),
    });
  const extraLines = exoRows("up").map((r) => ({
    n: r.n,
    extra: r.lines - (find(result, "noop", r.n, "up")?.lines ?? Number.NaN),
  }));
  if (extraLines.length > 0)
    checks.push({
      what: "lines `up` prints beyond the no-op program's (every N)",
      measured: extraLines.map((l) => `N=${l.n}: ${l.extra}`).join(", "),
      target: "≤ N",
      pass: extraLines.every((l) => l.extra <= l.n),
    });
  return checks;
}

/** The fleet section of results.md; `plotFile` is the SVG written next to it. */
export function fleetSection(result: FleetResult, plotFile: string): string[] {
  const { options } = result;
  const lines = [
    "### 6. Fleets (N resources, emulator operations instant)",
    "",
    `Sizes ${options.sizes.join(", ")}; each ran ${options.reps}× per kind, the kinds of one size taking turns going first; ScalewayImage and ComputeInstance at N = ${options.othersAt}. Medians. CPU = the dynamic-provider process (the engine's in brackets); lines = non-empty lines the engine printed; calls = API calls the emulator served.`,
    "",
    `![time against N](${plotFile})`,
    "",
    "| check | measured | target | verdict |",
    "|---|---|---|---|",
    ...fleetChecks(result).map(
      (c) => `| ${c.what} | ${c.measured} | ${c.target} | ${c.comparison ? "(comparison)" : verdict(c.pass)} |`,
    ),
    "",
    "| N | kind | " +
      FLEET_OPS.map((op) => `${op}`).join(" | ") +
      " | `up` lines | `up` provider CPU (engine) | provider peak RSS | state / resource |",
    "|---:|---|" + FLEET_OPS.map(() => "---:").join("|") + "|---:|---:|---:|---:|",
  ];
  const sizes = [...new Set(result.rows.map((r) => r.n))];
  for (const n of sizes) {
    for (const kind of [...new Set(result.rows.filter((r) => r.n === n).map((r) => r.kind))]) {
      const row = (op: FleetOp) => find(result, kind, n, op);
      const up = row("up");
      const state = result.state.find((s) => s.kind === kind && s.n === n);
      const ratio = (op: FleetOp) => {
        const base = find(result, "noop", n, op)?.ms;
        const own = row(op)?.ms;
        return kind !== "noop" && base && own ? ` (${(own / base).toFixed(2)})` : "";
      };
      lines.push(
        `| ${n} | ${KIND_LABELS[kind]} | ${FLEET_OPS.map((op) => `${formatMs(row(op)?.ms ?? Number.NaN)}${ratio(op)}`).join(" | ")} | ${up?.lines ?? ""} | ${up ? `${up.providerCpuMs} ms (${up.engineCpuMs})` : ""} | ${up?.providerPeakRssMb ?? "n/a"} MB | ${state ? formatBytes(state.bytesPerResource) : ""} |`,
      );
    }
  }
  lines.push("", "Ratios in brackets are to the plain no-op program of the same N.");
  return lines;
}
