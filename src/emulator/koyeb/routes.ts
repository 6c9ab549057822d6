/** Every HTTP route of the emulated Koyeb API, in registration order (the exec websocket is in index.ts). */
import type { RouteEntry } from "../router";
import { listInstanceEvents } from "./handlers/events";
import { getInstance, listInstances } from "./handlers/instances";
import type { KoyebServices } from "./services";

export const KOYEB_ROUTES: Array<RouteEntry<KoyebServices>> = [
  { method: "GET", path: "/v1/instances", handler: listInstances },
  { method: "GET", path: "/v1/instances/{id}", handler: getInstance },
  { method: "GET", path: "/v1/instance_events", handler: listInstanceEvents },
];
