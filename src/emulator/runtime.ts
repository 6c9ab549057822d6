/**
 * What one running emulator holds and its parts share: the API modules and their routes, the store,
 * the faults and rate limit, the op delay, the recorded calls, and the effects still to run.
 */
import type { ApiModule, EmulatorContext } from "./api";
import type { FaultStore, RateLimiter } from "./faults";
import type { RecordedCall } from "./options";
import { Router } from "./router";
import type { Store } from "./store";

export interface EmulatorRuntime {
  modules: ApiModule[];
  router: Router;
  store: Store;
  ctx: EmulatorContext;
  faults: FaultStore;
  /** Changed at run time by `POST /_emulator/config`. */
  limiter: RateLimiter | undefined;
  opDelayMs: number;
  calls: RecordedCall[];
  /** Cancels of the effects still to run (run on close). */
  pendingEffects: Set<() => void>;
}

/** Makes the runtime; each module registers its routes on the runtime's router. */
export function createRuntime(
  parts: Pick<EmulatorRuntime, "modules" | "store" | "faults" | "limiter" | "opDelayMs"> & {
    credentials: EmulatorContext["credentials"];
  },
): EmulatorRuntime {
  const { credentials, ...rest } = parts;
  const runtime: EmulatorRuntime = {
    ...rest,
    router: new Router(),
    calls: [],
    pendingEffects: new Set(),
    ctx: {
      store: parts.store,
      credentials,
      opDelayMs: () => runtime.opDelayMs,
      after: (ms, fn) => after(runtime, ms, fn),
    },
  };
  for (const module of runtime.modules) module.register(runtime.router, runtime.ctx);
  return runtime;
}

/** Runs `fn` after `ms`, then saves the state; close cancels it. */
function after({ store, pendingEffects }: EmulatorRuntime, ms: number, fn: () => void): void {
  let cancel: () => void;
  const run = () => {
    pendingEffects.delete(cancel);
    fn();
    store.changed();
  };
  // A zero delay means "done before the next request": setTimeout(0) waits a millisecond or more,
  // long enough for a client that asks again at once to see the operation still pending.
  if (ms > 0) {
    const timer = setTimeout(run, ms);
    cancel = () => clearTimeout(timer);
  } else {
    const immediate = setImmediate(run);
    cancel = () => clearImmediate(immediate);
  }
  pendingEffects.add(cancel);
}
