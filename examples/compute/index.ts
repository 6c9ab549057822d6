// A ComputeInstance on the generic Instances API. Endpoint and token come from
// `compute:endpoint` / `compute:token` (or COMPUTE_API_URL / COMPUTE_API_TOKEN).
import * as pulumi from "@pulumi/pulumi";
import { ComputeInstance } from "pulumi-dynamic-compute";

const config = new pulumi.Config();

const web = new ComputeInstance("web", {
  name: config.get("name") ?? "web-server-01",
  type: config.get("type") ?? "cx31",
  image: config.get("image") ?? "ubuntu-22.04",
  vcpus: 2,
  memoryMb: 4096,
  diskGb: 80,
  labels: { env: config.get("env") ?? "dev", team: "platform" },
  securityGroups: ["sg-web", "sg-ssh"],
  userData: pulumi.secret("#!/bin/sh\necho hello from cloud-init\n"),
  deletionProtection: config.getBoolean("protect") ?? false,
});

export const instanceId = web.id;
export const state = web.state;
export const privateIp = web.privateIp;
export const publicIp = web.publicIp;

// Take over an instance made outside Pulumi (`pulumi import` does not work for dynamic resources).
const adoptId = config.get("adoptId");
if (adoptId) {
  const adopted = new ComputeInstance("adopted", {
    name: config.require("adoptName"),
    type: "cx31",
    image: "ubuntu-22.04",
    adoptId,
  });
  exports.adoptedState = adopted.state;
}

// Read an instance without managing it: Pulumi never changes or deletes it.
const lookupId = config.get("lookupId");
if (lookupId) {
  const existing = ComputeInstance.get("looked-up", lookupId);
  exports.lookedUpName = existing.name;
  exports.lookedUpState = existing.state;
}
