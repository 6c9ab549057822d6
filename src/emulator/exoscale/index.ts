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
import { INSTANCE_TYPES, TEMPLATES, zoneList } from "./catalogue";
import { badId, exoError } from "./errors";
import { registerInstances } from "./instances";
import { Operations } from "./operations";
import { changeExoscale } from "./change-objects";
import { seedExoscale } from "./seed-objects";
import { ExoscaleOrganizations } from "./accounts";
import { snapshotView } from "./state";

const ok = (body: unknown): EmulatorResponse => ({ status: 200, body });

/** The organizations of each running emulator (one context per server). */
const organizationsOf = new WeakMap<EmulatorContext, ExoscaleOrganizations>();

function organizations(ctx: EmulatorContext): ExoscaleOrganizations {
  let found = organizationsOf.get(ctx);
  if (!found) organizationsOf.set(ctx, (found = new ExoscaleOrganizations(ctx)));
  return found;
}

function register(router: Router, ctx: EmulatorContext): void {
  // The state of the organization each request signed into.
  const state = organizations(ctx).state;
  const operations = new Operations(state, ctx);
  registerInstances(router, ctx, state, operations);

  router.on("GET", "/v2/organization", () => {
    const { id, name } = organizations(ctx).current();
    return ok({ id, name, currency: "CHF" });
  });

  router.on("GET", "/v2/operation/{id}", (request) => {
    const invalid = badId(request.params.id);
    if (invalid) return invalid;
    const operation = operations.get(request.params.id);
    return operation ? ok(operation) : exoError(404, `Operation ${request.params.id} not found`);
  });

  router.on("GET", "/v2/snapshot", () => ok({ snapshots: Object.values(state.snapshots).map(snapshotView) }));

  router.on("GET", "/v2/snapshot/{id}", (request) => {
    const invalid = badId(request.params.id);
    if (invalid) return invalid;
    const snapshot = state.snapshots[request.params.id];
    return snapshot ? ok(snapshotView(snapshot)) : exoError(404, `Snapshot ${request.params.id} not found`);
  });

  router.on("DELETE", "/v2/snapshot/{id}", (request) => {
    const invalid = badId(request.params.id);
    if (invalid) return invalid;
    const snapshot = state.snapshots[request.params.id];
    if (!snapshot || snapshot.state === "deleting") return exoError(404, `Snapshot ${request.params.id} not found`);
    if (snapshot.state === "snapshotting")
      return exoError(400, `delete-snapshot: snapshot ${snapshot.id} is still being taken`);
    snapshot.state = "deleting";
    return ok(
      operations.start("delete-snapshot", { id: snapshot.id, kind: "snapshot" }, () => {
        delete state.snapshots[snapshot.id];
        const instance = state.instances[snapshot.instanceId];
        if (instance) instance.snapshotIds = instance.snapshotIds.filter((id) => id !== snapshot.id);
      }),
    );
  });

  router.on("GET", "/v2/instance-type", () => ok({ "instance-types": INSTANCE_TYPES }));
  router.on("GET", "/v2/instance-type/{id}", (request) => {
    const invalid = badId(request.params.id);
    if (invalid) return invalid;
    const type = INSTANCE_TYPES.find((t) => t.id === request.params.id);
    return type ? ok(type) : exoError(404, `Instance type ${request.params.id} not found`);
  });

  router.on("GET", "/v2/template", (request) => {
    const visibility = request.query.get("visibility") ?? "public";
    if (!["public", "private"].includes(visibility))
      return exoError(400, "Invalid parameter visibility: must be public or private");
    const family = request.query.get("family");
    return ok({
      templates: TEMPLATES.filter((t) => t.visibility === visibility && (family === null || t.family === family)),
    });
  });
  router.on("GET", "/v2/template/{id}", (request) => {
    const invalid = badId(request.params.id);
    if (invalid) return invalid;
    const template = TEMPLATES.find((t) => t.id === request.params.id);
    return template ? ok(template) : exoError(404, `Template ${request.params.id} not found`);
  });

  router.on("GET", "/v2/zone", (request) => ok({ zones: zoneList(`http://${request.headers.host ?? "127.0.0.1"}`) }));
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
