/**
 * Exoscale instances (and their snapshots) made "outside Pulumi" from a seed: the objects a
 * `POST /v2/instance` would make, already settled (running or stopped, snapshots ready).
 */
import { randomUUID } from "node:crypto";
import type { SeedExoscaleInstance, SeededObjects } from "../options";
import {
  isString,
  isStringList,
  isStringMap,
  knownFields,
  SeedError,
  seedField,
  seedList,
  seedOptional as optional,
} from "../seed-error";
import { EXOSCALE_ZONES } from "../../exoscale/schema";
import { INSTANCE_TYPES, TEMPLATES } from "./seed";
import { isUuid, PUBLIC_IP_ASSIGNMENTS } from "./validation";
import { type EmulatedInstance, type ExoscaleState, ipv6For, macFor, newPassword, randomIpv4 } from "./state";

const FIELDS = [
  "id",
  "zone",
  "name",
  "instanceType",
  "template",
  "diskSize",
  "labels",
  "userData",
  "state",
  "publicIpAssignment",
  "sshKeys",
  "securityGroupIds",
  "tpmEnabled",
  "secureBootEnabled",
  "deletionProtection",
  "snapshots",
];

const isBoolean = (value: unknown) => typeof value === "boolean";

/**
 * Makes the seed's instances in `state`; returns their ids as ExoscaleInstance reports them. Every
 * entry is checked before any is made, so a bad seed changes nothing.
 */
export function seedExoscale(section: unknown, state: ExoscaleState): NonNullable<SeededObjects["exoscale"]> {
  const commits: Array<() => void> = [];
  const made = seedList(section, "exoscale", "instances").map((raw, index) => {
    const at = `exoscale.instances[${index}]`;
    knownFields(raw, at, FIELDS);
    const seed = raw as unknown as SeedExoscaleInstance;
    const zone = optional<string>(
      seed.zone,
      `${at}.zone`,
      (v) => (EXOSCALE_ZONES as readonly string[]).includes(v as string),
      `one of ${EXOSCALE_ZONES.join(", ")}`,
      "ch-gva-2",
    );
    const id = optional<string>(seed.id, `${at}.id`, isUuid, "a UUID", randomUUID()).toLowerCase();
    const snapshots = seed.snapshots ?? [];
    const existing = state.instances[id];
    if (existing)
      return {
        id: `${zone}/${id}`,
        name: existing.name,
        snapshots: existing.snapshotIds.map((s) => ({ id: `${zone}/${s}` })),
      };

    const name = seedField<string>(seed.name, `${at}.name`, isString, "a non-empty string");
    const typeName = optional<string>(
      seed.instanceType,
      `${at}.instanceType`,
      isString,
      "family.size",
      "standard.small",
    );
    const type = INSTANCE_TYPES.find((t) => `${t.family}.${t.size}` === typeName.toLowerCase());
    if (!type)
      throw new SeedError(
        `${at}.instanceType: "${typeName}" is not an instance type; use family.size such as standard.small`,
      );
    const templateName = optional<string>(
      seed.template,
      `${at}.template`,
      isString,
      "a template name",
      "Linux Ubuntu 24.04 LTS 64-bit",
    );
    const template = TEMPLATES.find((t) => t.name === templateName || t.id === templateName);
    if (!template)
      throw new SeedError(
        `${at}.template: no template named "${templateName}"; templates are ${[...new Set(TEMPLATES.map((t) => t.name))].join(", ")}`,
      );
    const diskSize = optional<number>(
      seed.diskSize,
      `${at}.diskSize`,
      (v) => Number.isInteger(v) && (v as number) >= 10 && (v as number) <= 51200,
      "a whole number of GiB from 10 to 51200",
      10,
    );
    const ipAssignment = optional<EmulatedInstance["publicIpAssignment"]>(
      seed.publicIpAssignment,
      `${at}.publicIpAssignment`,
      (v) => PUBLIC_IP_ASSIGNMENTS.includes(v as never),
      PUBLIC_IP_ASSIGNMENTS.join(", "),
      "inet4",
    );
    const instance: EmulatedInstance = {
      id,
      name,
      state: optional<"running" | "stopped">(
        seed.state,
        `${at}.state`,
        (v) => v === "running" || v === "stopped",
        "running or stopped",
        "running",
      ),
      instanceTypeId: type.id,
      templateId: template.id,
      diskSize,
      labels: { ...optional<Record<string, string>>(seed.labels, `${at}.labels`, isStringMap, "a map of strings", {}) },
      publicIpAssignment: ipAssignment,
      publicIp: randomIpv4(),
      ipv6Address: ipv6For(id),
      macAddress: macFor(id),
      securityGroupIds: optional<string[]>(
        seed.securityGroupIds,
        `${at}.securityGroupIds`,
        (v) => isStringList(v) && (v as string[]).every(isUuid),
        "a list of UUIDs",
        [],
      ),
      sshKeys: optional<string[]>(seed.sshKeys, `${at}.sshKeys`, isStringList, "a list of key names", []),
      userData:
        seed.userData === undefined
          ? undefined
          : Buffer.from(
              seedField<string>(seed.userData, `${at}.userData`, isString, "plain-text cloud-init"),
              "utf8",
            ).toString("base64"),
      tpmEnabled: optional<boolean>(seed.tpmEnabled, `${at}.tpmEnabled`, isBoolean, "a boolean", false),
      secureBootEnabled: optional<boolean>(
        seed.secureBootEnabled,
        `${at}.secureBootEnabled`,
        isBoolean,
        "a boolean",
        false,
      ),
      snapshotIds: [],
      createdAt: new Date().toISOString(),
    };
    const protect = optional<boolean>(
      seed.deletionProtection,
      `${at}.deletionProtection`,
      isBoolean,
      "a boolean",
      false,
    );
    if (!Array.isArray(snapshots))
      throw new SeedError(`${at}.snapshots: must be a list of objects such as {"name": "before-upgrade"}`);
    const madeSnapshots = snapshots.map((snapshot, i) => {
      const snapshotId = optional<string>(
        snapshot?.id,
        `${at}.snapshots[${i}].id`,
        isUuid,
        "a UUID",
        randomUUID(),
      ).toLowerCase();
      const snapshotName = optional<string>(
        snapshot?.name,
        `${at}.snapshots[${i}].name`,
        isString,
        "a non-empty string",
        `${name}-snapshot-${i + 1}`,
      );
      return {
        id: snapshotId,
        name: snapshotName,
        instanceId: id,
        instanceName: name,
        state: "ready" as const,
        size: diskSize,
        createdAt: new Date().toISOString(),
      };
    });
    instance.snapshotIds = madeSnapshots.map((snapshot) => snapshot.id);
    commits.push(() => {
      for (const snapshot of madeSnapshots) state.snapshots[snapshot.id] = snapshot;
      state.instances[id] = instance;
      state.passwords[id] = newPassword();
      if (protect) state.protected[id] = true;
    });
    return { id: `${zone}/${id}`, name, snapshots: instance.snapshotIds.map((s) => ({ id: `${zone}/${s}` })) };
  });
  for (const commit of commits) commit();
  return { instances: made };
}
