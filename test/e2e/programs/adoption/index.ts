// Takes over objects made outside Pulumi (the test seeds them into the emulator) with adoptId. The
// program sets only what each resource requires: labels, tags, user data, disk size and power state
// it leaves unset must keep the objects' values. `mismatch` adds one more adopter whose inputs differ
// from its object in a way that cannot change in place; its adoption must be refused.
import * as pulumi from "@pulumi/pulumi";
import { ComputeInstance, ExoscaleInstance, ExoscaleInstanceSnapshot, ScalewayImage } from "pulumi-dynamic-compute";

interface Seeded {
  exoscale: string;
  snapshot: string;
  image: string;
  rootVolume: string;
  compute: string;
  /** Objects for the refused adoptions. */
  other: { exoscale: string; snapshot: string; image: string; compute: string };
}

const config = new pulumi.Config();
const ids = config.requireObject<Seeded>("seeded");
const mismatch = config.get("mismatch");

const web = new ExoscaleInstance("legacy-web", {
  adoptId: ids.exoscale,
  zone: "ch-gva-2",
  name: "legacy-web",
  instanceType: config.get("instanceType") ?? "standard.tiny",
  template: "Linux Debian 12 (Bookworm) 64-bit",
});
const snapshot = new ExoscaleInstanceSnapshot("legacy-snapshot", { instance: web, adoptId: ids.snapshot });
const image = new ScalewayImage("legacy-image", { adoptId: ids.image, zone: "fr-par-1", rootVolume: ids.rootVolume });
const vm = new ComputeInstance("legacy-vm", {
  adoptId: ids.compute,
  name: "legacy-vm",
  type: config.get("computeType") ?? "cx21",
  image: "ubuntu-22.04",
});

if (mismatch === "exoscale") {
  // The other instance runs Debian: a template change cannot happen in place.
  new ExoscaleInstance("mismatch", {
    adoptId: ids.other.exoscale,
    zone: "ch-gva-2",
    name: "other-web",
    instanceType: "standard.tiny",
    template: "Linux Ubuntu 24.04 LTS 64-bit",
  });
} else if (mismatch === "snapshot") {
  // A snapshot of another instance.
  new ExoscaleInstanceSnapshot("mismatch", { instance: web, adoptId: ids.other.snapshot });
} else if (mismatch === "scaleway") {
  // The other image's root volume is another snapshot.
  new ScalewayImage("mismatch", { adoptId: ids.other.image, zone: "fr-par-1", rootVolume: ids.rootVolume });
} else if (mismatch === "compute") {
  // The other instance carries other labels, and nothing can change in place on this API.
  new ComputeInstance("mismatch", {
    adoptId: ids.other.compute,
    name: "other-vm",
    type: "cx21",
    image: "ubuntu-22.04",
    labels: { team: "platform" },
  });
}

export const webId = web.id;
export const webLabels = web.labels;
export const webDiskSize = web.diskSize;
export const webState = web.state;
export const snapshotId = snapshot.id;
export const imageId = image.id;
export const imageTags = image.tags;
export const vmId = vm.id;
export const vmLabels = vm.labels;
