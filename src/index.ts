/**
 * pulumi-dynamic-compute: Pulumi dynamic-provider resources and functions for compute on Exoscale,
 * Scaleway, Koyeb, a generic Instances API and Incus. This file is the public API and nothing else.
 */
export * from "./exoscale";
export * from "./scaleway";
export * from "./koyeb";
export * from "./compute";
export * from "./incus";
export type {
  Emulator,
  EmulatorOptions,
  EmulatorSeed,
  SeededObjects,
  SeedExoscaleInstance,
  SeedScalewayImage,
  SeedComputeInstance,
  RecordedCall,
} from "./emulator/options";
export type { FaultRule, FaultKind } from "./emulator/faults";
import type { Emulator, EmulatorOptions } from "./emulator/options";

/**
 * Starts the local cloud emulator in this process (see docs/emulator.md). Loaded on first call, so that
 * programs that never use it do not pay for it.
 */
export function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("./emulator") as typeof import("./emulator")).startEmulator(options);
}
export {
  ProviderError,
  ApiError,
  InvalidRequestError,
  AuthError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  ServerError,
  TransportError,
  OperationFailedError,
  WaitTimeoutError,
  CredentialsError,
  InvalidArgumentsError,
  AdoptionMismatchError,
  AccountChangedError,
  DeletionProtectedError,
  PartialCreateError,
  PartialUpdateError,
  UnknownResourceKindError,
  UnexpectedError,
  type ArgumentProblem,
  type ErrorDetails,
} from "./core/errors";
export type { FunctionOptions, FunctionOutputOptions, InputArgs } from "./core/functions";
