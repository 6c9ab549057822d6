#!/usr/bin/env node
/**
 * compute-emulator [--port N] [--host 127.0.0.1] [--state FILE] [--seed FILE] [--op-delay-ms N]
 * Prints one JSON line once listening: {"url": "...", "env": {...}, "seeded": {...}}. `--seed` makes
 * the objects the JSON file describes, as if made outside Pulumi (see the README's emulator section).
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./index";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      state: { type: "string" },
      seed: { type: "string" },
      "op-delay-ms": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write("usage: compute-emulator [--port N] [--host 127.0.0.1] [--state FILE] [--seed FILE] [--op-delay-ms N]\n");
    return;
  }
  const number = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
    return parsed;
  };
  const emulator = await startEmulator({
    port: number("port", values.port),
    host: values.host,
    stateFile: values.state,
    seed: values.seed,
    opDelayMs: number("op-delay-ms", values["op-delay-ms"]),
  });
  process.stdout.write(JSON.stringify({ url: emulator.url, env: emulator.env, seeded: emulator.seeded }) + "\n");
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  process.stderr.write(`compute-emulator: ${(error as Error).message}\n`);
  process.exit(1);
});
