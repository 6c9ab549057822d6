// A protected Exoscale instance with a disk snapshot, driven by stack config so that every lifecycle
// operation can be reached by changing one value. Credentials: `exoscale:apiKey` / `exoscale:apiSecret`
// (or EXOSCALE_API_KEY / EXOSCALE_API_SECRET); EXOSCALE_API_ENDPOINT points it at the emulator.
import * as pulumi from "@pulumi/pulumi";
import { ExoscaleInstance, ExoscaleInstanceSnapshot, getExoscaleInstanceOutput } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const zone = config.get("zone") ?? "ch-gva-2";
const optional = (key: string) => config.get(key) || undefined;

const web = new ExoscaleInstance("web", {
  zone,
  name: config.get("name") ?? "web-1",
  instanceType: config.get("instanceType") ?? "standard.small",
  template: config.get("template") ?? "Linux Ubuntu 24.04 LTS 64-bit",
  templateChangeStrategy: optional("templateChangeStrategy") as "replace" | "reset" | undefined,
  diskSize: config.getNumber("diskSize") ?? 20,
  labels: config.getObject<Record<string, string>>("labels") ?? { env: "dev", team: "platform" },
  userData: pulumi.secret("#cloud-config\npackages: [nginx]\n"),
  state: config.get<"running" | "stopped">("state") ?? "running",
  tpmEnabled: config.getBoolean("tpmEnabled"),
  rebootTrigger: optional("rebootTrigger"),
  passwordResetTrigger: optional("passwordResetTrigger"),
  restoreSnapshotId: optional("restoreSnapshotId"),
  deletionProtection: config.getBoolean("protect") ?? true,
});

const snapshot = new ExoscaleInstanceSnapshot("web-snapshot", { instance: web });

// Take over an instance made outside Pulumi: `pulumi config set adoptId <zone>/<uuid>`. Inputs left
// unset (labels, disk size, user data, power state) keep the instance's values.
const adoptId = optional("adoptId");
const adopted = adoptId
  ? new ExoscaleInstance("adopted", {
      adoptId,
      zone,
      name: config.get("adoptedName") ?? "legacy-1",
      instanceType: config.get("adoptedInstanceType") ?? "standard.tiny",
      template: "Linux Debian 12 (Bookworm) 64-bit",
      deletionProtection: false,
    })
  : undefined;

export const instanceId = web.id; // "zone/uuid"
export const state = web.state;
export const instanceType = web.instanceType;
export const instanceTypeId = web.instanceTypeId;
export const diskSize = web.diskSize;
export const publicIp = web.publicIp;
export const password = web.password;
export const snapshotId = snapshot.id;
export const snapshotState = snapshot.state;
export const snapshotSize = snapshot.size;
export const adoptedId = adopted?.id;
// Functions call the API whenever the program runs (previews too), so this lookup is opt-in. The
// Output form takes the resource's id as it is, no `.apply` needed.
export const lookedUpName = config.getBoolean("lookup") ? getExoscaleInstanceOutput({ id: web.id }).name : undefined;
