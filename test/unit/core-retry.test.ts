/**
 * Rate-limit waits: the server's Retry-After is always honoured, and when many requests of one
 * process hit the same limit their retries are spread out instead of returning all at once (the
 * rate-limit storm benchmark in test/bench measures the effect on a real engine run). The crowd's
 * requests are real; their waits run on jest's fake clock (test/helpers/fake-clock.ts).
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { RateLimitError, TransportError } from "../../src/core/errors";
import { HttpClient } from "../../src/core/http";
import { createLogger } from "../../src/core/log";
import { serverRequestedDelayMs, withRetries } from "../../src/core/retry";
import { onFakeClock, useFakeClock } from "../helpers/fake-clock";

const rateLimited = (retryAfterSeconds: number) =>
  new RateLimitError("slow down", { cloud: "test", operation: "op", statusCode: 429, retryAfterSeconds });
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const samples = (make: () => number | undefined) => Array.from({ length: 2000 }, () => make() as number);

describe("serverRequestedDelayMs", () => {
  it("waits the server's Retry-After plus at most 25% jitter when nothing else waits", () => {
    const waits = samples(() => serverRequestedDelayMs(rateLimited(2)));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(2500);
  });

  it("spreads the retries of a crowd over the time the server needs for them, at most 2 × Retry-After more", () => {
    const alone = samples(() => serverRequestedDelayMs(rateLimited(1)));
    const crowded = samples(() => serverRequestedDelayMs(rateLimited(1), { othersWaiting: 40, servedPerSecond: 10 }));
    expect(Math.min(...crowded)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...crowded)).toBeLessThanOrEqual(1000 + 250 + 2000);
    // Uniform spread over [0, 2 s]: about 1 s later on average than a lone request.
    expect(mean(crowded) - mean(alone)).toBeGreaterThan(700);
  });

  it("spreads less when the server has been answering fast", () => {
    const slowServer = mean(
      samples(() => serverRequestedDelayMs(rateLimited(1), { othersWaiting: 5, servedPerSecond: 5 })),
    );
    const fastServer = mean(
      samples(() => serverRequestedDelayMs(rateLimited(1), { othersWaiting: 5, servedPerSecond: 50 })),
    );
    expect(slowServer - fastServer).toBeGreaterThan(300);
  });

  it("retries at once when the server says Retry-After: 0, crowd or not", () => {
    const waits = samples(() => serverRequestedDelayMs(rateLimited(0), { othersWaiting: 40, servedPerSecond: 1 }));
    expect(Math.max(...waits)).toBeLessThanOrEqual(100);
  });
});

describe("a crowd of rate-limited requests", () => {
  afterEach(() => jest.useRealTimers());

  it("comes back spread out rather than all within the 25% jitter window", async () => {
    let answered = 0;
    let open = 0;
    const retriedAt: number[] = [];
    const server = http.createServer((req, res) => {
      open += 1;
      res.on("close", () => (open -= 1));
      req.resume();
      req.on("end", () => {
        answered += 1;
        if (answered > 10) retriedAt.push(Date.now());
        const limited = answered <= 10;
        res.writeHead(limited ? 429 : 200, {
          "content-type": "application/json",
          ...(limited ? { "retry-after": "1" } : {}),
        });
        res.end(JSON.stringify(limited ? { message: "slow down" } : { ok: true }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = new HttpClient({ cloud: "crowd-test", baseUrl: url, log: createLogger("test", () => undefined) });
      useFakeClock();
      const results = await onFakeClock(
        Promise.all(
          Array.from({ length: 10 }, () =>
            client.json<{ ok: boolean }>({ operation: "get", method: "GET", path: "/" }),
          ),
        ),
        () => open > 0,
      );
      expect(results.every((r) => r.ok)).toBe(true);
      expect(retriedAt).toHaveLength(10);
      // 25% jitter alone would bring all ten back within 250 ms of each other.
      expect(Math.max(...retriedAt) - Math.min(...retriedAt)).toBeGreaterThan(400);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("withRetries near its deadline", () => {
  afterEach(() => jest.useRealTimers());

  /** An API that takes 50 ms to answer each request with a 429; shorter timeouts time out. */
  const slowRateLimitedApi = (retryAfterSeconds: number) => {
    const startedWith: number[] = [];
    const attempt = async (_n: number, remainingMs: number): Promise<never> => {
      startedWith.push(remainingMs);
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, remainingMs)));
      if (remainingMs < 50) throw new TransportError("timed out", { cloud: "test", operation: "op" });
      throw new RateLimitError("slow down", {
        cloud: "test",
        operation: "op",
        statusCode: 429,
        retryAfterSeconds,
        requestId: `req-${startedWith.length}`,
      });
    };
    return { attempt, startedWith };
  };

  it("reports the last 429 and its request id instead of starting an attempt that cannot be answered", async () => {
    useFakeClock();
    for (let run = 0; run < 20; run++) {
      const api = slowRateLimitedApi(0.3);
      const started = Date.now();
      const error = await onFakeClock(
        withRetries(api.attempt, { idempotent: true, deadlineMs: 2_000, what: "op", group: `deadline-${run}` }).catch(
          (e: unknown) => e,
        ),
      );
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).requestId).toBe(`req-${api.startedWith.length}`);
      expect(api.startedWith.length).toBeGreaterThan(2);
      // No attempt starts in the last tenth of the deadline, and none runs past it.
      expect(Math.min(...api.startedWith)).toBeGreaterThanOrEqual(200);
      expect(Date.now() - started).toBeLessThanOrEqual(2_000);
    }
  });

  it("gives up at once when the server asks to wait past the deadline", async () => {
    useFakeClock();
    const api = slowRateLimitedApi(10);
    const started = Date.now();
    const error = await onFakeClock(
      withRetries(api.attempt, { idempotent: true, deadlineMs: 5_000, what: "op", group: "far-retry-after" }).catch(
        (e: unknown) => e,
      ),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(api.startedWith).toHaveLength(1);
    expect(Date.now() - started).toBe(50);
  });
});
