/**
 * pulumi-dynamic-compute: Pulumi dynamic-provider resources and functions for compute on Exoscale,
 * Scaleway, Koyeb, a generic Instances API and Incus. This file is the public API and nothing else.
 */
export * from "./exoscale";
export * from "./scaleway";
export * from "./koyeb";
export * from "./compute";
export * from "./incus";
export { startEmulator } from "./emulator";
export type { Emulator, EmulatorOptions, FaultRule, FaultKind, RecordedCall } from "./emulator";
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
