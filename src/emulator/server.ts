/**
 * The emulator's HTTP server: starts the runtime its parts share (runtime.ts), seeds it, listens,
 * and stops. How a request is answered is in dispatch.ts; the control API is in control.ts.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { ApiModule } from "./api";
import { requestListener, upgradeListener } from "./dispatch";
import { FaultStore } from "./faults";
import type { Emulator, EmulatorOptions, EmulatorSeed } from "./options";
import { createRuntime } from "./runtime";
import { seedObjects } from "./sections";
import { DEFAULT_CREDENTIALS, envFaults, envRateLimit, rateLimiterFrom } from "./settings";
import { Store } from "./store";

export type { Emulator, EmulatorOptions, RecordedCall } from "./options";
export { DEFAULT_CREDENTIALS } from "./settings";

/** Server options: the public ones, plus which API modules to serve (tests add their own). */
export interface ServerOptions extends EmulatorOptions {
  /** API modules to serve; default all of them. */
  modules?: ApiModule[];
}

export async function startServer(options: ServerOptions, modules: ApiModule[]): Promise<Emulator> {
  const credentials = { ...DEFAULT_CREDENTIALS, ...options.credentials };
  const store = new Store(options.stateFile);
  const faults = new FaultStore();
  for (const rule of [...(options.faults ?? []), ...envFaults()]) faults.add(rule);
  const runtime = createRuntime({
    modules,
    store,
    faults,
    credentials,
    limiter: rateLimiterFrom(options.rateLimit ?? envRateLimit()),
    opDelayMs: options.opDelayMs ?? 300,
  });
  const initialSeed =
    typeof options.seed === "string"
      ? (JSON.parse(fs.readFileSync(options.seed, "utf8")) as EmulatorSeed)
      : options.seed;
  const seeded = initialSeed === undefined ? {} : seedObjects(runtime, initialSeed);

  const sockets = new Set<Socket>();
  const server = http.createServer(requestListener(runtime));
  server.on("upgrade", upgradeListener(runtime));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(":") ? `[${address.address}]` : address.address}:${address.port}`;
  const env: Record<string, string> = {};
  for (const module of modules) Object.assign(env, module.env(url, credentials));

  return {
    url,
    env,
    seeded,
    close: async () => {
      for (const cancel of runtime.pendingEffects) cancel();
      store.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
