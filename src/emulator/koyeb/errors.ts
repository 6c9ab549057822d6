/** Koyeb's `Error` and `ErrorWithFields` bodies. */
import type { EmulatorResponse } from "../router";

export const error = (status: number, code: string, message: string): EmulatorResponse => ({
  status,
  body: { status, code, message },
});

/** 400 with the fields that failed validation, Koyeb's ErrorWithFields. */
export const invalid = (fields: Array<{ field: string; description: string }>): EmulatorResponse => ({
  status: 400,
  body: { status: 400, code: "invalid_argument", message: "Validation error", fields },
});
