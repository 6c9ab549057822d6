/**
 * Waiting for asynchronous cloud work: adaptive polling (first look fast, then back off in
 * proportion to the time already spent, so completion is noticed within ~10% of the operation's
 * length) and long-polling (`/wait?timeout=` style, no polling at all). Both stop at a deadline.
 *
 * Progress lines scale to fleets: by default a wait prints nothing until it has lasted 10 s, then
 * one line every 10 s (what, including the operation id, state, elapsed) and one when it ends, as
 * Terraform's "Still creating... [10s elapsed]" does. With verbosity `detail` every state change
 * is printed as it is seen (log.ts).
 */
import { OperationFailedError, WaitTimeoutError } from "./errors";
import type { Logger } from "./log";
import { formatElapsed } from "./log";

/** Where a waited-on thing stands after one look. */
interface WaitStatus {
  /** Short state word for progress lines ("pending", "running"). */
  state: string;
  /** True when waiting is over (successfully or not). */
  done: boolean;
  /** Set when the thing finished in a failed state: the vendor's reason. */
  failure?: string;
}

/** Decides the delay before the next poll from the time spent so far. */
type PollSchedule = (elapsedMs: number, polls: number) => number;

/**
 * First poll after `firstMs`, doubling up to `floorMs`, then ~8% of the elapsed time, capped at
 * `maxMs`. The short first looks matter for operations that finish at once (label updates,
 * protection, most deletes): waiting a flat 100 ms for each of them was the largest part of an
 * ExoscaleInstance create/delete against a fast API (see test/bench). They add two polls at most.
 */
export function adaptiveSchedule(
  firstMs = 25,
  maxMs = 5_000,
  fraction = 0.08,
  floorMs = Math.max(100, firstMs),
): PollSchedule {
  return (elapsedMs, polls) => Math.min(maxMs, Math.max(Math.min(firstMs * 2 ** polls, floorMs), elapsedMs * fraction));
}

/** A fixed interval, as the official Go SDKs do (3 s); kept for comparison in the benchmarks. */
export function fixedSchedule(intervalMs: number): PollSchedule {
  return () => intervalMs;
}

interface CommonWaitOptions<T> {
  /** Names the thing in progress lines and errors: "operation 4f1c… (scaleInstance)". */
  what: string;
  /** Classifies one observation. */
  status: (value: T) => WaitStatus;
  /** Give up after this long. */
  timeoutMs: number;
  log: Logger;
  /** For typed errors. */
  cloud: string;
  operation: string;
  /** Print a line for a wait still going after this long, and again each time it passes; default 10 s. */
  heartbeatMs?: number;
}

interface PollOptions<T> extends CommonWaitOptions<T> {
  poll: () => Promise<T>;
  schedule?: PollSchedule;
}

interface LongPollOptions<T> extends CommonWaitOptions<T> {
  /** Blocks server-side for up to `timeoutSeconds` and returns the latest observation. */
  waitOnce: (timeoutSeconds: number) => Promise<T>;
  /** Longest single server-side wait; progress is printed between waits. Default 10 s. */
  chunkSeconds?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class Progress<T> {
  private readonly started = Date.now();
  private lastState?: string;
  private lastPrinted = this.started;
  /** Whether a "still waiting" line was printed, so that the end gets one too. */
  private announced = false;

  constructor(private readonly options: CommonWaitOptions<T>) {}

  elapsed(): number {
    return Date.now() - this.started;
  }

  /** Records one observation; returns the value when done, throws when failed. */
  observe(value: T): boolean {
    const status = this.options.status(value);
    const { log, what } = this.options;
    const now = Date.now();
    const elapsed = formatElapsed(now - this.started);
    const heartbeatDue = now - this.lastPrinted >= (this.options.heartbeatMs ?? 10_000);
    const end =
      status.failure !== undefined ? `${status.state}, failed after ${elapsed}` : `${status.state} after ${elapsed}`;
    if (log.shows("progress")) {
      if (status.done || status.state !== this.lastState || heartbeatDue) {
        log.progress(`${what}: ${status.done ? end : `${status.state} (${elapsed})`}`);
        this.lastPrinted = now;
      }
    } else if (!status.done && heartbeatDue) {
      log.info(`${what}: still ${status.state}, ${elapsed} elapsed`);
      this.lastPrinted = now;
      this.announced = true;
    } else if (status.done && this.announced && status.failure === undefined) {
      // A failure is reported once, by the error the engine prints.
      log.info(`${what}: ${end}`);
    }
    this.lastState = status.state;
    if (status.failure !== undefined) {
      throw new OperationFailedError(`${this.options.what} ended in state "${status.state}"`, {
        cloud: this.options.cloud,
        operation: this.options.operation,
        vendorMessage: status.failure,
      });
    }
    return status.done;
  }

  timeout(): WaitTimeoutError {
    return new WaitTimeoutError(
      `gave up waiting for ${this.options.what} after ${formatElapsed(this.elapsed())} (last state: ${this.lastState ?? "unknown"}); raise the resource's timeout or re-run to continue`,
      { cloud: this.options.cloud, operation: this.options.operation },
    );
  }
}

/** Polls until `status` says done; returns the final observation. */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T> {
  const progress = new Progress(options);
  const schedule = options.schedule ?? adaptiveSchedule();
  for (let polls = 0; ; polls++) {
    const value = await options.poll();
    if (progress.observe(value)) return value;
    const remaining = options.timeoutMs - progress.elapsed();
    if (remaining <= 0) throw progress.timeout();
    await sleep(Math.min(schedule(progress.elapsed(), polls), remaining));
  }
}

/** Long-polls until `status` says done; returns the final observation. */
export async function longPollUntil<T>(options: LongPollOptions<T>): Promise<T> {
  const progress = new Progress(options);
  const chunk = options.chunkSeconds ?? 10;
  for (;;) {
    const remainingSeconds = Math.ceil((options.timeoutMs - progress.elapsed()) / 1000);
    const value = await options.waitOnce(Math.max(1, Math.min(chunk, remainingSeconds)));
    if (progress.observe(value)) return value;
    if (progress.elapsed() >= options.timeoutMs) throw progress.timeout();
  }
}
