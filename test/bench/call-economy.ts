/**
 * 4. API-call economy, counted by the emulator's call log, on a fleet of N ExoscaleInstances:
 * create, a no-change preview (0 calls), a no-change up (no mutating call), refresh (1 GET per
 * resource, and the one GET /v2/organization of the provider process), an update of one label on every instance (the calls listed), the same update while
 * deletionProtection is on, and destroy.
 */
import { countConnections } from "./lib/connection-counter";
import type { RecordedCall } from "./lib/dist";
import { type BenchEmulator, countByKind, isMutating } from "./lib/emulator";
import { discard, fleetStack, runOk, teardown } from "./lib/stacks";
import { round } from "./lib/stats";

export interface CallStep {
  step: string;
  /** Engine operation's change summary (what the engine did). */
  changes?: Record<string, number>;
  totalCalls: number;
  mutatingCalls: number;
  callsPerResource: number;
  /** TCP connections clients opened to the API during the step (keep-alive reuse shows here). */
  connections: number;
  /** Calls by kind (ids generalised), summed over all resources. */
  byKind: Array<{ call: string; count: number }>;
  target?: string;
  pass?: boolean;
}

export interface CallEconomyResult {
  resources: number;
  steps: CallStep[];
}

function summarize(
  step: string,
  calls: RecordedCall[],
  n: number,
  connections: number,
  changes?: Record<string, number>,
): CallStep {
  return {
    step,
    changes,
    totalCalls: calls.length,
    mutatingCalls: calls.filter(isMutating).length,
    callsPerResource: round(calls.length / n, 2),
    connections,
    byKind: countByKind(calls),
  };
}

export async function measureCallEconomy(
  emulator: BenchEmulator,
  n: number,
  log: (line: string) => void,
): Promise<CallEconomyResult> {
  await emulator.configure({ opDelayMs: 0, rateLimit: null });
  // The stack talks to the emulator through a pass-through that counts TCP connections.
  const counter = await countConnections(emulator);
  const stack = await fleetStack("exoscale", n, counter.env);
  const steps: CallStep[] = [];
  const measure = async (step: string, op: string, check?: (s: CallStep) => { target: string; pass: boolean }) => {
    await emulator.clearCalls();
    counter.reset();
    const result = await runOk(stack, op);
    const summary = summarize(
      step,
      await emulator.calls(),
      n,
      counter.opened(),
      result.summary?.resourceChanges ?? result.changeSummary,
    );
    Object.assign(summary, check?.(summary));
    steps.push(summary);
    log(
      `  ${step}: ${summary.totalCalls} calls (${summary.mutatingCalls} mutating) over ${summary.connections} connections${summary.target ? ` — target ${summary.target}: ${summary.pass ? "pass" : "FAIL"}` : ""}`,
    );
    return summary;
  };
  try {
    await measure("up (create)", "up");
    await measure("preview, no change", "preview", (s) => ({ target: "0 calls", pass: s.totalCalls === 0 }));
    await measure("up, no change", "up", (s) => ({ target: "0 mutating calls", pass: s.mutatingCalls === 0 }));
    await measure("refresh, no drift", "refresh", (s) => {
      const gets = s.byKind.find((k) => k.call === "GET /v2/instance/{id}")?.count ?? 0;
      // Plus the account's identity (GET /v2/organization), read once by the provider process.
      return {
        target: `1 GET per resource (${n}), + 1 per provider process`,
        pass: gets === n && s.totalCalls === n + 1,
      };
    });
    await stack.setConfig("labelValue", "b");
    await measure("preview of a label change", "preview", (s) => ({ target: "0 calls", pass: s.totalCalls === 0 }));
    await measure("up: change one label", "up", (s) => ({
      target: "1 PUT per resource, nothing else mutating",
      pass: s.mutatingCalls === n && s.byKind.some((k) => k.call === "PUT /v2/instance/{id}" && k.count === n),
    }));
    await stack.setConfig("protect", "true");
    await measure("up: turn deletionProtection on", "up");
    await stack.setConfig("labelValue", "c");
    await measure("up: change one label, deletionProtection on", "up");
    await stack.setConfig("protect", "false");
    await measure("up: turn deletionProtection off", "up");
    await measure("destroy", "destroy");
    discard(stack);
  } catch (error) {
    await teardown(stack);
    throw error;
  } finally {
    await counter.close();
  }
  return { resources: n, steps };
}
