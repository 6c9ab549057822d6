/**
 * Seed data for the emulated Scaleway Instance API: the zones, snapshots every program can use as a
 * root volume (and the volumes they were taken from), and a catalogue of public images (enough of
 * them to need several pages).
 * IDs are derived from the zone and name, so they are the same on every start and can be written
 * into examples and docs.
 */
import { createHash } from "node:crypto";
import { KNOWN_ZONES } from "../../scaleway/schema";
import type { EmulatedImage, EmulatedVolume, ScalewayState, VolumeType } from "./state";

/** Scaleway's own organization, owner of the public images. */
const SCALEWAY_PUBLIC_ORGANIZATION = "51b656e3-4865-41e8-adbc-0c45bdd780db";

/** A stable UUID (v4 layout) for a seeded object. */
function seedUuid(...parts: string[]): string {
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
  for (const zone of KNOWN_ZONES) {
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
