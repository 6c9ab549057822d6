// The quick start: an Exoscale instance with a snapshot, a Scaleway image and an instance on the
// generic Instances API. `npm run demo` runs it against the local emulator; with real credentials
// (see the README) it runs against the real clouds. Every resource is protected from deletion
// (server side where the cloud has a flag, Pulumi's `protect` always) unless
// `pulumi config set protect false`.
import * as pulumi from "@pulumi/pulumi";
import { ComputeInstance, ExoscaleInstance, ExoscaleInstanceSnapshot, ScalewayImage } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const protect = config.getBoolean("protect") ?? true;

// Exoscale: a small Ubuntu VM; user data stays encrypted in state because it is a secret.
const web = new ExoscaleInstance("web", {
  zone: config.get("exoscaleZone") ?? "ch-gva-2",
  name: "quickstart-web",
  instanceType: "standard.small",
  template: "Linux Ubuntu 24.04 LTS 64-bit",
  diskSize: 20,
  labels: { env: "demo", app: "quickstart" },
  userData: pulumi.secret("#cloud-config\npackages: [nginx]\n"),
  deletionProtection: protect,
});

// A disk snapshot of it; its parent is the instance.
const nightly = new ExoscaleInstanceSnapshot("web-snapshot", { instance: web });

// Scaleway: an image built from a snapshot. The default is the emulator's seeded
// "ubuntu-noble-root" snapshot in fr-par-1; on a real account set `scalewayRootVolume`.
const image = new ScalewayImage(
  "app-image",
  {
    zone: "fr-par-1",
    name: "quickstart-image",
    rootVolume: config.get("scalewayRootVolume") ?? "8974e558-c9d2-4687-897c-787972f51631",
    arch: "x86_64",
    tags: ["quickstart", "demo"],
  },
  { protect },
); // images have no server-side flag: Pulumi's protect is their guard

// The generic Instances API: create and delete are tracked through its operations API.
const app = new ComputeInstance("app", {
  name: "quickstart-app",
  type: "cx31",
  image: "ubuntu-22.04",
  vcpus: 2,
  memoryMb: 4096,
  labels: { env: "demo" },
  deletionProtection: protect,
});

export const exoscaleInstance = web.id; // "zone/uuid": what ExoscaleInstance.get, adoptId and getExoscaleInstance take
export const exoscaleState = web.state;
export const exoscaleType = web.instanceType;
export const exoscalePublicIp = web.publicIp;
export const exoscalePassword = web.password; // secret: shown as [secret]
export const snapshotId = nightly.id;
export const snapshotState = nightly.state;
export const scalewayImage = image.id;
export const scalewayImageState = image.state;
export const computeInstance = app.id;
export const computeState = app.state;
export const computePrivateIp = app.privateIp;
