/** Instances-API instances made "outside Pulumi" from a seed (`--seed`, `POST /_emulator/objects`). */
import { randomBytes } from "node:crypto";
import type { SeedComputeInstance, SeededObjects } from "../options";
import { isStringMap, knownFields, SeedError, seedField, seedList } from "../seed-error";
import { type ComputeState, type EmulatedComputeInstance, randomIp } from "./state";
import { isInt, isString, isStringList } from "./validation";

/** Every field a seeded instance may set: the keys of SeedComputeInstance, checked by the compiler. */
const SEED_FIELDS = Object.keys({
  id: true,
  name: true,
  type: true,
  image: true,
  labels: true,
  userData: true,
  vcpus: true,
  memoryMb: true,
  diskGb: true,
  vpcId: true,
  subnetId: true,
  securityGroups: true,
  sshKeyIds: true,
} satisfies Record<keyof SeedComputeInstance, true>);

/**
 * Makes the seed's instances (running, as if made outside Pulumi); returns their ids as
 * ComputeInstance reports them. Every entry is checked before any is made, so a bad seed changes nothing.
 */
export function seedInstances(section: unknown, state: ComputeState): NonNullable<SeededObjects["compute"]> {
  const instances: EmulatedComputeInstance[] = [];
  const optional = <T>(
    value: unknown,
    field: string,
    test: (value: unknown) => boolean,
    must: string,
  ): T | undefined => (value === undefined ? undefined : seedField<T>(value, field, test, must));
  const made = seedList(section, "compute", "instances").map((raw, index) => {
    const at = `compute.instances[${index}]`;
    knownFields(raw, at, SEED_FIELDS);
    const seed = raw as unknown as SeedComputeInstance;
    const id =
      optional<string>(
        seed.id,
        `${at}.id`,
        (v) => typeof v === "string" && /^[A-Za-z0-9._-]+$/.test(v),
        "an id such as inst-a1b2c3",
      ) ?? `inst-${randomBytes(4).toString("hex")}`;
    if (state.instances[id]) return { id, name: state.instances[id].metadata.name };
    const name = seedField<string>(
      seed.name,
      `${at}.name`,
      (v) => typeof v === "string" && /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(v),
      "1-63 lowercase letters, digits or hyphens",
    );
    if (
      [...Object.values(state.instances), ...instances].some(
        (i) => i.metadata.name === name && i.status.state !== "terminated",
      )
    )
      throw new SeedError(`${at}.name: an instance named "${name}" already exists`);
    const count = (field: string, value: unknown) =>
      optional<number>(value, `${at}.${field}`, isInt, "a positive integer");
    const text = (field: string, value: unknown) =>
      optional<string>(value, `${at}.${field}`, isString, "a non-empty string");
    const list = (field: string, value: unknown) =>
      optional<string[]>(value, `${at}.${field}`, isStringList, "a list of strings");
    const userData = text("userData", seed.userData);
    instances.push({
      id,
      metadata: {
        name,
        labels: { ...optional<Record<string, string>>(seed.labels, `${at}.labels`, isStringMap, "a map of strings") },
        created_at: new Date().toISOString(),
      },
      spec: {
        type: text("type", seed.type) ?? "cx21",
        image: text("image", seed.image) ?? "ubuntu-22.04",
        vcpus: count("vcpus", seed.vcpus),
        memory_mb: count("memoryMb", seed.memoryMb),
        disk_gb: count("diskGb", seed.diskGb),
        vpc_id: text("vpcId", seed.vpcId),
        subnet_id: text("subnetId", seed.subnetId),
        security_groups: list("securityGroups", seed.securityGroups),
        ssh_key_ids: list("sshKeyIds", seed.sshKeyIds),
        user_data: userData === undefined ? undefined : Buffer.from(userData, "utf8").toString("base64"),
      },
      status: {
        state: "running",
        host_id: `host-${randomBytes(3).toString("hex")}`,
        private_ip: randomIp("10.0"),
        public_ip: randomIp("203.0"),
      },
    });
    return { id, name };
  });
  for (const instance of instances) state.instances[instance.id] = JSON.parse(JSON.stringify(instance));
  return { instances: made };
}
