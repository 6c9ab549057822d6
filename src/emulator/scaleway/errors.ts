/**
 * The Scaleway Instance API's error bodies, restated from its documentation and from the shapes the
 * official SDK decodes (`type` selects the error class; the other fields are the class's details).
 */
import type { EmulatorResponse } from "../router";

const error = (status: number, body: Record<string, unknown>): EmulatorResponse => ({ status, body });

/** 404 `not_found`: `resource` is e.g. "instance_image" or "instance_snapshot". */
export function notFound(resource: string, resourceId: string): EmulatorResponse {
  return error(404, { type: "not_found", message: "resource is not found", resource, resource_id: resourceId });
}

/** 404 for a zone the API does not serve, naming the zones it does. */
export function unknownZone(zone: string, zones: readonly string[]): EmulatorResponse {
  return error(404, {
    type: "not_found",
    message: `unknown zone ${zone}; zones are ${zones.join(", ")}`,
    resource: "zone",
    resource_id: zone,
  });
}

/**
 * 400 from the Instance API's request validation: the legacy `invalid_request_error` body whose
 * `fields` map names every invalid field (the SDK turns it into an InvalidArgumentsError).
 */
export function invalidFields(fields: Record<string, string[]>): EmulatorResponse {
  return error(400, { type: "invalid_request_error", message: "Validation Error", fields });
}

/** 400 `invalid_arguments`, the newer standard body: one detail per argument. */
export function invalidArguments(
  argument: string,
  reason: "required" | "format" | "constraint" | "unknown",
  help: string,
): EmulatorResponse {
  return error(400, {
    type: "invalid_arguments",
    message: "invalid argument(s)",
    details: [{ argument_name: argument, reason, help_message: help }],
  });
}

/** 403 `quotas_exceeded`: the project reached its quota for `resource`. */
export function quotasExceeded(resource: string, quota: number, current: number): EmulatorResponse {
  return error(403, {
    type: "quotas_exceeded",
    message: "quota(s) exceeded for this resource",
    details: [{ resource, quota, current }],
  });
}

/** 409 `transient_state`: the resource is busy (e.g. an image still "creating"). */
export function transientState(resource: string, resourceId: string, currentState: string): EmulatorResponse {
  return error(409, {
    type: "transient_state",
    message: "resource is in a transient state",
    resource,
    resource_id: resourceId,
    current_state: currentState,
  });
}

/** 412 `precondition_failed`. */
export function preconditionFailed(precondition: string, help: string): EmulatorResponse {
  return error(412, {
    type: "precondition_failed",
    message: "precondition is not respected",
    precondition,
    help_message: help,
  });
}

/** 401 `denied_authentication`: no token, or one the emulator does not know. */
export function deniedAuthentication(
  reason: "not_found" | "invalid_argument",
  method: "api_key" | "unknown_method",
): EmulatorResponse {
  return error(401, { type: "denied_authentication", message: "authentication is denied", method, reason });
}

/** Any other status (faults, 404 routes, 405), in the Instance API's generic shape. */
export function genericError(status: number, message: string): Record<string, unknown> {
  return {
    type:
      status === 404
        ? "not_found"
        : status === 429
          ? "too_many_requests"
          : status >= 500
            ? "internal_error"
            : "unknown_error",
    message,
  };
}
