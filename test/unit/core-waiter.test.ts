import { adaptiveSchedule, longPollUntil, pollUntil } from "../../src/core/waiter";
import { OperationFailedError, WaitTimeoutError } from "../../src/core/errors";
import { createLogger, type Logger, type Verbosity } from "../../src/core/log";

function recorder(verbosity: Verbosity = "normal") {
  const lines: string[] = [];
  return {
    lines,
    log: createLogger(
      "exoscale:Instance web",
      (line) => lines.push(line),
      () => verbosity,
    ),
  };
}

/**
 * Runs a wait to its end on jest's fake clock: the waiter only reads Date.now() and sleeps with
 * setTimeout, so the clock jumps from one poll to the next and the elapsed times are those of a real
 * wait, in no real time.
 */
async function onFakeClock<T>(wait: Promise<T>): Promise<T> {
  const [result] = await Promise.all([wait, jest.runAllTimersAsync()]);
  return result;
}

/** A wait on operation op-2, which reports `states` in turn, polled every millisecond. */
function throughStates(states: string[], log: Logger): Promise<unknown> {
  return onFakeClock(
    pollUntil({
      what: "operation op-2",
      cloud: "exoscale",
      operation: "x",
      timeoutMs: 5_000,
      log,
      poll: async () => states.shift() as string,
      status: (state) => ({ state, done: state === "success" }),
      schedule: () => 1,
    }),
  );
}

describe("adaptive polling", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("polls fast at first and then backs off to about 8% of the elapsed time, capped", () => {
    const schedule = adaptiveSchedule(100, 5_000);
    expect(schedule(0, 0)).toBe(100);
    expect(schedule(10_000, 10)).toBe(800);
    expect(schedule(600_000, 40)).toBe(5_000);
  });

  it("looks again after 25 ms by default, doubling to 100 ms, so instant operations are noticed at once", () => {
    const schedule = adaptiveSchedule();
    expect([0, 1, 2, 3].map((polls) => schedule(polls * 50, polls))).toEqual([25, 50, 100, 100]);
    expect(schedule(10_000, 20)).toBe(800);
  });

  it("notices completion within 100 ms + 10% of the operation's duration", async () => {
    const { log } = recorder();
    const duration = 1_500;
    const started = Date.now();
    await onFakeClock(
      pollUntil({
        what: "operation op-1",
        cloud: "exoscale",
        operation: "startInstance",
        timeoutMs: 10_000,
        log,
        poll: async () => (Date.now() - started >= duration ? "success" : "pending"),
        status: (state) => ({ state, done: state === "success" }),
      }),
    );
    const lag = Date.now() - started - duration;
    expect(lag).toBeLessThanOrEqual(100 + duration * 0.1);
  });

  it("with verbosity detail, prints the operation, state and elapsed time when the state changes", async () => {
    const { lines, log } = recorder("detail");
    await throughStates(["pending", "pending", "running", "success"], log);
    expect(lines).toEqual([
      expect.stringMatching(/^\[exoscale:Instance web\] operation op-2: pending \(\d+ms\)$/),
      expect.stringMatching(/operation op-2: running \(\d+ms\)$/),
      expect.stringMatching(/operation op-2: success after \d+ms$/),
    ]);
  });

  it("by default prints nothing for a wait that ends within the heartbeat, whatever the states seen", async () => {
    const { lines, log } = recorder();
    await throughStates(["pending", "running", "success"], log);
    expect(lines).toEqual([]);
  });

  it("by default prints a wait that lasts once per heartbeat (what, state, elapsed), and its end", async () => {
    const { lines, log } = recorder();
    const started = Date.now();
    await onFakeClock(
      pollUntil({
        what: "create instance web (operation op-6)",
        cloud: "exoscale",
        operation: "createInstance",
        timeoutMs: 5_000,
        heartbeatMs: 100,
        log,
        poll: async () => (Date.now() - started >= 330 ? "success" : "pending"),
        status: (state) => ({ state, done: state === "success" }),
        schedule: () => 10,
      }),
    );
    const still = lines.filter((line) => line.includes("still pending"));
    expect(still.length).toBeGreaterThanOrEqual(2);
    expect(still.length).toBeLessThanOrEqual(3);
    expect(still[0]).toMatch(
      /^\[exoscale:Instance web\] create instance web \(operation op-6\): still pending, \d+ms elapsed$/,
    );
    expect(lines[lines.length - 1]).toMatch(/create instance web \(operation op-6\): success after \d+ms$/);
  });

  it("with verbosity quiet, prints nothing even for a wait that lasts", async () => {
    const { lines, log } = recorder("quiet");
    const started = Date.now();
    await onFakeClock(
      pollUntil({
        what: "operation op-7",
        cloud: "exoscale",
        operation: "x",
        timeoutMs: 5_000,
        heartbeatMs: 20,
        log,
        poll: async () => (Date.now() - started >= 100 ? "success" : "pending"),
        status: (state) => ({ state, done: state === "success" }),
        schedule: () => 10,
      }),
    );
    expect(lines).toEqual([]);
  });

  it("turns a failed operation into an error carrying the vendor's reason", async () => {
    const { log } = recorder();
    const error = await onFakeClock(
      pollUntil({
        what: "operation op-3",
        cloud: "exoscale",
        operation: "scaleInstance",
        timeoutMs: 1_000,
        log,
        poll: async () => "failure",
        status: (state) => ({ state, done: true, failure: "instance must be stopped" }),
      }).catch((e: unknown): any => e),
    );
    expect(error).toBeInstanceOf(OperationFailedError);
    expect(error.message).toBe(
      'exoscale scaleInstance failed: operation op-3 ended in state "failure" - instance must be stopped',
    );
  });

  it("stops at the deadline with the last state", async () => {
    const { log } = recorder();
    const error = await onFakeClock(
      pollUntil({
        what: "operation op-4",
        cloud: "exoscale",
        operation: "x",
        timeoutMs: 300,
        log,
        poll: async () => "pending",
        status: (state) => ({ state, done: false }),
      }).catch((e: unknown): any => e),
    );
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toMatch(/gave up waiting for operation op-4 after .* \(last state: pending\)/);
  });
});

describe("long-polling", () => {
  it("asks the server to wait in chunks and returns the final observation", async () => {
    const { log } = recorder();
    const asked: number[] = [];
    let calls = 0;
    const result = await longPollUntil({
      what: "operation op-5",
      cloud: "incus",
      operation: "wait",
      timeoutMs: 60_000,
      chunkSeconds: 10,
      log,
      waitOnce: async (seconds) => (asked.push(seconds), ++calls < 3 ? "Running" : "Success"),
      status: (state) => ({ state, done: state === "Success" }),
    });
    expect(result).toBe("Success");
    expect(asked).toEqual([10, 10, 10]);
  });
});
