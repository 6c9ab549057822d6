/** The Incus (and LXD) daemon's failures: the error envelope, the request id in either header. */
import type { VendorErrorHook } from "../core/http";
import { parseIncusError } from "../core/incus-operations";

export const incusErrors: VendorErrorHook = {
  // The envelope's error_code repeats the HTTP status; the message is what matters.
  parseError: (body) => ({ message: parseIncusError(body).message }),
  requestIdHeaders: ["x-request-id", "x-incus-request-id"],
};
