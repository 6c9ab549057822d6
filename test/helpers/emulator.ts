/** The local cloud emulator for tests, in-process, plus helpers for its control API. */
import {
  startEmulator,
  type Emulator,
  type ServerOptions,
  type FaultRule,
  type RecordedCall,
  type EmulatorSeed,
  type SeededObjects,
  type EmulatorChanges,
  type ChangedObjects,
} from "../../src/emulator";

export interface TestEmulator extends Emulator {
  calls(): Promise<RecordedCall[]>;
  clearCalls(): Promise<void>;
  state(): Promise<Record<string, any>>;
  addFault(rule: FaultRule | FaultRule[]): Promise<void>;
  clearFaults(): Promise<void>;
  configure(settings: {
    opDelayMs?: number;
    rateLimit?: { requestsPerSecond: number; burst?: number } | null;
  }): Promise<void>;
  /** Makes objects as if made outside Pulumi (`POST /_emulator/objects`); resolves with their ids. */
  seedObjects(seed: EmulatorSeed): Promise<SeededObjects>;
  /** Changes existing objects behind Pulumi's back (`PATCH /_emulator/objects`): drift for `pulumi refresh`. */
  changeObjects(changes: EmulatorChanges): Promise<ChangedObjects>;
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

export async function startTestEmulator(options: ServerOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ opDelayMs: 50, ...options });
  return {
    ...emulator,
    calls: () => control(emulator.url, "GET", "calls"),
    clearCalls: () => control(emulator.url, "DELETE", "calls"),
    state: () => control(emulator.url, "GET", "state"),
    addFault: (rule) => control(emulator.url, "POST", "faults", rule),
    clearFaults: () => control(emulator.url, "DELETE", "faults"),
    configure: (settings) => control(emulator.url, "POST", "config", settings),
    seedObjects: (seed) => control(emulator.url, "POST", "objects", seed),
    changeObjects: (changes) => control(emulator.url, "PATCH", "objects", changes),
  };
}
