/**
 * Emulated generic Instances API and the Incus-style operations API beside it (`/1.0/operations`),
 * served under `/compute` so that its `/v1/instances` does not collide with Koyeb's. The routes
 * and their behaviour are in routes.ts and handlers/.
 */
import type { ApiModule, EmulatorContext } from "../api";
import type { EmulatorRequest, EmulatorResponse, Router } from "../router";
import { changeCompute } from "./change-objects";
import { error } from "./errors";
import { EmulatedOperations } from "./operations";
import { COMPUTE_ROUTES } from "./routes";
import { seedInstances } from "./seed-objects";
import { BASE } from "./services";
import { stateOf } from "./state";

function register(router: Router, ctx: EmulatorContext): void {
  const state = stateOf(ctx);
  router.onEach(COMPUTE_ROUTES, { ctx, state, operations: new EmulatedOperations(ctx, "computeOperations", BASE) });
}

function authenticate(request: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
  // The `?public` operation variants authenticate with the operation's secret instead.
  if (request.query.has("public") && request.path.startsWith(`${BASE}/1.0/operations/`)) return undefined;
  if (request.headers.authorization === `Bearer ${ctx.credentials.computeToken}`) return undefined;
  return error(401, "missing or invalid bearer token");
}

export const computeApi: ApiModule = {
  name: "compute",
  prefixes: [`${BASE}/`],
  register,
  authenticate,
  seed: (section, ctx) => seedInstances(section, stateOf(ctx)),
  change: (section, ctx) => changeCompute(section, stateOf(ctx).instances),
  errorBody: (status, message) => ({ error: { code: status, message } }),
  env: (url, credentials) => ({ COMPUTE_API_URL: `${url}${BASE}`, COMPUTE_API_TOKEN: credentials.computeToken }),
};
