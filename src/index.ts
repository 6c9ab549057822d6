/**
 * pulumi-dynamic-compute: Pulumi dynamic-provider resources and functions for compute on Exoscale,
 * Scaleway, Koyeb, a generic Instances API and Incus. This file is the public API and nothing else.
 */
export * from "./exoscale";
export * from "./scaleway";
export * from "./koyeb";
export * from "./compute";
export * from "./incus";
export type { Emulator, EmulatorOptions, FaultRule, FaultKind, RecordedCall } from "./emulator";
import type { Emulator, EmulatorOptions } from "./emulator";

/**
 * Starts the local cloud emulator in this process (see the README). Loaded on first call, so that
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
} from "./core/errors";
