// Takes over an instance and a snapshot made outside Pulumi (the test makes them on the daemon) with
// adoptId, setting only the names: the instance's image, config, profiles, description and stopped
// state must stay as they are. `mismatch` adds an adopter whose inputs differ in a way that cannot
// change in place. The instance's id also goes to its get and to getIncusInstanceOutput.
import * as pulumi from "@pulumi/pulumi";
import { getIncusInstanceOutput, IncusInstance, IncusInstanceSnapshot } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const name = config.require("name");
const other = config.require("other");
const mismatch = config.get("mismatch");

const legacy = new IncusInstance("legacy", { name, adoptId: name });
const snapshot = new IncusInstanceSnapshot("legacy-snapshot", {
  instance: legacy,
  name: "before",
  adoptId: `${name}/before`,
});
const again = IncusInstance.get("legacy-again", legacy.id);

if (mismatch === "type") {
  // A container, adopted as a virtual machine: the type cannot change in place.
  new IncusInstance("mismatch", { name: other, adoptId: other, type: "virtual-machine" });
} else if (mismatch === "stateful") {
  // A stateless snapshot, adopted as a stateful one.
  new IncusInstanceSnapshot("mismatch", {
    instance: legacy,
    name: "before",
    adoptId: `${name}/before`,
    stateful: true,
  });
}

export const id = legacy.id;
export const state = legacy.state;
export const image = legacy.image;
export const snapshotId = snapshot.id;
export const againId = again.id;
export const lookedUpName = getIncusInstanceOutput({ id: legacy.id }).name;
