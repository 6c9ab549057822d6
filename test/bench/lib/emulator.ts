/**
 * The emulator for the benchmarks (the compiled one), plus its control API: in this process, or as
 * its own `compute-emulator` process at a lower CPU priority, standing in for a cloud whose CPU is
 * not the user's.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import { type ApiModule, type EmulatorModule, fromDist, type RecordedCall } from "./dist";

export interface BenchEmulator {
  url: string;
  env: Record<string, string>;
  close(): Promise<void>;
  calls(): Promise<RecordedCall[]>;
  clearCalls(): Promise<void>;
  state(): Promise<Record<string, any>>;
  configure(settings: {
    opDelayMs?: number;
    rateLimit?: { requestsPerSecond: number; burst?: number } | null;
  }): Promise<void>;
  /** CPU time the emulator has used so far, in ms (in-process: this whole process). */
  cpuMs(): number;
}

async function control(url: string, method: string, route: string, body?: unknown): Promise<any> {
  const response = await fetch(`${url}/_emulator/${route}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator ${method} ${route}: HTTP ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

function withControl(
  emulator: { url: string; env: Record<string, string>; close(): Promise<void> },
  cpuMs: () => number,
): BenchEmulator {
  return {
    cpuMs,
    url: emulator.url,
    env: emulator.env,
    close: () => emulator.close(),
    calls: () => control(emulator.url, "GET", "calls"),
    clearCalls: () => control(emulator.url, "DELETE", "calls"),
    state: () => control(emulator.url, "GET", "state"),
    configure: (settings) => control(emulator.url, "POST", "config", settings),
  };
}

/** Starts the emulator in this process with `opDelayMs` (and optionally wrapped API modules). */
export async function startBenchEmulator(options: {
  opDelayMs: number;
  modules?: ApiModule[];
}): Promise<BenchEmulator> {
  const { startEmulator } = fromDist<EmulatorModule>("emulator");
  return withControl(await startEmulator(options), () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  });
}

/** Starts `compute-emulator` as its own process under `nice -n <niceness>`. */
export async function startEmulatorProcess(options: { opDelayMs: number; niceness: number }): Promise<BenchEmulator> {
  const cli = path.resolve(__dirname, "..", "..", "..", "dist", "emulator", "cli.js");
  const child = spawn(
    "nice",
    ["-n", String(options.niceness), process.execPath, cli, "--op-delay-ms", String(options.opDelayMs)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`compute-emulator exited with ${code} before listening`)));
  });
  const { url, env } = JSON.parse(firstLine) as { url: string; env: Record<string, string> };
  const pid = child.pid as number;
  return withControl(
    {
      url,
      env,
      close: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    },
    () => processCpuMs(pid),
  );
}

/** utime + stime of a process, in ms (clock ticks are 1/100 s on Linux). */
function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

const ID_SEGMENT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|inst-[0-9a-f]+/gi;

/** "GET /v2/instance/{id}:password" — a call with its ids generalised, for counting by kind. */
export function callKind(call: RecordedCall): string {
  const query = call.query ? `?${call.query.replace(/=[^&]*/g, "=…")}` : "";
  return `${call.method} ${call.path.replace(ID_SEGMENT, "{id}")}${query}`;
}

/** Counts calls by kind, most frequent first. */
export function countByKind(calls: RecordedCall[]): Array<{ call: string; count: number }> {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(callKind(call), (counts.get(callKind(call)) ?? 0) + 1);
  return [...counts.entries()]
    .map(([call, count]) => ({ call, count }))
    .sort((a, b) => b.count - a.count || a.call.localeCompare(b.call));
}

/** Whether a call changes something (anything but GET/HEAD). */
export function isMutating(call: RecordedCall): boolean {
  return call.method !== "GET" && call.method !== "HEAD";
}
