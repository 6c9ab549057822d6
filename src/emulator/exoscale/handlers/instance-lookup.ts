/** What the instance routes share: finding the addressed instance, state preconditions, running a command. */
import type { EmulatorRequest, EmulatorResponse } from "../../router";
import { badId, exoError } from "../errors";
import { FAIL_LABEL, OperationFailure } from "../operations";
import { type Body, type ExoscaleServices, ok } from "../services";
import type { EmulatedInstance } from "../state";

/** The instance addressed by `{name}`, or the API's 400/404. */
export function findInstance(
  request: EmulatorRequest,
  { state }: ExoscaleServices,
  name = "id",
): EmulatedInstance | EmulatorResponse {
  const id = request.params[name];
  const invalid = badId(id, name);
  if (invalid) return invalid;
  const instance = state.instances[id];
  return instance && instance.state !== "destroying" ? instance : exoError(404, `Instance ${id} not found`);
}

export const isResponse = (value: EmulatedInstance | EmulatorResponse): value is EmulatorResponse => "status" in value;

/** Route handler of an `{id}` route: finds the instance, then hands it and the body to `handler`. */
export function onInstance(
  handler: (
    instance: EmulatedInstance,
    body: Body,
    services: ExoscaleServices,
    request: EmulatorRequest,
  ) => EmulatorResponse,
) {
  return (request: EmulatorRequest, services: ExoscaleServices): EmulatorResponse => {
    const instance = findInstance(request, services);
    return isResponse(instance) ? instance : handler(instance, (request.body ?? {}) as Body, services, request);
  };
}

export function requireState(
  instance: EmulatedInstance,
  allowed: string[],
  action: string,
): EmulatorResponse | undefined {
  return allowed.includes(instance.state)
    ? undefined
    : exoError(400, `${action}: instance ${instance.id} must be ${allowed.join(" or ")}, got ${instance.state}`);
}

/** Runs `command` on an instance; the `emulator-fail` label makes it fail. */
export function act(
  { operations }: ExoscaleServices,
  instance: EmulatedInstance,
  command: string,
  effect: () => void,
): EmulatorResponse {
  const failure =
    instance.labels[FAIL_LABEL] === command
      ? new OperationFailure("fault", `injected failure for instance ${instance.id}`)
      : undefined;
  return ok(operations.start(command, { id: instance.id, kind: "instance" }, effect, failure));
}
