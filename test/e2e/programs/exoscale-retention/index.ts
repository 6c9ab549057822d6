// An Exoscale instance and a snapshot series: each change of `trigger` takes a new snapshot, the
// oldest beyond `retain` are deleted. test/e2e/exoscale-retention.test.ts runs it on the emulator.
import * as pulumi from "@pulumi/pulumi";
import { ExoscaleInstance, ExoscaleInstanceSnapshot } from "pulumi-dynamic-compute";

const config = new pulumi.Config();

const web = new ExoscaleInstance("web", {
  zone: "ch-gva-2",
  name: "retention-1",
  instanceType: "standard.small",
  template: "Linux Ubuntu 24.04 LTS 64-bit",
  diskSize: 20,
  deletionProtection: false,
});

const nightly = new ExoscaleInstanceSnapshot("nightly", {
  instance: web,
  retain: config.requireNumber("retain"),
  trigger: config.require("trigger"),
});

export const instanceId = web.id;
export const snapshotIds = nightly.snapshotIds;
export const latestId = nightly.latestId;
