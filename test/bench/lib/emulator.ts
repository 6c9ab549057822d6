/** The emulator for the benchmarks: the compiled one, in this process, plus its control API. */
import { type ApiModule, type EmulatorModule, fromDist, type RecordedCall } from "./dist";

export interface BenchEmulator {
  url: string;
  env: Record<string, string>;
  close(): Promise<void>;
  calls(): Promise<RecordedCall[]>;
  clearCalls(): Promise<void>;
  state(): Promise<Record<string, any>>;
  configure(settings: { opDelayMs?: number; rateLimit?: { requestsPerSecond: number; burst?: number } | null }): Promise<void>;
}

async function control(url: string, method: string, route: string, body?: unknown): Promise<any> {
  const response = await fetch(`${url}/_emulator/${route}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`emulator ${method} ${route}: HTTP ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** Starts the emulator with `opDelayMs` (and optionally wrapped API modules). */
export async function startBenchEmulator(options: { opDelayMs: number; modules?: ApiModule[] }): Promise<BenchEmulator> {
  const { startEmulator } = fromDist<EmulatorModule>("emulator");
  const emulator = await startEmulator(options);
  return {
    url: emulator.url,
    env: emulator.env,
    close: () => emulator.close(),
    calls: () => control(emulator.url, "GET", "calls"),
    clearCalls: () => control(emulator.url, "DELETE", "calls"),
    state: () => control(emulator.url, "GET", "state"),
    configure: (settings) => control(emulator.url, "POST", "config", settings),
  };
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
  return [...counts.entries()].map(([call, count]) => ({ call, count })).sort((a, b) => b.count - a.count || a.call.localeCompare(b.call));
}

/** Whether a call changes something (anything but GET/HEAD). */
export function isMutating(call: RecordedCall): boolean {
  return call.method !== "GET" && call.method !== "HEAD";
}
