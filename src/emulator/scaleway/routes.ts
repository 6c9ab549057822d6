/** Every route of the emulated Scaleway Instance API, in registration order. */
import type { RouteEntry } from "../router";
import { createImage, deleteImage, getImage, listImages, setImage, updateImage } from "./handlers/images";
import { getSnapshot, getVolume, listSnapshots, listVolumes } from "./handlers/volumes";
import type { ScalewayServices } from "./services";

const BASE = "/instance/v1/zones/{zone}";

export const SCALEWAY_ROUTES: Array<RouteEntry<ScalewayServices>> = [
  { method: "GET", path: `${BASE}/images`, handler: listImages },
  { method: "POST", path: `${BASE}/images`, handler: createImage },
  { method: "GET", path: `${BASE}/images/{image_id}`, handler: getImage },
  { method: "PATCH", path: `${BASE}/images/{image_id}`, handler: updateImage },
  { method: "PUT", path: `${BASE}/images/{image_id}`, handler: setImage },
  { method: "DELETE", path: `${BASE}/images/{image_id}`, handler: deleteImage },
  { method: "GET", path: `${BASE}/snapshots`, handler: listSnapshots },
  { method: "GET", path: `${BASE}/snapshots/{snapshot_id}`, handler: getSnapshot },
  { method: "GET", path: `${BASE}/volumes`, handler: listVolumes },
  { method: "GET", path: `${BASE}/volumes/{volume_id}`, handler: getVolume },
];
