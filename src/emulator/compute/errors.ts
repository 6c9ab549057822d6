/** The error bodies of the emulated Instances API and of its Incus-style operations API. */
import type { EmulatorResponse } from "../router";

/** The Instances API's `{"error": {code, message, field?}}`. */
export const error = (status: number, message: string, field?: string): EmulatorResponse => ({
  status,
  body: { error: { code: status, message, ...(field ? { field } : {}) } },
});

/** The operations API's Incus-style error body. */
export const operationError = (status: number, message: string): EmulatorResponse => ({
  status,
  body: {
    type: "error",
    status: "",
    status_code: 0,
    operation: "",
    error_code: status,
    error: message,
    metadata: null,
  },
});
