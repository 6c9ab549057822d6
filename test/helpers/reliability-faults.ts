/**
 * The fault matrix driver: one "phase" (create, update, action, snapshot or delete of a kind of
 * resource) runs with one injected fault per subject resource, then the fault is cleared and the
 * stack is re-run (`up`, then `refresh`) until the cloud and the state agree.
 *
 * Each case says what the user must see: `retried` (the HTTP layer repeated an idempotent call, or
 * the provider sent a create again after a 5xx answer once nothing carried its creation token; the
 * run is clean for that resource), `adopted` (the object was made although the response was lost;
 * the provider found it by its creation token and took it over) or `reported` (the run failed for
 * that resource, and its error names the API operation and the HTTP status or transport error).
 */
import type { FaultKind, FaultRule } from "../../src/emulator/faults";
import type { TestEmulator } from "./emulator";
import type { OperationResult } from "./engine";
import { agreement, diagnostics, type FleetEntry, type FleetStack, sleep, type Tally } from "./reliability";

export const FAULTS = [
  "429",
  "500",
  "502",
  "503",
  "reset",
  "slow",
  "lost-response",
] as const satisfies readonly FaultKind[];
export type Fault = (typeof FAULTS)[number];

/** How long a "slow" fault holds a request before acting: twice the client's per-attempt timeout. */
export const SLOW_MS = 5000;

export type Outcome = "retried" | "adopted" | "reported";

export interface FaultCase {
  /** Resource name in the fleet spec whose call gets this fault. */
  subject: string;
  /** The resource that reports the error, when not the subject (a snapshot of the subject). */
  resource?: string;
  fault: Fault;
  /** Which call gets the fault. */
  match: { method: string; path: string };
  outcome: Outcome;
}

export interface Phase {
  /** "exoscale create", for messages. */
  label: string;
  /** API operation the errors must name ("createInstance"). */
  operation: string;
  /** What the program builds in this phase. */
  spec: FleetEntry[];
  cases: FaultCase[];
  /**
   * True when every case shares one path (creates): the faults then go to whichever request comes
   * first, so outcomes are checked as a multiset rather than per subject.
   */
  sharedPath?: boolean;
  /** Checks that the cloud reached what the spec asks for, after convergence. */
  verify?: () => Promise<void>;
}

export interface PhaseResult {
  faulted: OperationResult;
  converge: OperationResult;
  refresh: OperationResult;
}

/** What a single fault on a create (a POST guarded by a creation token) leads to. */
export function createOutcome(fault: Fault): Outcome {
  // A lost response, or a slow one that lands while the provider watches after its timeout.
  if (fault === "lost-response" || fault === "slow") return "adopted";
  // A reset with nothing made: reported (the server might still act); the next run adopts or creates.
  if (fault === "reset") return "reported";
  return "retried";
}

/** The text a reported fault must put in front of the user, besides the operation name. */
export function reportedPattern(fault: Fault, operation: string): RegExp {
  const cause: Record<Fault, string> = {
    "429": "HTTP 429",
    "500": "HTTP 500 .*injected fault 500.*\\(request id [0-9a-f-]{36}\\)",
    "502": "HTTP 502 .*injected fault 502.*\\(request id [0-9a-f-]{36}\\)",
    "503": "HTTP 503 .*injected fault 503.*\\(request id [0-9a-f-]{36}\\)",
    reset: "(ECONNRESET|socket hang up)",
    slow: "ETIMEDOUT",
    "lost-response": "(ECONNRESET|socket hang up)",
  };
  return new RegExp(`\\b${operation} failed: .*${cause[fault]}`);
}

function rulesFor(phase: Phase): FaultRule[] {
  const rule = (c: FaultCase): FaultRule => ({
    match: c.match,
    fault: c.fault,
    count: 1,
    retryAfter: 1,
    ...(c.fault === "slow" ? { delayMs: SLOW_MS } : {}),
  });
  // On a shared path the first request takes the first rule; a 429 is retried, so it goes last,
  // where its retry finds no rule left instead of taking another subject's fault.
  const ordered = phase.sharedPath
    ? [...phase.cases.filter((c) => c.fault !== "429"), ...phase.cases.filter((c) => c.fault === "429")]
    : phase.cases;
  return ordered.map(rule);
}

async function faultsLeft(emulator: TestEmulator): Promise<unknown[]> {
  const response = await fetch(`${emulator.url}/_emulator/faults`);
  return (await response.json()) as unknown[];
}

