/**
 * `npm run bench`: runs the benchmarks against the emulator and writes test/bench/results.json,
 * test/bench/results.md and test/bench/fleet.svg (the README links to them; results live in one place).
 *
 * Options (after `--`): `--only=engine,completion,calls,storm,fleet,settings` (state economy rides with
 * engine; the parts not run keep their results from the previous run's results.json),
 * `--reps=N` (engine repetitions per size, default 5), `--sizes=10,50,100`,
 * `--completion-reps=N` (default 5), `--emulator=in-process` (default: its own niced process), `--quick` (1 rep, N = 10, short operations; for trying it out),
 * `--fleet-sizes=10,20,50,100,300,500`, `--fleet-reps=N` (default 3), `--fleet-others-at=N` (ScalewayImage and
 * ComputeInstance fleets, default 100), `--settings-at=N` (part 7, engine settings, default 300),
 * `--settings-reps=N` (default 2),
 * `--no-write` (print only). `--quick` or BENCH_QUICK=1 also makes the fleet part small (N = 10, 20, 50, once).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { measureCallEconomy } from "./call-economy";
import { measureCompletion } from "./completion";
import { measureIncusCompletion } from "./incus-completion";
import { measureEngineOverhead } from "./engine-overhead";
import { measureEngineSettings } from "./engine-settings";
import { measureFleet } from "./fleet";
import { fleetSvg } from "./fleet-plot";
import { FLEET_PLOT_FILE } from "./fleet-report";
import { type BenchEmulator, startBenchEmulator, startEmulatorProcess } from "./lib/emulator";
import { measureStorm } from "./rate-limit-storm";
import { type BenchResults, type Machine, renderMarkdown } from "./report";

const PARTS = ["calls", "storm", "completion", "engine", "fleet", "settings"] as const;

function argument(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

function numbers(text: string | undefined, fallback: number[]): number[] {
  return text
    ? text
        .split(",")
        .map(Number)
        .filter((n) => Number.isFinite(n) && n > 0)
    : fallback;
}

function machine(): Machine {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
  let pulumi = "unknown";
  try {
    pulumi = execFileSync(path.join(process.env.PULUMI_ENGINE_BIN ?? "", "pulumi"), ["version"], {
      encoding: "utf8",
    }).trim();
  } catch {
    // reported as unknown
  }
  return {
    cpus: os.availableParallelism(),
    cpuModel: model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    pulumi,
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg(),
  };
}

/** Which result field each part fills. */
const PART_RESULTS: Record<
  (typeof PARTS)[number],
  "calls" | "storm" | "completion" | "engineOverhead" | "fleet" | "engineSettings"
> = {
  calls: "calls",
  storm: "storm",
  completion: "completion",
  engine: "engineOverhead",
  fleet: "fleet",
  settings: "engineSettings",
};

/**
 * Keeps the results of the parts this run did not measure from the previous results.json, noting
 * the run each comes from, so that re-running one part does not erase the others.
 */
function carryOver(results: BenchResults, only: Set<string>): void {
  const file = path.join(__dirname, "results.json");
  if (!fs.existsSync(file)) return;
  const previous = JSON.parse(fs.readFileSync(file, "utf8")) as BenchResults;
  for (const part of PARTS) {
    const field = PART_RESULTS[part];
    if (only.has(part) || previous[field] === undefined) continue;
    (results as unknown as Record<string, unknown>)[field] = previous[field];
    results.measuredIn = { ...results.measuredIn, [part]: previous.measuredIn?.[part] ?? previous.startedAt };
  }
}

