/**
 * Progress and warning lines from inside a dynamic provider. The engine shows a dynamic provider's
 * console output in `pulumi up` (twice: live and again under Diagnostics), but does not route
 * `pulumi.log` from it (pulumi/pulumi#6065), so everything goes to stderr, one redacted line per
 * event, prefixed with the resource it concerns.
 *
 * A fleet of hundreds of resources must not bury the summary, so by default a step that finishes
 * within seconds prints nothing; how much is printed is one setting, `verbosity`:
 * - `quiet`: warnings only;
 * - `normal` (default): warnings, events that matter (an adoption, a recovery, a retry, why a
 *   resource is replaced) and, for a wait that lasts, one line every 10 s (see waiter.ts);
 * - `detail`: also every step and every state change as it happens;
 * - `debug`: also every request and response.
 * Set with the stack config `dynamic-compute:verbosity` or DYNAMIC_COMPUTE_VERBOSITY;
 * DYNAMIC_COMPUTE_DEBUG=1 means `debug`, DYNAMIC_COMPUTE_QUIET=1 means `quiet`.
 */
import { optionalSetting } from "./credentials";
import { redact } from "./redact";

const VERBOSITIES = ["quiet", "normal", "detail", "debug"] as const;
export type Verbosity = (typeof VERBOSITIES)[number];

export interface Logger {
  /** An event users should see even in a fleet: an adoption, a recovery, a retry, a replacement's reason. */
  info(message: string): void;
  /** A routine step (an operation started, a state reached): shown with verbosity `detail`. */
  progress(message: string): void;
  /** Something that did not fail the step but deserves attention: always shown. */
  warn(message: string): void;
  /** Request-level detail, shown with verbosity `debug`. */
  debug(message: string): void;
  /** Whether lines of this level are shown now; lets callers skip building them. */
  shows(level: "progress" | "debug"): boolean;
  /** A logger for a narrower scope, e.g. one resource: `[exoscale:Instance web]`. */
  child(scope: string): Logger;
}

const flagSet = (name: string) => {
  const flag = process.env[name];
  return flag !== undefined && flag !== "" && flag !== "0" && flag !== "false";
};

let warnedAbout: string | undefined;

/** The verbosity in effect now (read at each call: the stack config arrives after start-up). */
function currentVerbosity(): Verbosity {
  if (flagSet("DYNAMIC_COMPUTE_DEBUG")) return "debug";
  const setting = optionalSetting({
    what: "verbosity",
    config: ["dynamic-compute:verbosity"],
    env: ["DYNAMIC_COMPUTE_VERBOSITY"],
  })?.toLowerCase();
  if (setting !== undefined && (VERBOSITIES as readonly string[]).includes(setting)) return setting as Verbosity;
  if (setting !== undefined && warnedAbout !== setting) {
    warnedAbout = setting;
    process.stderr.write(
      `[pulumi-dynamic-compute] warning: verbosity "${setting}" is not one of ${VERBOSITIES.join(", ")}; using normal\n`,
    );
  }
  return flagSet("DYNAMIC_COMPUTE_QUIET") ? "quiet" : "normal";
}

const RANK: Record<Verbosity, number> = { quiet: 0, normal: 1, detail: 2, debug: 3 };

/** Creates a logger writing to the process's stderr, which the engine passes through. */
export function createLogger(
  scope: string,
  write: (line: string) => void = (line) => process.stderr.write(line + "\n"),
  verbosity: () => Verbosity = currentVerbosity,
): Logger {
  const emit = (level: string, message: string) => write(redact(`[${scope}]${level} ${message}`));
  const atLeast = (level: Verbosity) => RANK[verbosity()] >= RANK[level];
  return {
    info: (message) => {
      if (atLeast("normal")) emit("", message);
    },
    progress: (message) => {
      if (atLeast("detail")) emit("", message);
    },
    warn: (message) => emit(" warning:", message),
    debug: (message) => {
      if (atLeast("debug")) emit(" debug:", message);
    },
    shows: (level) => atLeast(level === "progress" ? "detail" : "debug"),
    child: (sub) => createLogger(`${scope} ${sub}`, write, verbosity),
  };
}

/** Formats elapsed milliseconds for progress lines ("850ms", "12.4s", "3m05s"). */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m${String(seconds).padStart(2, "0")}s`;
}
