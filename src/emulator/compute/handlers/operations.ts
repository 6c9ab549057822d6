/** The Incus-style operations API beside the Instances API: list, get, cancel and long-poll `/wait`. */
import type { EmulatorRequest, EmulatorResponse } from "../../router";
import { operationError } from "../errors";
import { type EmulatedOperation, publicView } from "../operations";
import type { ComputeServices } from "../services";

/** Incus's synchronous response around `metadata`. */
const sync = (metadata: unknown): EmulatorResponse => ({
  status: 200,
  body: { type: "sync", status: "Success", status_code: 200, operation: "", error_code: 0, error: "", metadata },
});

/** The operation `{id}` names; the `?public` variants need the operation's secret. */
function visible(request: EmulatorRequest, { operations }: ComputeServices): EmulatedOperation | undefined {
  const operation = operations.get(request.params.id);
  if (!operation) return undefined;
  if (request.query.has("public")) return request.query.get("secret") === operation.secret ? operation : undefined;
  return operation;
}

/** GET /1.0/operations */
export function listOperations(request: EmulatorRequest, { operations }: ComputeServices): EmulatorResponse {
  const allProjects = request.query.get("all-projects") === "true";
  const project = request.query.get("project") || "default";
  const recursion = request.query.get("recursion") === "1";
  const grouped: Record<string, unknown[]> = {};
  for (const operation of operations.all()) {
    if (!allProjects && operation.project !== project) continue;
    const key = operation.status.toLowerCase();
    (grouped[key] ??= []).push(recursion ? publicView(operation) : operations.url(operation));
  }
  return sync(grouped);
}

/** GET /1.0/operations/{id} */
export function getOperation(request: EmulatorRequest, services: ComputeServices): EmulatorResponse {
  const operation = visible(request, services);
  return operation ? sync(publicView(operation)) : operationError(404, "Operation not found");
}

/** DELETE /1.0/operations/{id} */
export function cancelOperation(request: EmulatorRequest, services: ComputeServices): EmulatorResponse {
  const operation = visible(request, services);
  if (!operation) return operationError(404, "Operation not found");
  if (operation.status_code !== 103) return operationError(400, "Only running operations can be cancelled");
  if (!operation.may_cancel) return operationError(403, "This operation can't be cancelled");
  services.operations.cancel(operation.id);
  return sync({});
}

/** GET /1.0/operations/{id}/wait?timeout= */
export async function waitOperation(request: EmulatorRequest, services: ComputeServices): Promise<EmulatorResponse> {
  const operation = visible(request, services);
  if (!operation) return operationError(404, "Operation not found");
  await services.operations.waitFor(operation, Number(request.query.get("timeout") ?? "-1"));
  return sync(publicView(services.operations.get(operation.id) as EmulatedOperation));
}
