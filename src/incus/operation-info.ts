/** The daemon's operation object in camelCase, as the operations functions return it. */
import type { IncusOperation } from "../core/incus-operations";
import type { GetIncusOperationResult } from "./types";

/** Converts the daemon's operation object to {@link GetIncusOperationResult}. */
export function operationInfo(operation: IncusOperation): GetIncusOperationResult {
  return {
    id: operation.id,
    class: operation.class,
    description: operation.description,
    createdAt: operation.created_at,
    updatedAt: operation.updated_at,
    status: operation.status,
    statusCode: operation.status_code,
    resources: operation.resources ?? {},
    metadata: operation.metadata ?? {},
    mayCancel: operation.may_cancel,
    err: operation.err,
    location: operation.location,
  };
}
