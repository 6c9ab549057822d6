/** The instance events route of the emulated Koyeb API. */
import type { EmulatorRequest, EmulatorResponse } from "../../router";
import { invalid } from "../errors";
import type { KoyebServices } from "../services";
import { sortBy, windowOf } from "../validation";

/** GET /v1/instance_events */
export function listInstanceEvents(request: EmulatorRequest, { state }: KoyebServices): EmulatorResponse {
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
}
