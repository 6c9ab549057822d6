/** Scaleway images made "outside Pulumi" from a seed: available, built from a snapshot of their zone. */
import { randomUUID } from "node:crypto";
import type { SeedScalewayImage, SeededObjects } from "../options";
import {
  isString,
  isStringList,
  knownFields,
  SeedError,
  seedField,
  seedList,
  seedOptional as optional,
} from "../seed-error";
import { KNOWN_ZONES } from "../../scaleway/schema";
import { SEEDED_SNAPSHOTS, seededSnapshotId } from "./seed";
import { type EmulatedImage, type EmulatedVolume, imageVolumeFrom, now, type ScalewayState } from "./state";
import { ARCHES, isUuid } from "./validation";

const FIELDS = ["id", "zone", "name", "rootVolume", "arch", "extraVolumes", "tags", "public", "project"];

/**
 * Makes the seed's images in `state`; returns their ids as ScalewayImage reports them (`zone/uuid`).
 * Every entry is checked before any is made, so a bad seed changes nothing.
 */
export function seedScalewayImages(
  section: unknown,
  state: ScalewayState,
  projectId: string,
): NonNullable<SeededObjects["scaleway"]> {
  const images: EmulatedImage[] = [];
  const made = seedList(section, "scaleway", "images").map((raw, index) => {
    const at = `scaleway.images[${index}]`;
    knownFields(raw, at, FIELDS);
    const seed = raw as unknown as SeedScalewayImage;
    const zone = optional<string>(
      seed.zone,
      `${at}.zone`,
      (v) => KNOWN_ZONES.includes(v as string),
      `one of ${KNOWN_ZONES.join(", ")}`,
      "fr-par-1",
    );
    const id = optional<string>(seed.id, `${at}.id`, isUuid, "a UUID", randomUUID()).toLowerCase();
    const existing = state.images[id];
    if (existing) return { id: `${existing.zone}/${id}`, name: existing.name };
    const snapshotIn = (snapshotId: unknown, field: string) => {
      const snapshot = typeof snapshotId === "string" ? state.snapshots[snapshotId] : undefined;
      if (!snapshot || snapshot.zone !== zone)
        throw new SeedError(
          `${field}: ${JSON.stringify(snapshotId)} is not a snapshot in ${zone}; the emulator's are ${SEEDED_SNAPSHOTS.map((s) => seededSnapshotId(zone, s.name)).join(", ")}`,
        );
      return snapshot;
    };
    const root = snapshotIn(seed.rootVolume ?? seededSnapshotId(zone, SEEDED_SNAPSHOTS[0].name), `${at}.rootVolume`);
    const volumes = optional<string[]>(
      seed.extraVolumes,
      `${at}.extraVolumes`,
      isStringList,
      "a list of snapshot UUIDs",
      [],
    );
    const extraVolumes: Record<string, EmulatedVolume> = {};
    volumes.forEach((volumeId, i) => {
      const snapshot = snapshotIn(volumeId, `${at}.extraVolumes[${i}]`);
      extraVolumes[String(i + 1)] = imageVolumeFrom(snapshot, zone);
    });
    const created = now();
    const project = optional<string>(seed.project, `${at}.project`, isUuid, "a project UUID", projectId);
    images.push({
      id,
      name: seedField<string>(seed.name, `${at}.name`, isString, "a non-empty string"),
      arch: optional<EmulatedImage["arch"]>(
        seed.arch,
        `${at}.arch`,
        (v) => ARCHES.includes(v as string),
        ARCHES.join(", "),
        "x86_64",
      ),
      creation_date: created,
      modification_date: created,
      default_bootscript: null,
      extra_volumes: extraVolumes,
      from_server: "",
      organization: projectId,
      public: optional<boolean>(seed.public, `${at}.public`, (v) => typeof v === "boolean", "a boolean", false),
      root_volume: { id: root.id, name: root.name, size: root.size, volume_type: root.volume_type },
      state: "available",
      project,
      tags: optional<string[]>(seed.tags, `${at}.tags`, isStringList, "a list of strings", []),
      zone,
    });
    return { id: `${zone}/${id}`, name: seed.name };
  });
  for (const image of images) state.images[image.id] = image;
  return { images: made };
}
