/**
 * The Instances API's failures: its own `{ "error": { message, code, field } }` body, or the Incus
 * envelope its operations API answers with.
 */
import type { VendorError, VendorErrorHook } from "../core/http";
import { parseIncusError } from "../core/incus-operations";

function parseComputeError(body: unknown): VendorError {
  const error = (body as { error?: { message?: string; code?: number | string; field?: string } })?.error;
  if (error && typeof error === "object")
    return { message: error.message, code: error.field ? `field ${error.field}` : undefined, details: error };
  return parseIncusError(body);
}

export const computeErrors: VendorErrorHook = { parseError: parseComputeError, requestIdHeaders: ["x-request-id"] };
