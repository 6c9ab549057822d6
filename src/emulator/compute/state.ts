/** What the emulated Instances API holds (one store slice, persisted with the emulator's state file). */
import { randomBytes } from "node:crypto";
import type { ApiComputeInstance } from "../../compute/client";
import type { EmulatorContext } from "../api";

/** The API's instance object (the client's type), with the fields the emulator always fills in. */
export type EmulatedComputeInstance = ApiComputeInstance & {
  metadata: Required<ApiComputeInstance["metadata"]>;
  status: Required<ApiComputeInstance["status"]>;
};

export interface ComputeState {
  instances: Record<string, EmulatedComputeInstance>;
}

/** The API's store slice, empty on first use. */
export function stateOf(ctx: EmulatorContext): ComputeState {
  return ctx.store.slice<ComputeState>("compute", () => ({ instances: {} }));
}

/** An address in `prefix` (two octets, e.g. "10.0"). */
export function randomIp(prefix: string): string {
  const [a, b] = randomBytes(2);
  return `${prefix}.${(a % 250) + 2}.${(b % 250) + 2}`;
}
