/**
 * Progress of a listing on stderr: in a terminal, one status line rewritten in place (what is being
 * read, and a counter), with lines that stay (retries, warnings) printed above it; anywhere else
 * only warnings, so logs and CI output stay quiet until the summary.
 */
import { createLogger, type Logger } from "../core/log";
import { redact } from "../core/redact";

export interface Progress {
  /** Replaces the status line ("exoscale ch-gva-2: instance 12/40"). */
  status(text: string): void;
  /** A line that stays; `warning` lines are shown even when not in a terminal. */
  line(text: string, warning?: boolean): void;
  /** A logger for the cloud clients: their retries and waits go through `line`. */
  logger(scope: string): Logger;
  /** Clears the status line. */
  done(): void;
}

/** Status updates more often than this are not drawn (a listing can read thousands of objects). */
const REDRAW_MS = 80;

export function createProgress(
  stream: NodeJS.WriteStream = process.stderr,
  interactive = stream.isTTY === true,
): Progress {
  let shown = "";
  let pending = "";
  let drawnAt = 0;
  const clear = () => {
    if (shown !== "") stream.write("\r\x1b[2K");
    shown = "";
  };
  const draw = (text: string) => {
    clear();
    const width = (stream.columns ?? 100) - 1;
    shown = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    stream.write(shown);
    drawnAt = Date.now();
  };
  const progress: Progress = {
    status(text) {
      if (!interactive) return;
      pending = redact(text);
      if (Date.now() - drawnAt >= REDRAW_MS) draw(pending);
    },
    line(text, warning = false) {
      if (!interactive && !warning) return;
      clear();
      stream.write(`${redact(text)}\n`);
      if (interactive && pending !== "") draw(pending);
    },
    logger(scope) {
      return createLogger(scope, (line) => progress.line(line, line.includes(" warning: ")));
    },
    done() {
      pending = "";
      clear();
    },
  };
  return progress;
}
