/**
 * What the emulated Scaleway Instance API holds (one store slice, persisted with the emulator's
 * state file) in the API's own shapes: images, snapshots and volumes.
 */

export type VolumeType = "l_ssd" | "b_ssd" | "unified";

export interface EmulatedSnapshot {
  id: string;
  name: string;
  organization: string;
  project: string;
  tags: string[];
  volume_type: VolumeType;
  size: number;
  state: "available" | "snapshotting" | "error";
  base_volume: { id: string; name: string };
  creation_date: string;
  modification_date: string;
  zone: string;
  error_reason: string | null;
}

/** The Instance API's Volume: a block volume, and the shape of an image's extra volumes. */
export interface EmulatedVolume {
  id: string;
  name: string;
  export_uri: null;
  size: number;
  volume_type: VolumeType;
  creation_date: string;
  modification_date: string;
  organization: string;
  project: string;
  tags: string[];
  server: { id: string; name: string } | null;
  state: "available";
  zone: string;
}

export interface EmulatedImage {
  id: string;
  name: string;
  arch: "x86_64" | "arm" | "arm64";
  creation_date: string;
  modification_date: string;
  /** Bootscripts are gone from the Instance API; images still carry the key, always null. */
  default_bootscript: null;
  extra_volumes: Record<string, EmulatedVolume>;
  from_server: string;
  organization: string;
  public: boolean;
  root_volume: { id: string; name: string; size: number; volume_type: VolumeType };
  state: "creating" | "available" | "error";
  project: string;
  tags: string[];
  zone: string;
}

/** An image's extra volume made from a snapshot, as the API shows it in `extra_volumes`. */
export function imageVolumeFrom(snapshot: EmulatedSnapshot, zone: string): EmulatedVolume {
  return {
    id: snapshot.id,
    name: snapshot.name,
    export_uri: null,
    size: snapshot.size,
    volume_type: snapshot.volume_type,
    creation_date: snapshot.creation_date,
    modification_date: snapshot.modification_date,
    organization: snapshot.organization,
    project: snapshot.project,
    tags: [],
    server: null,
    state: "available",
    zone,
  };
}

export interface ScalewayState {
  images: Record<string, EmulatedImage>;
  snapshots: Record<string, EmulatedSnapshot>;
  volumes: Record<string, EmulatedVolume>;
}

/** Microsecond RFC 3339 with an explicit offset, the way the Instance API writes dates. */
export function now(): string {
  return new Date().toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}
