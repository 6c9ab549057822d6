/** What every route handler of the emulated Instances API works on. */
import type { EmulatorContext } from "../api";
import type { EmulatedOperations } from "./operations";
import type { ComputeState } from "./state";

export interface ComputeServices {
  ctx: EmulatorContext;
  state: ComputeState;
  operations: EmulatedOperations;
}

/** The API is served under this prefix, so that its `/v1/instances` does not collide with Koyeb's. */
export const BASE = "/compute";
