/**
 * Emulated Scaleway Instance API, images surface (`/instance/v1/zones/{zone}/...`): list (paged,
 * `X-Total-Count`, filters), create (201, "creating" → "available" after the op delay), get,
 * UpdateImage (PATCH), SetImage (PUT, whole object), delete (204), and the reads a client of those
 * images makes next: ListSnapshots and GetSnapshot (the root and extra volumes), ListVolumes and
 * GetVolume (a snapshot's base volume). Objects carry every key of the live API, null included
 * (e.g. `"default_bootscript": null`). Every call needs `X-Auth-Token`.
 *
 * Error paths a test can trigger (the real API's bodies, see errors.ts):
 * - a root volume or extra volume that is not a snapshot of that zone → 404 `not_found` (instance_snapshot);
 * - a create whose name contains "quota-exceeded" → 403 `quotas_exceeded`;
 * - a create whose name contains "build-fails" → the image ends in state "error";
 * - PATCH, PUT or DELETE while the image is "creating" → 409 `transient_state`;
 * - DELETE of an image tagged "emulator:in-use" → 412 `precondition_failed`;
 * - a bad body → 400 `invalid_request_error` with `fields`; per_page above 100 → 400 `invalid_arguments`.
 */
import type { ApiModule, EmulatorContext } from "../api";
import type { EmulatorRequest, EmulatorResponse, Router } from "../router";
import { changeScalewayImages } from "./change-objects";
import { deniedAuthentication, genericError } from "./errors";
import { SCALEWAY_ROUTES } from "./routes";
import { seedScaleway } from "./seed";
import { seedScalewayImages } from "./seed-objects";
import type { ScalewayState } from "./state";

export { seededSnapshotId } from "./seed";

/** The API's store slice, seeded with the zones' snapshots and public images on first use. */
function stateOf(ctx: EmulatorContext): ScalewayState {
  return ctx.store.slice<ScalewayState>("scaleway", () => seedScaleway(ctx.credentials.scalewayProjectId));
}

function register(router: Router, ctx: EmulatorContext): void {
  router.onEach(SCALEWAY_ROUTES, { ctx, state: stateOf(ctx), organization: ctx.credentials.scalewayProjectId });
}

function authenticate(request: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
  const token = request.headers["x-auth-token"];
  if (token === undefined || token === "") return deniedAuthentication("not_found", "unknown_method");
  return token === ctx.credentials.scalewaySecretKey ? undefined : deniedAuthentication("not_found", "api_key");
}

export const scalewayApi: ApiModule = {
  name: "scaleway",
  prefixes: ["/instance/v1/"],
  register,
  authenticate,
  seed: (section, ctx) => seedScalewayImages(section, stateOf(ctx), ctx.credentials.scalewayProjectId),
  change: (section, ctx) => changeScalewayImages(section, stateOf(ctx)),
  errorBody: (status, message) => genericError(status, message),
  env: (url, credentials) => ({
    SCW_API_URL: url,
    SCW_SECRET_KEY: credentials.scalewaySecretKey,
    SCW_DEFAULT_PROJECT_ID: credentials.scalewayProjectId,
  }),
};
