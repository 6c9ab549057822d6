/**
 * Reading the Scaleway Instance API's error bodies. `type` names the error family; each family adds
 * its own details (fields, quotas, resource and state), which we fold into one readable message so
 * that `pulumi up` says what to fix, e.g. "[quotas_exceeded] - quota(s) exceeded for this resource:
 * images 100/100".
 */
import type { VendorError, VendorErrorHook } from "../core/http";

interface ScalewayErrorBody {
  type?: string;
  message?: string;
  resource?: string;
  resource_id?: string;
  current_state?: string;
  precondition?: string;
  help_message?: string;
  method?: string;
  reason?: string;
  fields?: Record<string, string[]>;
  details?: Array<{
    argument_name?: string;
    reason?: string;
    help_message?: string;
    resource?: string;
    quota?: number;
    current?: number;
    action?: string;
  }>;
}

/** What went wrong, in words, from the parts of the body that the `type` defines. */
function specifics(body: ScalewayErrorBody): string | undefined {
  switch (body.type) {
    case "invalid_request_error":
    case "invalid_arguments": {
      const fields = Object.entries(body.fields ?? {}).map(([field, problems]) => `${field}: ${problems.join(", ")}`);
      const details = (body.details ?? []).map((d) => `${d.argument_name}: ${d.help_message || d.reason}`);
      return [...fields, ...details].join("; ") || undefined;
    }
    case "quotas_exceeded":
      return (body.details ?? []).map((d) => `${d.resource} ${d.current}/${d.quota}`).join("; ") || undefined;
    case "not_found":
    case "locked":
      return body.resource ? `${body.resource} ${body.resource_id ?? ""}`.trim() : undefined;
    case "transient_state":
      return `${body.resource} ${body.resource_id} is ${body.current_state}`;
    case "precondition_failed":
      return [body.precondition, body.help_message].filter(Boolean).join(": ") || undefined;
    case "denied_authentication":
      return `${body.method ?? "unknown method"}, ${body.reason ?? "denied"}; check scaleway:secretKey or SCW_SECRET_KEY`;
    case "permissions_denied":
      return (body.details ?? []).map((d) => `${d.action} ${d.resource}`).join("; ") || undefined;
    default:
      return undefined;
  }
}

/** Extracts message, type and structured details from a Scaleway error body. */
export function parseScalewayError(raw: unknown): VendorError {
  if (!raw || typeof raw !== "object") return {};
  const body = raw as ScalewayErrorBody;
  const extra = specifics(body);
  return {
    message: [body.message, extra].filter(Boolean).join(": ") || undefined,
    code: body.type,
    details:
      body.fields ??
      body.details ??
      (body.resource
        ? { resource: body.resource, resourceId: body.resource_id, currentState: body.current_state }
        : undefined),
  };
}

export const scalewayErrors: VendorErrorHook = { parseError: parseScalewayError, requestIdHeaders: ["x-request-id"] };

/** True for a 409 `transient_state`: the object is busy and the same call will work later. */
export function isTransientState(error: unknown): boolean {
  return (error as { vendorCode?: string } | undefined)?.vendorCode === "transient_state";
}
