/** Instance routes of the emulated Koyeb API: the list (filters, window, time range) and one instance. */
import type { EmulatorRequest, EmulatorResponse } from "../../router";
import { error, invalid } from "../errors";
import type { KoyebServices } from "../services";
import { KOYEB_INSTANCE_STATUSES } from "../../../koyeb/schema";
import { listItem, publicInstance } from "../state";
import { sortBy, windowOf } from "../validation";

/** GET /v1/instances */
export function listInstances(request: EmulatorRequest, { state }: KoyebServices): EmulatorResponse {
  const q = request.query;
  const window = windowOf(q);
  if (Array.isArray(window)) return invalid(window);
  const statuses = q.getAll("statuses");
  const unknown = statuses.filter((s) => !(KOYEB_INSTANCE_STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0)
    return invalid([
      {
        field: "statuses",
        description: `unknown status ${unknown.join(", ")}; allowed: ${KOYEB_INSTANCE_STATUSES.join(", ")}`,
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
}

/** GET /v1/instances/{id} */
export function getInstance(request: EmulatorRequest, { state }: KoyebServices): EmulatorResponse {
  const instance = state.instances[request.params.id];
  return instance
    ? { status: 200, body: { instance: publicInstance(instance) } }
    : error(404, "not_found", "Instance not found");
}
