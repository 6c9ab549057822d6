/**
 * Emulated Exoscale API v2 (`/v2/...`): compute instances, their operations and
 * snapshots, and the catalogue (zones, instance types, templates). Every request but `GET /zone`
 * must carry a valid EXO2-HMAC-SHA256 signature; a bad signature, an unknown key or an expired
 * signature is a 403 with the API's `{"message": …}` body. The emulator serves every zone on one
 * endpoint: `EXOSCALE_API_ENDPOINT` points all zones at it. Two key pairs are accepted, each signing
 * into an organization of its own (accounts.ts).
 */
import { parseAuthorization, signatureMatches } from "../../exoscale/signer";
import type { ApiModule, EmulatorContext } from "../api";
import type { EmulatorRequest, EmulatorResponse, Router } from "../router";
import { organizationsFor as organizations } from "./accounts";
import { changeExoscale } from "./change-objects";
import { exoError } from "./errors";
import { Operations } from "./operations";
import { EXOSCALE_ROUTES } from "./routes";
import { seedExoscale } from "./seed-objects";

function register(router: Router, ctx: EmulatorContext): void {
  const state = organizations(ctx).state;
  router.onEach(EXOSCALE_ROUTES, {
    ctx,
    organizations: organizations(ctx),
    state,
    operations: new Operations(state, ctx),
  });
}

/** Verifies the EXO2-HMAC-SHA256 signature the way the API does; undefined lets the request through. */
function authenticate(request: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
  // The zone list is public (the official Python client calls it without credentials).
  if (request.method === "GET" && request.path === "/v2/zone") return undefined;
  const header = request.headers.authorization;
  const auth = parseAuthorization(typeof header === "string" ? header : undefined);
  if (!auth)
    return exoError(
      403,
      "Missing or malformed Authorization header: expected EXO2-HMAC-SHA256 credential=…,expires=…,signature=…",
    );
  const organization = organizations(ctx).forKey(auth.credential);
  if (!organization) return exoError(403, `Invalid API key ${auth.credential}`);
  if (auth.expires < Math.floor(Date.now() / 1000))
    return exoError(403, `Request expired at ${new Date(auth.expires * 1000).toISOString()}`);
  const unsigned = [...new Set(request.query.keys())].filter((name) => !auth.signedQueryArgs.includes(name));
  if (unsigned.length > 0)
    return exoError(403, `Invalid request signature: query parameters ${unsigned.join(", ")} are not signed`);
  const valid = signatureMatches(
    organization.apiSecret,
    { method: request.method, path: request.path, body: request.rawBody },
    auth,
    (name) => request.query.get(name) ?? undefined,
  );
  if (!valid) return exoError(403, "Invalid request signature");
  organizations(ctx).enter(organization);
  return undefined;
}

export const exoscaleApi: ApiModule = {
  name: "exoscale",
  prefixes: ["/v2/"],
  register,
  authenticate,
  seed: (section, ctx) => seedExoscale(section, organizations(ctx).state),
  change: (section, ctx) => changeExoscale(section, organizations(ctx).state),
  errorBody: (_status, message) => ({ message }),
  env: (url, credentials) => ({
    EXOSCALE_API_ENDPOINT: `${url}/v2`,
    EXOSCALE_API_KEY: credentials.exoscaleApiKey,
    EXOSCALE_API_SECRET: credentials.exoscaleApiSecret,
    EXOSCALE_EMULATOR_SECOND_API_KEY: credentials.exoscaleSecondApiKey,
    EXOSCALE_EMULATOR_SECOND_API_SECRET: credentials.exoscaleSecondApiSecret,
  }),
};
