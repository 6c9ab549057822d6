/**
 * Emulated Koyeb API, instances surface: `GET /v1/instances` (filters, limit/offset/order, time
 * window), `GET /v1/instances/{id}`, `GET /v1/instance_events` and the exec websocket
 * `/v1/streams/instances/exec` (exec.ts); each HTTP route's handler is in handlers/. Seeded with one
 * app, its services' instances and events (seed.ts). Every call needs `Authorization: Bearer <token>`;
 * errors use Koyeb's `Error` / `ErrorWithFields` bodies (errors.ts).
 */
import type { ApiModule, EmulatorContext } from "../api";
import type { EmulatorRequest, EmulatorResponse, Router } from "../router";
import { error } from "./errors";
import { execUpgradeHandler } from "./exec";
import { KOYEB_ROUTES } from "./routes";
import { seedKoyeb } from "./seed";
import type { KoyebState } from "./state";

export { KOYEB_APP, KOYEB_SERVICES, koyebUuid } from "./seed";

function register(router: Router, ctx: EmulatorContext): void {
  const state = ctx.store.slice<KoyebState>("koyeb", seedKoyeb);
  router.onEach(KOYEB_ROUTES, { state });
  router.onUpgrade(
    "/v1/streams/instances/exec",
    execUpgradeHandler(ctx, () => state.instances),
  );
}

function authenticate(request: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
  if (request.headers.authorization === `Bearer ${ctx.credentials.koyebToken}`) return undefined;
  return error(
    401,
    "unauthenticated",
    request.headers.authorization ? "The token is not valid" : "Missing authorization header",
  );
}

export const koyebApi: ApiModule = {
  name: "koyeb",
  prefixes: ["/v1/"],
  register,
  authenticate,
  errorBody: (status, message) => ({
    status,
    code: status === 404 ? "not_found" : status === 429 ? "resource_exhausted" : status >= 500 ? "internal" : "unknown",
    message,
  }),
  env: (url, credentials) => ({ KOYEB_API_URL: url, KOYEB_TOKEN: credentials.koyebToken }),
};
