/**
 * The reads a client of the emulated Scaleway images makes next: ListSnapshots and GetSnapshot (the
 * root and extra volumes), ListVolumes and GetVolume (a snapshot's base volume).
 */
import { notFound } from "../errors";
import { inZone, listInZone, snapshotIn } from "./zone-lookup";

/** GET /instance/v1/zones/{zone}/snapshots */
export const listSnapshots = inZone((zone, request, { state }) =>
  listInZone(
    request,
    zone,
    "snapshots",
    state.snapshots,
    (snapshot, q) => !q.get("base_volume_id") || snapshot.base_volume.id === q.get("base_volume_id"),
  ),
);

/** GET /instance/v1/zones/{zone}/snapshots/{snapshot_id} */
export const getSnapshot = inZone((zone, request, { state }) => {
  const snapshot = snapshotIn(state, zone, request.params.snapshot_id);
  return snapshot ? { status: 200, body: { snapshot } } : notFound("instance_snapshot", request.params.snapshot_id);
});

/** GET /instance/v1/zones/{zone}/volumes */
export const listVolumes = inZone((zone, request, { state }) =>
  listInZone(
    request,
    zone,
    "volumes",
    state.volumes,
    (volume, q) => !q.get("volume_type") || volume.volume_type === q.get("volume_type"),
  ),
);

/** GET /instance/v1/zones/{zone}/volumes/{volume_id} */
export const getVolume = inZone((zone, request, { state }) => {
  const volume = state.volumes[request.params.volume_id];
  return volume && volume.zone === zone
    ? { status: 200, body: { volume } }
    : notFound("instance_volume", request.params.volume_id);
});
