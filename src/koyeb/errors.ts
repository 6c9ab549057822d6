/** Koyeb's failures: its Error / ErrorWithFields bodies, the request id in `x-request-id`. */
import type { VendorError, VendorErrorHook } from "../core/http";

/** Koyeb's Error / ErrorWithFields bodies: message, code, and the invalid fields. */
export function parseKoyebError(raw: unknown): VendorError {
  if (!raw || typeof raw !== "object") return {};
  const body = raw as { code?: string; message?: string; fields?: Array<{ field?: string; description?: string }> };
  const fields = (body.fields ?? []).map((f) => `${f.field}: ${f.description}`);
  return {
    message: [body.message, fields.join("; ")].filter(Boolean).join(": ") || undefined,
    code: body.code || undefined,
    details: body.fields,
  };
}

export const koyebErrors: VendorErrorHook = { parseError: parseKoyebError, requestIdHeaders: ["x-request-id"] };
