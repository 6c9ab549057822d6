/**
 * How the emulator answers one HTTP request: control calls go to the control API; API calls are
 * recorded for `/_emulator/calls`, meet the injected faults and the rate limit, are authenticated by
 * their API module, then routed to its handler.
 */
import { randomUUID } from "node:crypto";
import type * as http from "node:http";
import type { Duplex } from "node:stream";
import type { ApiModule } from "./api";
import { CONTROL_PREFIX, control, controlRouter } from "./control";
import type { FaultRule } from "./faults";
import type { EmulatorRequest, EmulatorResponse, Router } from "./router";
import type { EmulatorRuntime } from "./runtime";

const MAX_CALLS = 100_000;

/**
 * The `request` listener of the emulator's HTTP server. A rejection of `handle` (a body that cannot
 * be read: the client went away) is left unhandled, as it always was.
 */
export function requestListener(runtime: EmulatorRuntime) {
  const controls = controlRouter(runtime);
  // A body that cannot be read (the client went away mid-request) or a fault in a handler ends that
  // request, never the emulator: an unhandled rejection would stop the whole process.
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handle(runtime, controls, req, res).catch((error: unknown) => {
      if (res.headersSent || req.destroyed) return void res.destroy();
      const message = error instanceof Error ? error.message : JSON.stringify(error);
      res
        .writeHead(500, { "content-type": "application/json" })
        .end(JSON.stringify({ message: `emulator: ${message}` }));
    });
  };
}

async function handle(
  runtime: EmulatorRuntime,
  controls: Router,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator");
  const rawBody = await readBody(req);
  const isControl = url.pathname.startsWith(CONTROL_PREFIX);
  const module = runtime.modules.find((m) => m.prefixes.some((prefix) => url.pathname.startsWith(prefix)));
  const record = (status: number, fault?: string) => {
    if (!isControl) recordCall(runtime, req, url, status, fault);
  };
  const errorBody = (status: number, message: string) => module?.errorBody(status, message) ?? { message };
  const send = responder(res, module, randomUUID());

  let body: unknown;
  try {
    body = rawBody === "" ? undefined : JSON.parse(rawBody);
  } catch {
    record(400);
    return send({ status: 400, body: errorBody(400, "request body is not valid JSON") });
  }
  const request: EmulatorRequest = {
    method: req.method ?? "GET",
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
    rawBody,
    params: {},
  };
  if (isControl) return send(await control(controls, request));

  const fault = runtime.faults.take(request.method, request.path);
  if (fault && fault.fault !== "slow" && fault.fault !== "lost-response") {
    record(fault.fault === "reset" ? 0 : Number(fault.fault), fault.fault);
    if (fault.fault === "reset") return void req.socket.destroy();
    return send(faultResponse(fault, errorBody));
  }
  const wait = runtime.limiter?.take();
  if (wait !== undefined) {
    record(429, "rate-limit");
    return send({
      status: 429,
      body: errorBody(429, "rate limit exceeded"),
      headers: { "retry-after": String(wait) },
    });
  }
  if (fault?.fault === "slow")
    await new Promise((resolve) => runtime.ctx.after(fault.delayMs ?? 35_000, () => resolve(undefined)));

  const response = await answer(runtime, module, request, errorBody);
  if (fault?.fault === "lost-response") {
    // The server acted; the client never hears about it.
    record(response.status, fault.fault);
    return void req.socket.destroy();
  }
  record(response.status, fault?.fault);
  if (!res.destroyed) send(response);
}

/** The `upgrade` listener: websocket routes (Koyeb's exec); other paths are dropped. */
export function upgradeListener(runtime: EmulatorRuntime) {
  return (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const { handler, params } = runtime.router.matchUpgrade(url.pathname);
    runtime.calls.push({
      method: "GET",
      path: url.pathname,
      status: handler ? 101 : 404,
      at: new Date().toISOString(),
    });
    if (handler) handler(req, socket, head, params);
    else socket.destroy();
  };
}

/** The module's answer: its 401/403, its handler's response, or a 404/405 in its error style. */
async function answer(
  { router, ctx, store }: EmulatorRuntime,
  module: ApiModule | undefined,
  request: EmulatorRequest,
  errorBody: (status: number, message: string) => unknown,
): Promise<EmulatorResponse> {
  const denied = module?.authenticate?.(request, ctx);
  if (denied) return denied;
  const { handler, params, allowed } = router.match(request.method, request.path);
  if (handler) {
    let response: EmulatorResponse;
    try {
      response = await handler({ ...request, params });
    } catch (error) {
      response = { status: 500, body: errorBody(500, `emulator error: ${(error as Error).message}`) };
    }
    store.changed();
    return response;
  }
  if (allowed.length > 0)
    return {
      status: 405,
      body: errorBody(405, `method ${request.method} not allowed; use ${allowed.join(", ")}`),
    };
  return { status: 404, body: errorBody(404, `no route for ${request.method} ${request.path}`) };
}

/** An injected HTTP error, with `retry-after` on a 429 or 503. */
function faultResponse(fault: FaultRule, errorBody: (status: number, message: string) => unknown): EmulatorResponse {
  const retryAfter = String(fault.retryAfter ?? 1);
  const status = Number(fault.fault);
  return {
    status,
    body: errorBody(status, `injected fault ${fault.fault}`),
    headers: status === 429 || status === 503 ? { "retry-after": retryAfter } : {},
  };
}

/** Writes a response with the module's request-id header and a JSON body. */
function responder(res: http.ServerResponse, module: ApiModule | undefined, requestId: string) {
  return (response: EmulatorResponse): void => {
    const headers: Record<string, string> = {
      [module?.requestIdHeader ?? "x-request-id"]: requestId,
      ...response.headers,
    };
    if (response.body !== undefined) headers["content-type"] ??= "application/json";
    res.writeHead(response.status, headers);
    res.end(
      response.body === undefined
        ? undefined
        : typeof response.body === "string"
          ? response.body
          : JSON.stringify(response.body),
    );
  };
}

function recordCall(
  { calls }: EmulatorRuntime,
  req: http.IncomingMessage,
  url: URL,
  status: number,
  fault: string | undefined,
): void {
  calls.push({
    method: req.method ?? "GET",
    path: url.pathname,
    status,
    at: new Date().toISOString(),
    ...(url.search ? { query: url.search.slice(1) } : {}),
    ...(fault ? { fault } : {}),
  });
  if (calls.length > MAX_CALLS) calls.splice(0, calls.length - MAX_CALLS);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
