/**
 * The control API under `/_emulator/`: recorded calls, state, faults, config, health, and objects
 * made or changed outside Pulumi. Its calls are not recorded, faulted or rate limited.
 */
import { UnknownObjectError } from "./change";
import { type FaultRule, invalidFault } from "./faults";
import { type EmulatorRequest, type EmulatorResponse, type RouteEntry, Router } from "./router";
import type { EmulatorRuntime } from "./runtime";
import { changeObjects, seedObjects } from "./sections";
import { SeedError } from "./seed-error";
import { rateLimiterFrom } from "./settings";

export const CONTROL_PREFIX = "/_emulator/";

function listCalls(_request: EmulatorRequest, { calls }: EmulatorRuntime): EmulatorResponse {
  return { status: 200, body: calls };
}

function clearCalls(_request: EmulatorRequest, { calls }: EmulatorRuntime): EmulatorResponse {
  calls.length = 0;
  return { status: 204 };
}

function getState(_request: EmulatorRequest, { store }: EmulatorRuntime): EmulatorResponse {
  return { status: 200, body: store.snapshot() };
}

function listFaults(_request: EmulatorRequest, { faults }: EmulatorRuntime): EmulatorResponse {
  return { status: 200, body: faults.list() };
}

function clearFaults(_request: EmulatorRequest, { faults }: EmulatorRuntime): EmulatorResponse {
  faults.clear();
  return { status: 204 };
}

/** Adds one rule or a list; none is added when one is invalid. */
function addFaults(request: EmulatorRequest, { faults }: EmulatorRuntime): EmulatorResponse {
  const rules = Array.isArray(request.body) ? request.body : [request.body];
  for (const rule of rules) {
    const problem = invalidFault(rule);
    if (problem) return { status: 400, body: { message: problem } };
  }
  rules.forEach((rule) => faults.add(rule as FaultRule));
  return { status: 201, body: faults.list() };
}

function getConfig(_request: EmulatorRequest, { opDelayMs, limiter }: EmulatorRuntime): EmulatorResponse {
  return {
    status: 200,
    body: {
      opDelayMs,
      rateLimit: limiter && { requestsPerSecond: limiter.requestsPerSecond, burst: limiter.burst },
    },
  };
}

function setConfig(request: EmulatorRequest, runtime: EmulatorRuntime): EmulatorResponse {
  const body = (request.body ?? {}) as {
    opDelayMs?: number;
    rateLimit?: { requestsPerSecond: number; burst?: number } | null;
  };
  if (body.opDelayMs !== undefined) runtime.opDelayMs = Math.max(0, Number(body.opDelayMs));
  if (body.rateLimit !== undefined) runtime.limiter = rateLimiterFrom(body.rateLimit ?? undefined);
  return { status: 200, body: { opDelayMs: runtime.opDelayMs } };
}

function health(): EmulatorResponse {
  return { status: 200, body: { ok: true } };
}

/** A bad seed or change: 400 (404 for an unknown object) with the problem. */
function objectsFailure(error: unknown, message: (error: SeedError) => string): EmulatorResponse {
  if (!(error instanceof SeedError)) throw error;
  return { status: error instanceof UnknownObjectError ? 404 : 400, body: { message: message(error) } };
}

function makeObjects(request: EmulatorRequest, runtime: EmulatorRuntime): EmulatorResponse {
  try {
    return { status: 201, body: seedObjects(runtime, request.body) };
  } catch (error) {
    return objectsFailure(error, (failure) => failure.message);
  }
}

function changeExistingObjects(request: EmulatorRequest, runtime: EmulatorRuntime): EmulatorResponse {
  try {
    return { status: 200, body: changeObjects(runtime, request.body) };
  } catch (error) {
    // A change's message is the field's problem alone: "seed:" would mislead.
    return objectsFailure(error, (failure) => failure.problems.map((problem) => problem.reason).join("; "));
  }
}

const CONTROL_ROUTES: Array<RouteEntry<EmulatorRuntime>> = [
  { method: "GET", path: "calls", handler: listCalls },
  { method: "DELETE", path: "calls", handler: clearCalls },
  { method: "GET", path: "state", handler: getState },
  { method: "GET", path: "faults", handler: listFaults },
  { method: "DELETE", path: "faults", handler: clearFaults },
  { method: "POST", path: "faults", handler: addFaults },
  { method: "GET", path: "config", handler: getConfig },
  { method: "POST", path: "config", handler: setConfig },
  { method: "GET", path: "health", handler: health },
  { method: "POST", path: "objects", handler: makeObjects },
  { method: "PATCH", path: "objects", handler: changeExistingObjects },
].map((route) => ({ ...route, path: `${CONTROL_PREFIX}${route.path}` }));

/** The control API's routes, on a router of their own. */
export function controlRouter(runtime: EmulatorRuntime): Router {
  return new Router().onEach(CONTROL_ROUTES, runtime);
}

/** Answers a control call; any other route is a 404 naming it (never a 405). */
export async function control(router: Router, request: EmulatorRequest): Promise<EmulatorResponse> {
  const { handler } = router.match(request.method, request.path);
  if (handler) return handler(request);
  const route = `${request.method} ${request.path.slice(CONTROL_PREFIX.length)}`;
  return { status: 404, body: { message: `unknown control route ${route}` } };
}