/** Checks what the faulted run told the user against each case's expected outcome. */
function checkOutcomes(phase: Phase, faulted: OperationResult): string[] {
  const errors = diagnostics(faulted.output);
  const problems: string[] = [];
  const reported = phase.cases.filter((c) => c.outcome === "reported");
  if (reported.length === 0 && !faulted.ok)
    problems.push(`the run failed although every fault should have been absorbed: ${faulted.error}`);
  if (reported.length > 0 && faulted.ok) problems.push("the run succeeded although some faults cannot be absorbed");
  if (phase.sharedPath) {
    const blocks = [...errors.values()].map((lines) => lines.join(" "));
    for (const c of reported) {
      const pattern = reportedPattern(c.fault, phase.operation);
      const index = blocks.findIndex((text) => pattern.test(text));
      if (index < 0) problems.push(`no error matching ${pattern} (fault ${c.fault})`);
      else blocks.splice(index, 1);
    }
    if (blocks.length > 0) problems.push(`unexpected errors: ${blocks.join(" | ")}`);
  } else {
    for (const c of phase.cases) {
      const text = (errors.get(c.resource ?? c.subject) ?? []).join(" ");
      if (c.outcome === "reported" && !reportedPattern(c.fault, phase.operation).test(text))
        problems.push(
          `${c.subject} (${c.fault}): expected an error matching ${reportedPattern(c.fault, phase.operation)}, got: ${text || "no error"}`,
        );
      if (c.outcome !== "reported" && text !== "")
        problems.push(`${c.subject} (${c.fault}): expected no error, got: ${text}`);
    }
  }
  for (const c of phase.cases.filter((c) => c.outcome === "adopted")) {
    if (!/adopting it/.test(faulted.output)) problems.push(`${c.subject} (${c.fault}): no "adopting it" progress line`);
  }
  return problems;
}

/**
 * Runs one phase: faulted `up`, then (faults cleared, slow requests landed) `up` and `refresh`,
 * and checks outcomes, agreement and the phase's own expectations. Counts go to `tally`.
 */
export async function runPhase(
  context: { emulator: TestEmulator; fleet: FleetStack; baseline: Set<string>; tally: Tally },
  phase: Phase,
): Promise<PhaseResult> {
  const { emulator, fleet, baseline, tally } = context;
  fleet.setSpec(phase.spec);
  await emulator.clearCalls();
  await emulator.addFault(rulesFor(phase));
  // Every case's create must be attempted, so that every fault fires: without --continue-on-error the
  // engine schedules nothing new after the first failure, and a create whose check is still reading
  // the catalogue (preview's preflight) would never be sent.
  const faulted = await fleet.up({ continueOnError: true });
  const left = await faultsLeft(emulator);
  await emulator.clearFaults();
  // A held ("slow") request acts after SLOW_MS and is recorded then: wait for it to land, as a real
  // late request would, before the next run looks at the cloud.
  if (phase.cases.some((c) => c.fault === "slow")) {
    const deadline = Date.now() + SLOW_MS * 3;
    while (!(await emulator.calls()).some((call) => call.fault === "slow") && Date.now() < deadline) await sleep(200);
  }
  const injected = (await emulator.calls()).filter((call) => call.fault !== undefined && call.fault !== "rate-limit");
  tally.add("faultsTried", injected.length);
  tally.add("faultedRuns");
  if (!faulted.ok) tally.add("faultedRunsFailed");

  // Problems are collected and reported together after convergence, so that one wrong outcome
  // does not leave the stack half-done for the next phase.
  const problems = checkOutcomes(phase, faulted);
  if (left.length > 0) problems.push(`faults never triggered: ${JSON.stringify(left)}`);
  if (injected.length < phase.cases.length)
    problems.push(`only ${injected.length} of ${phase.cases.length} faults were injected`);

  const converge = await fleet.up();
  const refresh = await fleet.refresh();
  if (!converge.ok) problems.push(`the run after the fault did not converge:\n${converge.error}\n${converge.output}`);
  if (!refresh.ok) problems.push(`refresh failed:\n${refresh.error}`);
  const changed = Object.entries(refresh.summary?.resourceChanges ?? {}).filter(([op, n]) => op !== "same" && n > 0);
  if (changed.length > 0)
    problems.push(`refresh after convergence found drift ${JSON.stringify(changed)}\n${refresh.output}`);
  const found = await agreement(emulator, [fleet], baseline);
  tally.add("duplicatesFound", found.duplicates.length);
  tally.add("orphansFound", found.orphans.length);
  for (const [what, list] of Object.entries(found))
    if (list.length > 0) problems.push(`cloud and state disagree, ${what}: ${JSON.stringify(list)}`);
  if (problems.length > 0)
    throw new Error(`${phase.label}:\n  ${problems.join("\n  ")}\n--- faulted run output ---\n${faulted.output}`);
  await phase.verify?.();
  tally.add("runsConverged");
  return { faulted, converge, refresh };
}
