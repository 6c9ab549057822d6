/**
 * The fleet the adopt e2e test takes over: 50 objects made outside Pulumi in the emulator (20
 * Exoscale objects, 14 instances and 6 snapshots; 15 Scaleway images in three zones; 15 Instances
 * API instances), with labels, tags, user data and names that need escaping, plus two objects the
 * command must skip; and 5 containers with a snapshot in an Incus project of the test's own.
 */
import type { EmulatorSeed } from "../../src/emulator/options";
import { SEEDED_SNAPSHOTS, seededSnapshotId } from "../../src/emulator/scaleway/seed";
import type { TestDaemon } from "../contract/incus-daemon";

const TEMPLATES = [
  "Linux Ubuntu 24.04 LTS 64-bit",
  "Linux Ubuntu 22.04 LTS 64-bit",
  "Linux Debian 12 (Bookworm) 64-bit",
];
const TYPES = ["standard.micro", "standard.tiny", "standard.small", "standard.medium", "standard.large"];

/** User data the seed gives some objects: none of it may appear in the generated module. */
export const USER_DATA = [
  "#cloud-config\nwrite_files:\n  - path: /etc/app.env\n    content: \"DB_PASSWORD=s3cr3t-'quoted' \\\\ ${NOT_A_TEMPLATE}\"\n",
  "#!/bin/sh\necho 'token=tk_live_0123456789' > /root/token\n",
  "#cloud-config\npackages: [nginx, ü-unicode]\n",
];

/** How many objects of the seed the command must declare. */
export const EMULATOR_DECLARED = 50;

export function emulatorSeed(): EmulatorSeed {
  const instances: NonNullable<NonNullable<EmulatorSeed["exoscale"]>["instances"]> = [];
  for (let i = 1; i <= 14; i++) {
    instances.push({
      name: i === 7 ? 'Ops "bastion" \\ ü' : `legacy-web-${String(i).padStart(2, "0")}`,
      instanceType: TYPES[i % TYPES.length],
      template: TEMPLATES[i % TEMPLATES.length],
      diskSize: 10 + (i % 4) * 10,
      labels:
        i % 3 === 0
          ? {}
          : { team: i % 2 ? "web" : "data", "app.example.com/tier": `tier-${i}`, note: 'it\'s "quoted"' },
      userData: i % 4 === 0 ? USER_DATA[i % USER_DATA.length] : undefined,
      state: i % 5 === 0 ? "stopped" : "running",
      publicIpAssignment: i === 2 ? "dual" : i === 3 ? "none" : undefined,
      sshKeys: i === 4 ? ["ops-key"] : undefined,
      securityGroupIds: i === 5 ? ["7d0f3c1e-2b4a-4c5d-8e6f-0a1b2c3d4e5f"] : undefined,
      tpmEnabled: i === 6 ? true : undefined,
      // Six snapshots on three instances: two named alike under different instances.
      snapshots:
        i === 1
          ? [{ name: "nightly" }, { name: "before-upgrade" }]
          : i === 2
            ? [{ name: "nightly" }, { name: "legacy-web-02-manual" }]
            : i === 8
              ? [{}, {}]
              : undefined,
    });
  }
  // Skipped: one a Pulumi stack made (it carries the creation token), one whose label key ExoscaleInstance refuses.
  instances.push({ name: "made-by-pulumi", labels: { "pulumi-creation-token": "0123456789abcdef0123" } });
  instances.push({ name: "odd-labels", labels: { "Team Name": "ops" } });

  const zones = [
    "fr-par-1",
    "fr-par-1",
    "fr-par-1",
    "fr-par-1",
    "fr-par-1",
    "fr-par-1",
    "fr-par-1",
    "fr-par-1",
    "nl-ams-1",
    "nl-ams-1",
    "nl-ams-1",
    "nl-ams-1",
    "pl-waw-2",
    "pl-waw-2",
    "pl-waw-2",
  ];
  const images = zones.map((zone, index) => ({
    zone,
    name: index === 3 ? "golden image (2024)" : `golden-${index + 1}`,
    rootVolume: seededSnapshotId(zone, SEEDED_SNAPSHOTS[index % 2].name),
    arch: index % 4 === 0 ? ("arm64" as const) : ("x86_64" as const),
    extraVolumes: index % 5 === 0 ? [seededSnapshotId(zone, SEEDED_SNAPSHOTS[2].name)] : undefined,
    tags: index % 3 === 0 ? [] : ["golden", `team=${index % 2 ? "web" : "data"}`],
    public: index === 6,
  }));

  const computeInstances = Array.from({ length: 15 }, (_, index) => ({
    name: `legacy-vm-${String(index + 1).padStart(2, "0")}`,
    type: index % 2 ? "cx31" : "cx21",
    image: index % 3 ? "ubuntu-22.04" : "debian-12",
    labels: index % 4 === 3 ? undefined : { team: index % 2 ? "web" : "data", cost: `cc-${index}` },
    userData: index % 5 === 0 ? USER_DATA[index % USER_DATA.length] : undefined,
    vcpus: index % 3 === 0 ? 2 : undefined,
    memoryMb: index % 3 === 0 ? 4096 : undefined,
    diskGb: index % 2 === 0 ? 40 : undefined,
    vpcId: index === 4 ? "vpc-1" : undefined,
    subnetId: index === 4 ? "subnet-1" : undefined,
    securityGroups: index === 5 ? ["sg-web", "sg-ssh"] : undefined,
    sshKeyIds: index === 6 ? ["key-ops"] : undefined,
  }));

  return { exoscale: { instances }, scaleway: { images }, compute: { instances: computeInstances } };
}

