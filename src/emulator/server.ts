/**
 * The emulator's HTTP server: dispatches API calls to the API modules, records them for
 * `/_emulator/calls`, applies injected faults and the rate limit, and serves the control API.
 */
import { randomUUID } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import * as fs from "node:fs";
import type { ApiModule, EmulatorContext } from "./api";
import { type FaultRule, FaultStore, invalidFault, RateLimiter } from "./faults";
import type {
  Emulator,
  EmulatorCredentials,
  EmulatorOptions,
  EmulatorSeed,
  RecordedCall,
  SeededObjects,
} from "./options";
import { type PreparedChange, UnknownObjectError } from "./change";
import { SeedError } from "./seed-error";
import { type EmulatorRequest, type EmulatorResponse, Router } from "./router";
import { Store } from "./store";

export type { Emulator, EmulatorOptions, RecordedCall } from "./options";

/** Server options: the public ones, plus which API modules to serve (tests add their own). */
export interface ServerOptions extends EmulatorOptions {
  /** API modules to serve; default all of them. */
  modules?: ApiModule[];
}

export const DEFAULT_CREDENTIALS: EmulatorCredentials = {
  exoscaleApiKey: "EXO0123456789abcdef01234567",
  exoscaleApiSecret: "emulator-exoscale-secret-0123456789abcdefghij",
  exoscaleSecondApiKey: "EXO0123456789abcdef0second",
  exoscaleSecondApiSecret: "emulator-exoscale-second-secret-0123456789abc",
  scalewaySecretKey: "11111111-2222-4333-8444-555555555555",
  scalewayProjectId: "6a1e1c3e-0b5e-4d6f-9e2a-7c0de5a1b2c3",
  koyebToken: "emulator-koyeb-token-0123456789abcdef",
  computeToken: "emulator-compute-token-0123456789abcdef",
};

const MAX_CALLS = 100_000;

