/**
 * 5. Rate-limit storm: `pulumi up --parallel 50` of 50 ExoscaleInstances while the emulator serves
 * 10 requests/s (token bucket, burst 10) and answers 429 with Retry-After beyond that. Every create
 * must succeed, no instance may be duplicated, and the run must take at most 1.3 × the time the
 * rate limit alone imposes: K requests actually served (every call that was not a 429) at 10/s.
 */
import { countConnections } from "./lib/connection-counter";
import { type BenchEmulator, countByKind } from "./lib/emulator";
import { discard, fleetStack, runOk, teardown } from "./lib/stacks";
import { round } from "./lib/stats";
import type { TestStack } from "../helpers/engine";

export interface StormResult {
  instances: number;
  parallel: number;
  requestsPerSecond: number;
  burst: number;
  ok: boolean;
  /** Instances in the emulator after the run, and how many distinct creation tokens / names. */
  liveInstances: number;
  distinctNames: number;
  distinctTokens: number;
  resourcesInState: number;
  /** Calls the server served (not 429): the work the run needed. */
  servedCalls: number;
  rateLimitedCalls: number;
  /** servedCalls / rate: the least time the rate limit allows for this work. */
  boundMs: number;
  /** (servedCalls − burst) / rate: the same bound if the burst is credited. */
  strictBoundMs: number;
  /** Whole `pulumi up` (engine start-up and program included). */
  upMs: number;
  /** First to last API call of the run. */
  apiWindowMs: number;
  upRatio: number;
  apiWindowRatio: number;
  servedByKind: Array<{ call: string; count: number }>;
  /** TCP connections the provider opened (keep-alive pool of at most 64 per process). */
  connections: number;
}

export async function measureStorm(
  emulator: BenchEmulator,
  options: { instances: number; requestsPerSecond: number; burst: number },
  log: (line: string) => void,
): Promise<StormResult> {
  const { instances: n, requestsPerSecond: rps, burst } = options;
  await emulator.configure({ opDelayMs: 0, rateLimit: null });
  let stack: TestStack | undefined;
  const counter = await countConnections(emulator);
  try {
    stack = await fleetStack("exoscale", n, counter.env);
    await emulator.clearCalls();
    counter.reset();
    const before = await emulator.state();
    const existing = new Set(Object.keys(before.exoscale?.instances ?? {}));
    await emulator.configure({ rateLimit: { requestsPerSecond: rps, burst } });
    let up;
    try {
      up = await runOk(stack, "up", { parallel: n });
    } finally {
      await emulator.configure({ rateLimit: null });
    }
    const calls = await emulator.calls();
    const served = calls.filter((c) => c.status !== 429);
    const times = calls.map((c) => Date.parse(c.at));
    const state = await emulator.state();
    const live = Object.values<{ id: string; name: string; labels?: Record<string, string> }>(
      state.exoscale.instances,
    ).filter((i) => !existing.has(i.id));
    const resources = (await stack.resourcesOfType("pulumi-nodejs:dynamic/exoscale:Instance")).length;
    const boundMs = (served.length / rps) * 1000;
    const apiWindowMs = Math.max(...times) - Math.min(...times);
    const result: StormResult = {
      instances: n,
      parallel: n,
      requestsPerSecond: rps,
      burst,
      ok: up.ok,
      liveInstances: live.length,
      distinctNames: new Set(live.map((i) => i.name)).size,
      distinctTokens: new Set(live.map((i) => i.labels?.["pulumi-creation-token"])).size,
      resourcesInState: resources,
      servedCalls: served.length,
      rateLimitedCalls: calls.length - served.length,
      boundMs,
      strictBoundMs: (Math.max(0, served.length - burst) / rps) * 1000,
      upMs: up.ms,
      apiWindowMs,
      upRatio: round(up.ms / boundMs, 3),
      apiWindowRatio: round(apiWindowMs / boundMs, 3),
      servedByKind: countByKind(served),
      connections: counter.opened(),
    };
    log(
      `  ${n} creates at ${rps} req/s: up ${up.ms} ms, API window ${apiWindowMs} ms, ${served.length} served + ${result.rateLimitedCalls} rate-limited calls, bound ${boundMs} ms → ratio ${result.upRatio} (up) / ${result.apiWindowRatio} (API window); ${live.length} instances, ${result.distinctTokens} distinct tokens, ${result.connections} TCP connections`,
    );
    await runOk(stack, "destroy");
    discard(stack);
    return result;
  } catch (error) {
    await emulator.configure({ rateLimit: null });
    await teardown(stack);
    throw error;
  } finally {
    await counter.close();
  }
}
