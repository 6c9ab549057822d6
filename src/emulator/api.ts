/**
 * What one emulated API (Exoscale, Scaleway, Koyeb, Instances) provides to the emulator server.
 *
 * Each API folder has the same files: `index.ts` (this module: auth, error style, env, hooks),
 * `routes.ts` (the route table that `register` hands to `Router.onEach`), `handlers/` (one named
 * function per route), `services.ts` (what the handlers share), `state.ts` (stored shapes and wire
 * views), `errors.ts` (the vendor's error bodies), `validation.ts` (request checks), `seed.ts`
 * (fixed start data), `seed-objects.ts` and `change-objects.ts` (the `seed` and `change` hooks), and
 * `operations.ts` where the API has asynchronous operations.
 */
import type { EmulatorRequest, EmulatorResponse, Router } from "./router";
import type { PreparedChange } from "./change";
import type { Store } from "./store";

import type { EmulatorCredentials } from "./options";

export type { EmulatorCredentials };

/** Shared services for API modules. */
export interface EmulatorContext {
  store: Store;
  credentials: EmulatorCredentials;
  /** How long asynchronous operations take, in ms (`--op-delay-ms`, changeable at run time). */
  opDelayMs(): number;
  /** Runs `fn` after `ms` (timers are cleared when the emulator closes). */
  after(ms: number, fn: () => void): void;
}

export interface ApiModule {
  /** "exoscale", "scaleway", "koyeb", "compute". */
  name: string;
  /** Path prefixes this API serves ("/v2/"); used to pick the error body style for faults and 404s. */
  prefixes: string[];
  /** Adds the API's routes. Called once at start-up. */
  register(router: Router, ctx: EmulatorContext): void;
  /** The vendor's error body for `status` with `message`. */
  errorBody(status: number, message: string): unknown;
  /** Rejects unauthenticated requests with the vendor's 401/403; undefined lets the request through. */
  authenticate?(request: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined;
  /** Response header carrying the request id; default "x-request-id". */
  requestIdHeader?: string;
  /**
   * Makes objects from this API's section of a seed (`--seed`, `POST /_emulator/objects`) as if made
   * outside Pulumi, and returns their ids in the resources' id form. Throws SeedError naming a bad field.
   */
  seed?(section: unknown, ctx: EmulatorContext): unknown;
  /**
   * Checks this API's section of `PATCH /_emulator/objects` (existing objects changed as if outside
   * Pulumi) and returns the change, not yet applied. Throws SeedError naming a bad field,
   * UnknownObjectError for an id it does not hold.
   */
  change?(section: unknown, ctx: EmulatorContext): PreparedChange;
  /** Environment variables pointing this API's clients at the emulator. */
  env(baseUrl: string, credentials: EmulatorCredentials): Record<string, string>;
}