export async function startServer(options: ServerOptions, modules: ApiModule[]): Promise<Emulator> {
  const credentials = { ...DEFAULT_CREDENTIALS, ...options.credentials };
  const store = new Store(options.stateFile);
  const faults = new FaultStore();
  for (const rule of [...(options.faults ?? []), ...envFaults()]) faults.add(rule);
  let limiter = rateLimiterFrom(options.rateLimit ?? envRateLimit());
  let opDelayMs = options.opDelayMs ?? 300;
  /** Cancels of the effects still to run (cleared on close). */
  const pendingEffects = new Set<() => void>();
  const calls: RecordedCall[] = [];
  const sockets = new Set<Socket>();

  const ctx: EmulatorContext = {
    store,
    credentials,
    opDelayMs: () => opDelayMs,
    after(ms, fn) {
      let cancel: () => void;
      const run = () => {
        pendingEffects.delete(cancel);
        fn();
        store.changed();
      };
      // A zero delay means "done before the next request": setTimeout(0) waits a millisecond or more,
      // long enough for a client that asks again at once to see the operation still pending.
      if (ms > 0) {
        const timer = setTimeout(run, ms);
        cancel = () => clearTimeout(timer);
      } else {
        const immediate = setImmediate(run);
        cancel = () => clearImmediate(immediate);
      }
      pendingEffects.add(cancel);
    },
  };
  const router = new Router();
  for (const module of modules) module.register(router, ctx);

  /**
   * Runs each API's `hook` on its section of `objects` (a seed or a change); throws SeedError naming
   * a bad field or an unknown section.
   */
  const perSection = (objects: unknown, hook: "seed" | "change", example: string): Record<string, unknown> => {
    if (!objects || typeof objects !== "object" || Array.isArray(objects))
      throw new SeedError(`the ${hook} must be a JSON object such as ${example}`);
    const known = modules.filter((m) => m[hook]).map((m) => m.name);
    const unknown = Object.keys(objects).filter((key) => !known.includes(key));
    if (unknown.length > 0)
      throw new SeedError(
        `unknown section ${unknown.map((k) => `"${k}"`).join(", ")}; sections are ${known.join(", ")}`,
      );
    const done: Record<string, unknown> = {};
    for (const module of modules) {
      const section = (objects as Record<string, unknown>)[module.name];
      if (section !== undefined) done[module.name] = module[hook]?.(section, ctx);
    }
    store.changed();
    return done;
  };
  /** Makes the seed's objects in each API's state, as if made outside Pulumi. */
  const seed = (objects: unknown): SeededObjects => perSection(objects, "seed", '{"exoscale": {"instances": [...]}}');
  /** Changes existing objects, as if changed outside Pulumi: all sections are checked before any is applied. */
  const change = (objects: unknown) => {
    const prepared = Object.entries(
      perSection(objects, "change", '{"compute": {"instances": [{"id": "inst-…", "labels": {...}}]}}') as Record<
        string,
        PreparedChange
      >,
    );
    for (const [, section] of prepared) section.apply();
    store.changed();
    return Object.fromEntries(prepared.map(([api, section]) => [api, section.changed]));
  };
  const initialSeed =
    typeof options.seed === "string"
      ? (JSON.parse(fs.readFileSync(options.seed, "utf8")) as EmulatorSeed)
      : options.seed;
  const seeded = initialSeed === undefined ? {} : seed(initialSeed);

  const moduleFor = (path: string) => modules.find((m) => m.prefixes.some((prefix) => path.startsWith(prefix)));

  const control = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    const route = `${request.method} ${request.path.slice("/_emulator/".length)}`;
    switch (route) {
      case "GET calls":
        return { status: 200, body: calls };
      case "DELETE calls":
        calls.length = 0;
        return { status: 204 };
      case "GET state":
        return { status: 200, body: store.snapshot() };
      case "GET faults":
        return { status: 200, body: faults.list() };
      case "DELETE faults":
        faults.clear();
        return { status: 204 };
      case "POST faults": {
        const rules = Array.isArray(request.body) ? request.body : [request.body];
        for (const rule of rules) {
          const problem = invalidFault(rule);
          if (problem) return { status: 400, body: { message: problem } };
        }
        rules.forEach((rule) => faults.add(rule as FaultRule));
        return { status: 201, body: faults.list() };
      }
      case "GET config":
        return {
          status: 200,
          body: {
            opDelayMs,
            rateLimit: limiter && { requestsPerSecond: limiter.requestsPerSecond, burst: limiter.burst },
          },
        };
      case "POST config": {
        const body = (request.body ?? {}) as {
          opDelayMs?: number;
          rateLimit?: { requestsPerSecond: number; burst?: number } | null;
        };
        if (body.opDelayMs !== undefined) opDelayMs = Math.max(0, Number(body.opDelayMs));
        if (body.rateLimit !== undefined) limiter = rateLimiterFrom(body.rateLimit ?? undefined);
        return { status: 200, body: { opDelayMs } };
      }
      case "GET health":
        return { status: 200, body: { ok: true } };
      case "POST objects":
      case "PATCH objects":
        try {
          return request.method === "POST"
            ? { status: 201, body: seed(request.body) }
            : { status: 200, body: change(request.body) };
        } catch (error) {
          if (!(error instanceof SeedError)) throw error;
          // A change's message is the field's problem alone: "seed:" would mislead.
          const message =
            request.method === "POST" ? error.message : error.problems.map((problem) => problem.reason).join("; ");
          return { status: error instanceof UnknownObjectError ? 404 : 400, body: { message } };
        }
      default:
        return { status: 404, body: { message: `unknown control route ${route}` } };
    }
  };

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- TODO(#25): a rejected readBody (client gone) is unhandled
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const rawBody = await readBody(req);
    const isControl = url.pathname.startsWith("/_emulator/");
    const module = moduleFor(url.pathname);
    const record = (status: number, fault?: string) => {
      if (isControl) return;
      calls.push({
        method: req.method ?? "GET",
        path: url.pathname,
        status,
        at: new Date().toISOString(),
        ...(url.search ? { query: url.search.slice(1) } : {}),
        ...(fault ? { fault } : {}),
      });
      if (calls.length > MAX_CALLS) calls.splice(0, calls.length - MAX_CALLS);
    };
    const errorBody = (status: number, message: string) => module?.errorBody(status, message) ?? { message };
    const requestId = randomUUID();
    const send = (response: EmulatorResponse) => {
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
    if (isControl) return send(await control(request));

    const fault = faults.take(request.method, request.path);
    if (fault && fault.fault !== "slow" && fault.fault !== "lost-response") {
      record(fault.fault === "reset" ? 0 : Number(fault.fault), fault.fault);
      if (fault.fault === "reset") return req.socket.destroy();
      const retryAfter = String(fault.retryAfter ?? 1);
      const status = Number(fault.fault);
      return send({
        status,
        body: errorBody(status, `injected fault ${fault.fault}`),
        headers: status === 429 || status === 503 ? { "retry-after": retryAfter } : {},
      });
    }
    const wait = limiter?.take();
    if (wait !== undefined) {
      record(429, "rate-limit");
      return send({
        status: 429,
        body: errorBody(429, "rate limit exceeded"),
        headers: { "retry-after": String(wait) },
      });
    }
    if (fault?.fault === "slow")
      await new Promise((resolve) => ctx.after(fault.delayMs ?? 35_000, () => resolve(undefined)));

    let response: EmulatorResponse;
    const denied = module?.authenticate?.(request, ctx);
    if (denied) response = denied;
    else {
      const { handler, params, allowed } = router.match(request.method, request.path);
      if (handler) {
        try {
          response = await handler({ ...request, params });
        } catch (error) {
          response = { status: 500, body: errorBody(500, `emulator error: ${(error as Error).message}`) };
        }
        store.changed();
      } else if (allowed.length > 0)
        response = {
          status: 405,
          body: errorBody(405, `method ${request.method} not allowed; use ${allowed.join(", ")}`),
        };
      else response = { status: 404, body: errorBody(404, `no route for ${request.method} ${request.path}`) };
    }
    if (fault?.fault === "lost-response") {
      // The server acted; the client never hears about it.
      record(response.status, fault.fault);
      return req.socket.destroy();
    }
    record(response.status, fault?.fault);
    if (!res.destroyed) send(response);
  });

  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const { handler, params } = router.matchUpgrade(url.pathname);
    calls.push({ method: "GET", path: url.pathname, status: handler ? 101 : 404, at: new Date().toISOString() });
    if (handler) handler(req, socket, head, params);
    else socket.destroy();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(":") ? `[${address.address}]` : address.address}:${address.port}`;
  const env: Record<string, string> = {};
  for (const module of modules) Object.assign(env, module.env(url, credentials));

  return {
    url,
    env,
    seeded,
    close: async () => {
      for (const cancel of pendingEffects) cancel();
      store.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function envFaults(): FaultRule[] {
  const text = process.env.COMPUTE_EMULATOR_FAULTS;
  if (!text) return [];
  const parsed = JSON.parse(text);
  return Array.isArray(parsed) ? parsed : [parsed];
}

function envRateLimit(): { requestsPerSecond: number } | undefined {
  const rps = Number(process.env.COMPUTE_EMULATOR_RATE_LIMIT);
  return Number.isFinite(rps) && rps > 0 ? { requestsPerSecond: rps } : undefined;
}

function rateLimiterFrom(option: { requestsPerSecond: number; burst?: number } | undefined): RateLimiter | undefined {
  return option && option.requestsPerSecond > 0 ? new RateLimiter(option.requestsPerSecond, option.burst) : undefined;
}
