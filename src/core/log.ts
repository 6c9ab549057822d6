/**
 * Progress and warning lines from inside a dynamic provider. The engine shows a dynamic provider's
 * console output in `pulumi up`, but does not route `pulumi.log` from it (pulumi/pulumi#6065), so
 * everything goes to stderr, one redacted line per event, prefixed with the resource it concerns.
 */
import { redact } from "./redact";

export interface Logger {
  /** A progress line users should see (operation started, state reached). */
  info(message: string): void;
  /** Something that did not fail the step but deserves attention. */
  warn(message: string): void;
  /** Request-level detail, shown only with DYNAMIC_COMPUTE_DEBUG=1. */
  debug(message: string): void;
  /** A logger for a narrower scope, e.g. one resource: `[exoscale:Instance web]`. */
  child(scope: string): Logger;
}

function debugEnabled(): boolean {
  const flag = process.env.DYNAMIC_COMPUTE_DEBUG;
  return flag !== undefined && flag !== "" && flag !== "0" && flag !== "false";
}

function quietEnabled(): boolean {
  return process.env.DYNAMIC_COMPUTE_QUIET === "1";
}

/** Creates a logger writing to the process's stderr, which the engine passes through. */
export function createLogger(scope: string, write: (line: string) => void = (line) => process.stderr.write(line + "\n")): Logger {
  const emit = (level: string, message: string) => write(redact(`[${scope}]${level} ${message}`));
  return {
    info: (message) => {
      if (!quietEnabled()) emit("", message);
    },
    warn: (message) => emit(" warning:", message),
    debug: (message) => {
      if (debugEnabled()) emit(" debug:", message);
    },
    child: (sub) => createLogger(`${scope} ${sub}`, write),
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
