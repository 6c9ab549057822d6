/** Every route of the emulated Instances API and its operations API, in registration order. */
import type { RouteEntry } from "../router";
import { createInstance, deleteInstance, getInstance, listInstances } from "./handlers/instances";
import { cancelOperation, getOperation, listOperations, waitOperation } from "./handlers/operations";
import { BASE, type ComputeServices } from "./services";

const OPERATIONS = `${BASE}/1.0/operations`;

export const COMPUTE_ROUTES: Array<RouteEntry<ComputeServices>> = [
  { method: "GET", path: OPERATIONS, handler: listOperations },
  { method: "GET", path: `${OPERATIONS}/{id}`, handler: getOperation },
  { method: "DELETE", path: `${OPERATIONS}/{id}`, handler: cancelOperation },
  { method: "GET", path: `${OPERATIONS}/{id}/wait`, handler: waitOperation },
  { method: "POST", path: `${BASE}/v1/instances`, handler: createInstance },
  { method: "GET", path: `${BASE}/v1/instances`, handler: listInstances },
  { method: "GET", path: `${BASE}/v1/instances/{id}`, handler: getInstance },
  { method: "DELETE", path: `${BASE}/v1/instances/{id}`, handler: deleteInstance },
];