/** The containers made on the daemon, in their own project; `user.user-data` is secret. */
export const CONTAINERS: Array<{
  name: string;
  start: boolean;
  config: Record<string, string>;
  description?: string;
  devices?: Record<string, Record<string, string>>;
}> = [
  { name: "app-1", start: true, config: { "user.team": "web" } },
  { name: "app-2", start: false, config: { "user.team": "web", "limits.memory": "64MiB" } },
  { name: "db-1", start: true, config: { "user.user-data": USER_DATA[1] }, description: 'database "primary"' },
  { name: "worker-1", start: false, config: { "limits.cpu": "1" } },
  { name: "cache-1", start: false, config: {}, devices: { extra: { type: "none" } } },
];
export const SNAPSHOT = { instance: "app-1", name: "before-upgrade" };

/** Makes the project (sharing the default project's images and profiles), the containers and the snapshot. */
export async function makeIncusFleet(daemon: TestDaemon, project: string): Promise<void> {
  const made = await daemon.raw("POST", "/1.0/projects", {
    name: project,
    config: { "features.images": "false", "features.profiles": "false" },
  });
  if (made.status >= 400)
    throw new Error(`${daemon.label}: cannot make project ${project}: ${JSON.stringify(made.body)}`);
  const q = `?project=${project}`;
  for (const container of CONTAINERS) {
    await daemon.rawAndWait("POST", `/1.0/instances${q}`, {
      name: container.name,
      type: "container",
      source: { type: "image", alias: "busybox" },
      config: container.config,
      devices: container.devices ?? {},
      description: container.description ?? "",
    });
    if (container.start)
      await daemon.rawAndWait("PUT", `/1.0/instances/${container.name}/state${q}`, { action: "start" });
  }
  await daemon.rawAndWait("POST", `/1.0/instances/${SNAPSHOT.instance}/snapshots${q}`, { name: SNAPSHOT.name });
}

/** What adoption must leave alone: each container's identity, power state, config, devices and snapshots. */
export async function incusFleetView(daemon: TestDaemon, project: string): Promise<Record<string, unknown>> {
  const q = `?project=${project}&recursion=1`;
  const instances = (await daemon.raw("GET", `/1.0/instances${q}`)).body.metadata as Array<Record<string, any>>;
  const view: Record<string, unknown> = {};
  for (const instance of instances) {
    const snapshots = (await daemon.raw("GET", `/1.0/instances/${instance.name}/snapshots${q}`)).body
      .metadata as Array<{ name: string; created_at: string }>;
    const config = Object.fromEntries(
      Object.entries(instance.config as Record<string, string>).filter(
        ([key]) => !key.startsWith("volatile.") || key === "volatile.uuid",
      ),
    );
    view[instance.name] = {
      created: instance.created_at,
      status: instance.status,
      config,
      devices: instance.devices,
      profiles: instance.profiles,
      description: instance.description,
      snapshots: snapshots.map((s) => `${s.name} ${s.created_at}`),
    };
  }
  return view;
}

/** Removes whatever is left in the project, then the project. */
export async function removeIncusFleet(daemon: TestDaemon, project: string): Promise<void> {
  const q = `?project=${project}`;
  const listed = await daemon.raw("GET", `/1.0/instances${q}&recursion=1`);
  for (const instance of (listed.body?.metadata ?? []) as Array<{ name: string; status: string }>) {
    if (instance.status !== "Stopped")
      await daemon
        .rawAndWait("PUT", `/1.0/instances/${instance.name}/state${q}`, { action: "stop", force: true })
        .catch(() => undefined);
    await daemon.rawAndWait("DELETE", `/1.0/instances/${instance.name}${q}`).catch(() => undefined);
  }
  await daemon.raw("DELETE", `/1.0/projects/${project}`);
}
