/**
 * The HTTP layer against a real local server: which failures are retried, how long it waits, and
 * what the errors say. The tests of waits run on jest's fake clock (test/helpers/fake-clock.ts):
 * the requests are real, the time between them is not slept through.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { HttpClient, path } from "../../src/core/http";
import { AuthError, NotFoundError, RateLimitError, ServerError, TransportError } from "../../src/core/errors";
import { createLogger } from "../../src/core/log";
import { onFakeClock, useFakeClock } from "../helpers/fake-clock";

type Step = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A server that answers each request with the next scripted step (the last one repeats). */
async function scriptedServer(steps: Step[]) {
  const seen: Array<{ method: string; url: string; at: number; headers: http.IncomingHttpHeaders }> = [];
  let open = 0;
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", at: Date.now(), headers: req.headers });
    open += 1;
    res.on("close", () => (open -= 1));
    const step = steps[Math.min(seen.length - 1, steps.length - 1)];
    req.resume();
    req.on("end", () => step(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    /** Whether a request is still waiting for its answer. */
    busy: () => open > 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const reply =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", "x-request-id": `req-${status}`, ...headers });
    res.end(JSON.stringify(body));
  };
const reset: Step = (req) => req.socket.destroy();

const quiet = createLogger("test", () => undefined);

/** The error a promise rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the request to fail");
}

function client(url: string, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  return new HttpClient({
    cloud: "testcloud",
    baseUrl: url,
    log: quiet,
    parseError: (body) => ({ message: (body as { message?: string }).message, code: (body as { code?: string }).code }),
    timeoutMs: 2_000,
    ...extra,
  });
}

describe("HttpClient", () => {
  // got loads on the first request, and on a cold jest cache it is compiled first (seconds): load it
  // before the tests that time their requests.
  beforeAll(async () => {
    const server = await scriptedServer([reply(200, {})]);
    try {
      await client(server.url).json({ operation: "warmUp", method: "GET", path: "/" });
    } finally {
      await server.close();
    }
  });

  afterEach(() => jest.useRealTimers());

  it("retries a 429 after the server's Retry-After, without using up a retry", async () => {
    const server = await scriptedServer([
      reply(429, { message: "slow down" }, { "retry-after": "1" }),
      reply(200, { ok: true }),
    ]);
    useFakeClock();
    try {
      const started = Date.now();
      await expect(
        onFakeClock(
          client(server.url).json({ operation: "createThing", method: "POST", path: "/things", body: { a: 1 } }),
          server.busy,
        ),
      ).resolves.toEqual({ ok: true });
      expect(server.seen).toHaveLength(2);
      // The server's 1 s, plus at most 25% jitter.
      const waited = server.seen[1].at - server.seen[0].at;
      expect(waited).toBeGreaterThanOrEqual(1_000);
      expect(waited).toBeLessThanOrEqual(1_000 + 250);
      expect(Date.now() - started).toBe(waited);
    } finally {
      await server.close();
    }
  });

  it("retries 502, 503 and 504 for idempotent requests with backoff", async () => {
    const server = await scriptedServer([reply(502, {}), reply(503, {}), reply(504, {}), reply(200, { id: "x" })]);
    useFakeClock();
    try {
      await expect(
        onFakeClock(client(server.url).json({ operation: "getThing", method: "GET", path: "/things/x" }), server.busy),
      ).resolves.toEqual({ id: "x" });
      expect(server.seen).toHaveLength(4);
      // Exponential, with jitter: 200 ms doubling, each delay up to twice its step.
      server.seen.slice(1).forEach((attempt, i) => {
        const gap = attempt.at - server.seen[i].at;
        expect(gap).toBeGreaterThanOrEqual(200 * 2 ** i);
        expect(gap).toBeLessThanOrEqual(400 * 2 ** i);
      });
    } finally {
      await server.close();
    }
  });

  it("never retries a POST after a 503 or a reset: the server may have acted", async () => {
    const server = await scriptedServer([reply(503, { message: "maintenance" }), reply(200, {})]);
    try {
      const error = await rejection(
        client(server.url).json({ operation: "createThing", method: "POST", path: "/things", body: {} }),
      );
      expect(error).toBeInstanceOf(ServerError);
      expect(server.seen).toHaveLength(1);
    } finally {
      await server.close();
    }
    const resetting = await scriptedServer([reset, reply(200, {})]);
    try {
      const error = await rejection(
        client(resetting.url).json({ operation: "createThing", method: "POST", path: "/things", body: {} }),
      );
      expect(error).toBeInstanceOf(TransportError);
      expect(resetting.seen).toHaveLength(1);
    } finally {
      await resetting.close();
    }
  });

  it("retries a GET after a dropped connection", async () => {
    const server = await scriptedServer([reset, reply(200, { fine: true })]);
    useFakeClock();
    try {
      await expect(
        onFakeClock(client(server.url).json({ operation: "getThing", method: "GET", path: "/t" }), server.busy),
      ).resolves.toEqual({ fine: true });
      expect(server.seen).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it("times out a slow response and gives up at the total deadline", async () => {
    const server = await scriptedServer([() => undefined]);
    useFakeClock();
    try {
      const started = Date.now();
      // No `busy`: the server never answers, and the timeouts are what this test is about.
      const error = await rejection(
        onFakeClock(
          client(server.url, { timeoutMs: 300, deadlineMs: 1_200 }).json({
            operation: "getThing",
            method: "GET",
            path: "/t",
          }),
        ),
      );
      expect(error).toBeInstanceOf(TransportError);
      expect(error.message).toMatch(/testcloud getThing failed/);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(server.seen.length).toBeGreaterThanOrEqual(2);
    } finally {
      await server.close();
    }
  });

  it("maps statuses to typed errors carrying the vendor message, code, status and request id", async () => {
    const server = await scriptedServer([
      reply(404, { message: "instance not found", code: "not_found" }),
      reply(403, { message: "no" }),
    ]);
    try {
      const notFound = await rejection(
        client(server.url).json({ operation: "getInstance", method: "GET", path: "/i/1" }),
      );
      expect(notFound).toBeInstanceOf(NotFoundError);
      expect(notFound).toMatchObject({
        statusCode: 404,
        vendorMessage: "instance not found",
        vendorCode: "not_found",
        requestId: "req-404",
        operation: "getInstance",
        cloud: "testcloud",
      });
      expect(notFound.message).toBe(
        "testcloud getInstance failed: HTTP 404 [not_found] - instance not found (request id req-404)",
      );
      const denied = await rejection(
        client(server.url).json({ operation: "deleteInstance", method: "DELETE", path: "/i/1" }),
      );
      expect(denied).toBeInstanceOf(AuthError);
      expect(String(denied)).not.toContain("[object Object]");
    } finally {
      await server.close();
    }
  });

  it("keeps retrying rate limits until the deadline, then reports the 429", async () => {
    const server = await scriptedServer([reply(429, { message: "busy" }, { "retry-after": "0" })]);
    useFakeClock();
    try {
      const error = await rejection(
        onFakeClock(
          client(server.url, { deadlineMs: 800 }).json({ operation: "listThings", method: "GET", path: "/t" }),
          server.busy,
        ),
      );
      expect(error).toBeInstanceOf(RateLimitError);
      expect(server.seen.length).toBeGreaterThan(2);
    } finally {
      await server.close();
    }
  });

  it("sends credentials only in headers and escapes path segments", async () => {
    const server = await scriptedServer([reply(200, {})]);
    try {
      await client(server.url, { headers: () => ({ "x-auth-token": "s3cr3t-token" }) }).json({
        operation: "get",
        method: "GET",
        path: path`/images/${"a b/c"}`,
        query: { tags: ["x", "y"], page: 2, skip: undefined },
      });
      expect(server.seen[0].url).toBe("/images/a%20b%2Fc?tags=x&tags=y&page=2");
      expect(server.seen[0].headers["x-auth-token"]).toBe("s3cr3t-token");
    } finally {
      await server.close();
    }
  });
});
