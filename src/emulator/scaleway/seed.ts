/**
 * Seed data for the emulated Scaleway Instance API: the zones, snapshots every program can use as a
 * root volume (and the volumes they were taken from), and a catalogue of public images (enough of
 * them to need several pages).
 * IDs are derived from the zone and name, so they are the same on every start and can be written
 * into examples and docs.
 */
import { createHash } from "node:crypto";

/** Every zone of the Instance API the emulator serves. */
export const SCALEWAY_ZONES = [
  "fr-par-1",
  "fr-par-2",
  "fr-par-3",
  "nl-ams-1",
  "nl-ams-2",
  "nl-ams-3",
  "pl-waw-1",
  "pl-waw-2",
  "pl-waw-3",
] as const;

/** Scaleway's own organization, owner of the public images. */
export const SCALEWAY_PUBLIC_ORGANIZATION = "51b656e3-4865-41e8-adbc-0c45bdd780db";

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

/** A stable UUID (v4 layout) for a seeded object. */
export function seedUuid(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("/")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[parseInt(hex[16], 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const GB = 1_000_000_000;
const SEED_DATE = "2026-01-15T09:30:00.000000+00:00";

/** Snapshots seeded in every zone, owned by the emulator's project. */
export const SEEDED_SNAPSHOTS: Array<{ name: string; size: number; volume_type: VolumeType }> = [
  { name: "ubuntu-noble-root", size: 10 * GB, volume_type: "l_ssd" },
  { name: "debian-bookworm-root", size: 10 * GB, volume_type: "l_ssd" },
  { name: "data-50g", size: 50 * GB, volume_type: "b_ssd" },
  { name: "logs-20g", size: 20 * GB, volume_type: "b_ssd" },
];

/** Public images seeded in every zone ({name, arch}). */
const PUBLIC_IMAGES: Array<[string, EmulatedImage["arch"]]> = [
  ["Ubuntu 24.04 Noble Numbat", "x86_64"],
  ["Ubuntu 24.04 Noble Numbat", "arm64"],
  ["Ubuntu 22.04 Jammy Jellyfish", "x86_64"],
  ["Ubuntu 22.04 Jammy Jellyfish", "arm64"],
  ["Debian Bookworm", "x86_64"],
  ["Debian Bookworm", "arm64"],
  ["Debian Bullseye", "x86_64"],
  ["Rocky Linux 9", "x86_64"],
  ["AlmaLinux 9", "x86_64"],
  ["Fedora 40", "x86_64"],
  ["CentOS Stream 9", "x86_64"],
  ["Arch Linux", "x86_64"],
  ["Docker", "x86_64"],
  ["GitLab", "x86_64"],
];

/** The snapshot id a seeded snapshot has in `zone` (for examples and tests). */
export function seededSnapshotId(zone: string, name: string): string {
  return seedUuid("scaleway", "snapshot", zone, name);
}

/** Builds the initial state for a project. */
export function seedScaleway(projectId: string): ScalewayState {
  const state: ScalewayState = { images: {}, snapshots: {}, volumes: {} };
  for (const zone of SCALEWAY_ZONES) {
    for (const snapshot of SEEDED_SNAPSHOTS) {
      const id = seededSnapshotId(zone, snapshot.name);
      // The volume each snapshot was taken from, still there and attached to no server.
      const volume: EmulatedVolume = {
        id: seedUuid("scaleway", "volume", zone, snapshot.name),
        name: `${snapshot.name}-volume`,
        export_uri: null,
        size: snapshot.size,
        volume_type: snapshot.volume_type,
        creation_date: SEED_DATE,
        modification_date: SEED_DATE,
        organization: projectId,
        project: projectId,
        tags: [],
        server: null,
        state: "available",
        zone,
      };
      state.volumes[volume.id] = volume;
      state.snapshots[id] = {
        id,
        name: snapshot.name,
        organization: projectId,
        project: projectId,
        tags: [],
        volume_type: snapshot.volume_type,
        size: snapshot.size,
        state: "available",
        base_volume: { id: volume.id, name: volume.name },
        creation_date: SEED_DATE,
        modification_date: SEED_DATE,
        zone,
        error_reason: null,
      };
    }
    for (const [name, arch] of PUBLIC_IMAGES) {
      const id = seedUuid("scaleway", "image", zone, name, arch);
      const rootId = seedUuid("scaleway", "public-snapshot", zone, name, arch);
      state.images[id] = {
        id,
        name,
        arch,
        creation_date: SEED_DATE,
        modification_date: SEED_DATE,
        default_bootscript: null,
        extra_volumes: {},
        from_server: "",
        organization: SCALEWAY_PUBLIC_ORGANIZATION,
        public: true,
        root_volume: {
          id: rootId,
          name: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-root`,
          size: 10 * GB,
          volume_type: "l_ssd",
        },
        state: "available",
        project: SCALEWAY_PUBLIC_ORGANIZATION,
        tags: ["distribution"],
        zone,
      };
    }
  }
  return state;
}
