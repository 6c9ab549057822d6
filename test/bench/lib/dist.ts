/**
 * The compiled package (`dist/`), typed by its sources: the benchmarks measure the code users run,
 * and `npm run bench` compiles it first (scripts/bootstrap.sh).
 */
import * as path from "node:path";

const distRoot = path.resolve(__dirname, "..", "..", "..", "dist");

/** `require`s `dist/<relative>`; the caller names the source module's type. */
export function fromDist<T>(relative: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(distRoot, relative)) as T;
}

export type EmulatorModule = typeof import("../../../src/emulator");
export type EmulatorModules = typeof import("../../../src/emulator/modules");
export type ApiModule = import("../../../src/emulator/api").ApiModule;
export type EmulatorContext = import("../../../src/emulator/api").EmulatorContext;
export type RecordedCall = import("../../../src/emulator").RecordedCall;
