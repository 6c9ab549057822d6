// Failures on purpose: an Exoscale instance protected on the server (the API refuses its delete)
// while Pulumi's own protect is off, and a ComputeInstance whose image the emulator cannot provision
// when `image` is "broken-image".
import * as pulumi from "@pulumi/pulumi";
import { ComputeInstance, ExoscaleInstance } from "pulumi-dynamic-compute";

const config = new pulumi.Config();

const guarded = new ExoscaleInstance(
  "guarded",
  {
    zone: "ch-gva-2",
    name: "guarded",
    instanceType: "standard.tiny",
    template: "Linux Debian 12 (Bookworm) 64-bit",
    deletionProtection: true,
  },
  { protect: false },
);
const vm = new ComputeInstance("vm", {
  name: "failures-vm",
  type: "cx21",
  image: config.get("image") ?? "ubuntu-22.04",
});

export const guardedId = guarded.id;
export const vmId = vm.id;
