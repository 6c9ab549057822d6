// One id rule: the id a resource reports is what its `get`, `adoptId` and its functions take. Each
// resource's id goes to all three; the adopting copies keep the object when they are deleted.
import * as pulumi from "@pulumi/pulumi";
import {
  ComputeInstance,
  ExoscaleInstance,
  ExoscaleInstanceSnapshot,
  getComputeInstanceOutput,
  getExoscaleInstanceOutput,
  getKoyebInstanceOutput,
  getScalewayImageOutput,
  listKoyebInstancesOutput,
  ScalewayImage,
} from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const keep = { retainOnDelete: true };

const web = new ExoscaleInstance("web", {
  zone: "ch-gva-2",
  name: "ids-web",
  instanceType: "standard.small",
  template: "Linux Ubuntu 24.04 LTS 64-bit",
  labels: { team: "platform" },
});
const webAgain = ExoscaleInstance.get("web-again", web.id);
const webAdopted = new ExoscaleInstance(
  "web-adopted",
  {
    adoptId: web.id,
    zone: "ch-gva-2",
    name: "ids-web",
    instanceType: "standard.small",
    template: "Linux Ubuntu 24.04 LTS 64-bit",
  },
  keep,
);
const snapshot = new ExoscaleInstanceSnapshot("web-snapshot", { instance: web });
const snapshotAgain = ExoscaleInstanceSnapshot.get("web-snapshot-again", snapshot.id);

const image = new ScalewayImage("image", {
  zone: "fr-par-1",
  rootVolume: config.require("rootVolume"),
  name: "ids-image",
  tags: ["ids"],
});
const imageAgain = ScalewayImage.get("image-again", image.id);
const imageAdopted = new ScalewayImage(
  "image-adopted",
  { adoptId: image.id, zone: "fr-par-1", rootVolume: config.require("rootVolume") },
  keep,
);

const vm = new ComputeInstance("vm", {
  name: "ids-vm",
  type: "cx21",
  image: "ubuntu-22.04",
  labels: { team: "platform" },
});
const vmAgain = ComputeInstance.get("vm-again", vm.id);
const vmAdopted = new ComputeInstance(
  "vm-adopted",
  { adoptId: vm.id, name: "ids-vm", type: "cx21", image: "ubuntu-22.04" },
  keep,
);

const koyebId = listKoyebInstancesOutput({ statuses: ["HEALTHY"] }).apply((instances) => instances[0].id);

export const ids = {
  web: [web.id, webAgain.id, webAdopted.id],
  snapshot: [snapshot.id, snapshotAgain.id],
  image: [image.id, imageAgain.id, imageAdopted.id],
  vm: [vm.id, vmAgain.id, vmAdopted.id],
};
export const names = {
  web: [web.name, webAgain.name, getExoscaleInstanceOutput({ id: web.id }).name],
  image: [image.name, imageAgain.name, getScalewayImageOutput({ id: image.id }).name],
  vm: [vm.name, vmAgain.name, getComputeInstanceOutput({ id: vm.id }).name],
};
export const functionIds = {
  web: getExoscaleInstanceOutput({ id: web.id }).id,
  image: getScalewayImageOutput({ id: image.id }).id,
  vm: getComputeInstanceOutput({ id: vm.id }).id,
};
export const adoptedLabels = webAdopted.labels;
export const koyeb = getKoyebInstanceOutput({ id: koyebId }).apply((instance) => ({
  id: instance.id,
  status: instance.status,
}));
export const expectedKoyebId = koyebId;