export async function main(): Promise<number> {
  const quick = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";
  const only = new Set(argument("only")?.split(",") ?? PARTS);
  const options = {
    reps: numbers(argument("reps"), [quick ? 1 : 5])[0],
    sizes: numbers(argument("sizes"), quick ? [10] : [10, 50, 100]),
    completionReps: numbers(argument("completion-reps"), [quick ? 2 : 5])[0],
    opLengthsMs: numbers(argument("op-lengths"), quick ? [500, 2000] : [500, 2000, 10000]),
  };
  const fleetOptions = {
    sizes: numbers(argument("fleet-sizes"), quick ? [10, 20, 50] : [10, 20, 50, 100, 300, 500]),
    reps: numbers(argument("fleet-reps"), [quick ? 1 : 3])[0],
    othersAt: numbers(argument("fleet-others-at"), [quick ? 10 : 100])[0],
  };
  const settingsOptions = {
    n: numbers(argument("settings-at"), [quick ? 50 : 300])[0],
    reps: numbers(argument("settings-reps"), [quick ? 1 : 2])[0],
    slowOpMs: 2000,
  };
  const started = Date.now();
  const results: BenchResults = { startedAt: new Date().toISOString(), machine: machine(), options, errors: {} };
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(
    `[bench] ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}, Pulumi ${results.machine.pulumi}; load ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}`,
  );

  // By default the emulator runs as its own process at a lower CPU priority: on a 2-core machine its
  // CPU would otherwise compete with the engine, which a real cloud's does not.
  const inProcess = argument("emulator") === "in-process";
  const emulator: BenchEmulator = inProcess
    ? await startBenchEmulator({ opDelayMs: 0 })
    : await startEmulatorProcess({ opDelayMs: 0, niceness: 10 });
  const part = async (name: string, title: string, body: () => Promise<void>) => {
    if (!only.has(name)) return;
    const partStarted = Date.now();
    log(`[bench] ${title}`);
    try {
      await body();
    } catch (error) {
      results.errors[title] = String((error as Error)?.stack ?? error);
      log(`[bench] ${title} failed: ${(error as Error)?.message ?? error}`);
    }
    log(`[bench] ${title}: ${((Date.now() - partStarted) / 1000).toFixed(0)} s`);
  };
  try {
    await part("calls", "4. API-call economy", async () => {
      results.calls = await measureCallEconomy(emulator, 10, log);
    });
    await part("storm", "5. rate-limit storm", async () => {
      results.storm = await measureStorm(
        emulator,
        { instances: quick ? 20 : 50, requestsPerSecond: 10, burst: 10 },
        log,
      );
    });
    await part("completion", "2. completion detection", async () => {
      const completion = { opLengthsMs: options.opLengthsMs, reps: options.completionReps };
      results.completion = [
        ...(await measureCompletion(completion, log)),
        ...(await measureIncusCompletion(completion, log)),
      ];
    });
    await part("engine", "1. engine overhead and 3. state economy", async () => {
      results.engineOverhead = await measureEngineOverhead(emulator, { sizes: options.sizes, reps: options.reps }, log);
    });
    await part("fleet", "6. fleets", async () => {
      results.fleet = await measureFleet(emulator, fleetOptions, log);
    });
    await part("settings", "7. engine settings for a big stack", async () => {
      results.engineSettings = await measureEngineSettings(emulator, settingsOptions, log);
    });
  } finally {
    await emulator.close();
  }

  carryOver(results, only);
  results.durationS = (Date.now() - started) / 1000;
  results.machine.loadAverageAtEnd = os.loadavg();
  const markdown = renderMarkdown(results);
  if (!process.argv.includes("--no-write")) {
    fs.writeFileSync(path.join(__dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    fs.writeFileSync(path.join(__dirname, "results.md"), `# Benchmark results\n\n${markdown}`);
    if (results.fleet)
      fs.writeFileSync(
        path.join(__dirname, FLEET_PLOT_FILE),
        fleetSvg(
          results.fleet,
          `pulumi-dynamic-compute fleet benchmark, ${results.measuredIn?.fleet ?? results.startedAt}`,
        ),
      );
    log(`[bench] wrote test/bench/results.md and results.json`);
  }
  log("");
  log(markdown);
  log(`[bench] finished in ${results.durationS.toFixed(0)} s`);
  return Object.keys(results.errors).length === 0 ? 0 : 1;
}
