/**
 * The local cloud emulator: Exoscale, Scaleway, Koyeb and the generic Instances API on one HTTP
 * server, for demos and tests without an account. `startEmulator` runs it in-process; the
 * `compute-emulator` command runs it standalone.
 */
import { ALL_APIS } from "./modules";
import { type Emulator, type ServerOptions, startServer } from "./server";

export type { ServerOptions } from "./server";

export type {
  Emulator,
  EmulatorOptions,
  EmulatorSeed,
  SeededObjects,
  EmulatorChanges,
  ChangedObjects,
  SeedExoscaleInstance,
  SeedScalewayImage,
  SeedComputeInstance,
  RecordedCall,
} from "./options";
export type { FaultKind, FaultRule } from "./faults";
export { DEFAULT_CREDENTIALS } from "./settings";

/** Starts the emulator; resolves once it is listening. */
export function startEmulator(options: ServerOptions = {}): Promise<Emulator> {
  return startServer(options, options.modules ?? ALL_APIS);
}
