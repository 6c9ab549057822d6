/** Snapshot and operation routes of the emulated Exoscale API v2. */
import type { EmulatorRequest, EmulatorResponse } from "../../router";
import { badId, exoError } from "../errors";
import { type ExoscaleServices, ok } from "../services";
import { snapshotView } from "../state";

/** GET /v2/operation/{id} */
export function getOperation(request: EmulatorRequest, { operations }: ExoscaleServices): EmulatorResponse {
  const invalid = badId(request.params.id);
  if (invalid) return invalid;
  const operation = operations.get(request.params.id);
  return operation ? ok(operation) : exoError(404, `Operation ${request.params.id} not found`);
}

/** GET /v2/snapshot */
export function listSnapshots(_request: EmulatorRequest, { state }: ExoscaleServices): EmulatorResponse {
  return ok({ snapshots: Object.values(state.snapshots).map(snapshotView) });
}

/** GET /v2/snapshot/{id} */
export function getSnapshot(request: EmulatorRequest, { state }: ExoscaleServices): EmulatorResponse {
  const invalid = badId(request.params.id);
  if (invalid) return invalid;
  const snapshot = state.snapshots[request.params.id];
  return snapshot ? ok(snapshotView(snapshot)) : exoError(404, `Snapshot ${request.params.id} not found`);
}

/** DELETE /v2/snapshot/{id} */
export function deleteSnapshot(request: EmulatorRequest, { state, operations }: ExoscaleServices): EmulatorResponse {
  const invalid = badId(request.params.id);
  if (invalid) return invalid;
  const snapshot = state.snapshots[request.params.id];
  if (!snapshot || snapshot.state === "deleting") return exoError(404, `Snapshot ${request.params.id} not found`);
  if (snapshot.state === "snapshotting")
    return exoError(400, `delete-snapshot: snapshot ${snapshot.id} is still being taken`);
  snapshot.state = "deleting";
  return ok(
    operations.start("delete-snapshot", { id: snapshot.id, kind: "snapshot" }, () => {
      delete state.snapshots[snapshot.id];
      const instance = state.instances[snapshot.instanceId];
      if (instance) instance.snapshotIds = instance.snapshotIds.filter((id) => id !== snapshot.id);
    }),
  );
}
