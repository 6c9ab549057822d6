/** The Exoscale API's failures: a `{ "message": … }` body, the request id in either header. */
import type { VendorError, VendorErrorHook } from "../core/http";

function parseExoscaleError(body: unknown): VendorError {
  const message = (body as { message?: unknown })?.message;
  return typeof message === "string" ? { message } : {};
}

export const exoscaleErrors: VendorErrorHook = {
  parseError: parseExoscaleError,
  requestIdHeaders: ["x-request-id", "x-exoscale-request-id"],
};
