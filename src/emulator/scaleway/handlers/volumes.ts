/**
 * The reads a client of the emulated Scaleway images makes next: ListSnapshots and GetSnapshot (the
 * root and extra volumes), ListVolumes and GetVolume (a snapshot's base volume).
 */
import { notFound } from "../errors";
import { hasTags, inZone, listPage, nameMatches, snapshotIn } from "./zone-lookup";

/** GET /instance/v1/zones/{zone}/snapshots */
export const listSnapshots = inZone((zone, request, { state }) => {
  const q = request.query;
  const matches = Object.values(state.snapshots).filter(
    (snapshot) =>
      snapshot.zone === zone &&
      nameMatches(snapshot.name, q.get("name")) &&
      (!q.get("project") || snapshot.project === q.get("project")) &&
      (!q.get("organization") || snapshot.organization === q.get("organization")) &&
      (!q.get("base_volume_id") || snapshot.base_volume.id === q.get("base_volume_id")) &&
      hasTags(snapshot.tags, q.get("tags")),
  );
  return listPage(request, "snapshots", matches);
});

/** GET /instance/v1/zones/{zone}/snapshots/{snapshot_id} */
export const getSnapshot = inZone((zone, request, { state }) => {
  const snapshot = snapshotIn(state, zone, request.params.snapshot_id);
  return snapshot ? { status: 200, body: { snapshot } } : notFound("instance_snapshot", request.params.snapshot_id);
});

/** GET /instance/v1/zones/{zone}/volumes */
export const listVolumes = inZone((zone, request, { state }) => {
  const q = request.query;
  const matches = Object.values(state.volumes).filter(
    (volume) =>
      volume.zone === zone &&
      nameMatches(volume.name, q.get("name")) &&
      (!q.get("volume_type") || volume.volume_type === q.get("volume_type")) &&
      (!q.get("project") || volume.project === q.get("project")) &&
      (!q.get("organization") || volume.organization === q.get("organization")) &&
      hasTags(volume.tags, q.get("tags")),
  );
  return listPage(request, "volumes", matches);
});

/** GET /instance/v1/zones/{zone}/volumes/{volume_id} */
export const getVolume = inZone((zone, request, { state }) => {
  const volume = state.volumes[request.params.volume_id];
  return volume && volume.zone === zone
    ? { status: 200, body: { volume } }
    : notFound("instance_volume", request.params.volume_id);
});
