#!/usr/bin/env node
/**
 * compute-emulator [--port N] [--host 127.0.0.1] [--state FILE] [--seed FILE] [--op-delay-ms N] [--print-env]
 * Prints one JSON line once listening: {"url": "...", "env": {...}, "seeded": {...}}. `--seed` makes
 * the objects the JSON file describes, as if made outside Pulumi (see docs/emulator.md).
 * `--print-env` starts it in the background instead and prints shell `export` lines, so that
 * `eval "$(npx compute-emulator --print-env)"` points the current shell at it.
 *
 * compute-emulator change [--url URL] JSON | --file FILE
 * Changes objects of a running emulator behind Pulumi's back (`PATCH /_emulator/objects`), to make
 * drift for `pulumi refresh`; `--url` defaults to COMPUTE_EMULATOR_URL. Prints what was changed.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { startEmulator } from "./index";

const USAGE =
  "usage: compute-emulator [--port N] [--host 127.0.0.1] [--state FILE] [--seed FILE] [--op-delay-ms N] [--print-env]\n" +
  "       compute-emulator change [--url URL] JSON | --file FILE\n";

/** What a background emulator tells the command that started it, over the IPC channel. */
type Started = { url: string; env: Record<string, string>; seeded: unknown } | { error: string };

/** A value quoted for POSIX shells: single quotes, with each `'` closed, escaped and reopened. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * Starts this command again, detached, with the same options, waits until it listens, and prints
 * its env as `export` lines plus COMPUTE_EMULATOR_URL and COMPUTE_EMULATOR_PID (to stop it). The
 * child has no stdio of ours, so the shell's `$(…)` ends as soon as this process exits.
 */
async function startInBackground(args: string[]): Promise<void> {
  const child = spawn(process.execPath, [__filename, ...args.filter((arg) => arg !== "--print-env")], {
    detached: true,
    stdio: ["ignore", "ignore", "ignore", "ipc"],
  });
  const started = await new Promise<Started>((resolve) => {
    child.once("message", (message) => resolve(message as Started));
    child.once("exit", (code) => resolve({ error: `exited with ${code} before listening` }));
  });
  if ("error" in started) throw new Error(started.error);
  if (child.connected) child.disconnect();
  child.unref();
  const variables = { ...started.env, COMPUTE_EMULATOR_URL: started.url, COMPUTE_EMULATOR_PID: String(child.pid) };
  process.stdout.write(
    Object.entries(variables)
      .map(([name, value]) => `export ${name}=${shellQuote(value)}\n`)
      .join(""),
  );
  process.stderr.write(
    `compute-emulator: listening on ${started.url} (pid ${child.pid}); stop it with: kill $COMPUTE_EMULATOR_PID\n`,
  );
  if (started.seeded && Object.keys(started.seeded).length > 0)
    process.stderr.write(`compute-emulator: seeded ${JSON.stringify(started.seeded)}\n`);
}

/** `compute-emulator change`: sends the changes to a running emulator and prints its answer. */
async function change(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: "string" }, file: { type: "string" } },
  });
  const url = values.url ?? process.env.COMPUTE_EMULATOR_URL;
  if (!url) throw new Error("change: no emulator: pass --url or set COMPUTE_EMULATOR_URL (--print-env exports it)");
  if ((values.file === undefined) === (positionals.length !== 1))
    throw new Error(`change: give the changes as one JSON argument or with --file FILE\n${USAGE}`);
  const text = values.file === undefined ? positionals[0] : fs.readFileSync(values.file, "utf8");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new Error(`change: the changes are not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const response = await fetch(`${url.replace(/\/+$/, "")}/_emulator/objects`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response.text();
  if (!response.ok) {
    const message = (() => {
      try {
        return (JSON.parse(answer) as { message?: string }).message ?? answer;
      } catch {
        return answer;
      }
    })();
    throw new Error(`change refused (HTTP ${response.status}): ${message}`);
  }
  process.stdout.write(answer + "\n");
}

async function main(): Promise<void> {
  if (process.argv[2] === "change") return change(process.argv.slice(3));
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      state: { type: "string" },
      seed: { type: "string" },
      "op-delay-ms": { type: "string" },
      "print-env": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values["print-env"]) return startInBackground(process.argv.slice(2));
  const number = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0)
      throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
    return parsed;
  };
  const emulator = await startEmulator({
    port: number("port", values.port),
    host: values.host,
    stateFile: values.state,
    seed: values.seed,
    opDelayMs: number("op-delay-ms", values["op-delay-ms"]),
  });
  const started = { url: emulator.url, env: emulator.env, seeded: emulator.seeded };
  if (process.send) {
    // Started by --print-env: report over IPC and let that command exit.
    process.send(started, () => process.disconnect());
  } else process.stdout.write(JSON.stringify(started) + "\n");
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  const message = (error as Error).message;
  if (process.send) process.send({ error: message } satisfies Started, () => process.exit(1));
  else {
    process.stderr.write(`compute-emulator: ${message}\n`);
    process.exit(1);
  }
});
