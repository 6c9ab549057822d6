/**
 * Emulated Koyeb API, instances surface: `GET /v1/instances` (filters, limit/offset/order, time
 * window), `GET /v1/instances/{id}`, `GET /v1/instance_events` and the exec websocket
 * `/v1/streams/instances/exec` (exec.ts). Seeded with one app, its services' instances and events
 * (seed.ts). Every call needs `Authorization: Bearer <token>`; errors use Koyeb's `Error` /
 * `ErrorWithFields` bodies.
 */
import type { ApiModule, EmulatorContext } from "../api";
import type { EmulatorRequest, EmulatorResponse, Router } from "../router";
import { execUpgradeHandler } from "./exec";
import { type EmulatedKoyebInstance, INSTANCE_STATUSES, type KoyebState, seedKoyeb } from "./seed";

export { KOYEB_APP, KOYEB_SERVICES, koyebUuid } from "./seed";

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

const error = (status: number, code: string, message: string): EmulatorResponse => ({
  status,
  body: { status, code, message },
});

/** 400 with the fields that failed validation, Koyeb's ErrorWithFields. */
const invalid = (fields: Array<{ field: string; description: string }>): EmulatorResponse => ({
  status: 400,
  body: { status: 400, code: "invalid_argument", message: "Validation error", fields },
});

interface Window {
  limit: number;
  offset: number;
  order: "asc" | "desc";
}

/** Parses limit/offset/order; returns the problems instead when they are invalid. */
function windowOf(query: URLSearchParams): Window | Array<{ field: string; description: string }> {
  const problems: Array<{ field: string; description: string }> = [];
  const limit = query.has("limit") ? Number(query.get("limit")) : DEFAULT_LIMIT;
  const offset = query.has("offset") ? Number(query.get("offset")) : 0;
  const order = (query.get("order") ?? "desc").toLowerCase();
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    problems.push({ field: "limit", description: `must be an integer between 1 and ${MAX_LIMIT}` });
  if (!Number.isInteger(offset) || offset < 0)
    problems.push({ field: "offset", description: "must be a non-negative integer" });
  if (order !== "asc" && order !== "desc") problems.push({ field: "order", description: 'must be "asc" or "desc"' });
  return problems.length > 0 ? problems : { limit, offset, order: order as "asc" | "desc" };
}

function sortBy<T>(items: T[], key: (item: T) => string, order: "asc" | "desc"): T[] {
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return order === "desc" ? sorted.reverse() : sorted;
}

/** What the API returns for an instance: the stored one without emulator-only fields. */
function publicInstance(instance: EmulatedKoyebInstance): Omit<EmulatedKoyebInstance, "env"> {
  const { env: _env, ...rest } = instance;
  return rest;
}

/** The list item omits the details only GetInstance returns. */
function listItem(instance: EmulatedKoyebInstance) {
  const { env: _env, hypervisor: _h, started_at: _s, succeeded_at: _ok, terminated_at: _t, ...rest } = instance;
  return rest;
}

function register(router: Router, ctx: EmulatorContext): void {
  const state = ctx.store.slice<KoyebState>("koyeb", seedKoyeb);

  router.on("GET", "/v1/instances", (request) => {
    const q = request.query;
    const window = windowOf(q);
    if (Array.isArray(window)) return invalid(window);
    const statuses = q.getAll("statuses");
    const unknown = statuses.filter((s) => !(INSTANCE_STATUSES as readonly string[]).includes(s));
    if (unknown.length > 0)
      return invalid([
        {
          field: "statuses",
          description: `unknown status ${unknown.join(", ")}; allowed: ${INSTANCE_STATUSES.join(", ")}`,
        },
      ]);
    const times: Record<string, number | undefined> = {};
    for (const field of ["starting_time", "ending_time"]) {
      const text = q.get(field);
      if (text === null) continue;
      times[field] = Date.parse(text);
      if (Number.isNaN(times[field])) return invalid([{ field, description: "must be an RFC 3339 date-time" }]);
    }
    const same = (field: string, value: string | number) => !q.get(field) || q.get(field) === String(value);
    const matches = Object.values(state.instances).filter(
      (i) =>
        same("app_id", i.app_id) &&
        same("service_id", i.service_id) &&
        same("deployment_id", i.xyz_deployment_id) &&
        same("regional_deployment_id", i.regional_deployment_id) &&
        same("allocation_id", i.allocation_id) &&
        same("replica_index", i.replica_index) &&
        (statuses.length === 0 || statuses.includes(i.status)) &&
        // Instances that ran at some point of [starting_time, ending_time].
        (times.ending_time === undefined || Date.parse(i.started_at) <= times.ending_time) &&
        (times.starting_time === undefined ||
          i.terminated_at === undefined ||
          Date.parse(i.terminated_at) >= times.starting_time),
    );
    const sorted = sortBy(matches, (i) => `${i.created_at}/${i.id}`, window.order);
    return {
      status: 200,
      body: {
        instances: sorted.slice(window.offset, window.offset + window.limit).map(listItem),
        limit: window.limit,
        offset: window.offset,
        count: matches.length,
        order: window.order,
      },
    };
  });

  router.on("GET", "/v1/instances/{id}", (request) => {
    const instance = state.instances[request.params.id];
    return instance
      ? { status: 200, body: { instance: publicInstance(instance) } }
      : error(404, "not_found", "Instance not found");
  });

  router.on("GET", "/v1/instance_events", (request) => {
    const q = request.query;
    const window = windowOf(q);
    if (Array.isArray(window)) return invalid(window);
    const ids = q.getAll("instance_ids");
    const types = q.getAll("types");
    const matches = state.events.filter(
      (e) => (ids.length === 0 || ids.includes(e.instance_id)) && (types.length === 0 || types.includes(e.type)),
    );
    const sorted = sortBy(matches, (e) => `${e.when}/${e.id}`, window.order);
    return {
      status: 200,
      body: {
        events: sorted.slice(window.offset, window.offset + window.limit),
        limit: window.limit,
        offset: window.offset,
        order: window.order,
        has_next: window.offset + window.limit < matches.length,
      },
    };
  });

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
