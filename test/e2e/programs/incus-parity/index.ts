// An instance, a snapshot of it and the daemon's operations (recursion 1), on whichever daemon
// INCUS_SOCKET names: test/e2e/incus-parity.test.ts runs it on LXD 5.0 and on Incus 6.0 alike.
import * as pulumi from "@pulumi/pulumi";
import { IncusInstance, IncusInstanceSnapshot, listIncusOperations } from "pulumi-dynamic-compute";

const config = new pulumi.Config();

const web = new IncusInstance("web", {
  name: config.require("name"),
  image: "busybox",
  config: { "user.tier": config.get("tier") ?? "web", "boot.autostart": false },
});
const snapshot = new IncusInstanceSnapshot("first", { instance: web, name: "s0" });

// Read when the program runs: the commands running in the instance (execs), by id.
const operations = listIncusOperations({ recursion: 1 });

export const name = web.name;
export const state = web.state;
export const uuid = web.uuid;
export const snapshotName = snapshot.name;
export const runningExecs = pulumi.all([web.name, operations]).apply(([instance, ops]) =>
  ops
    .filter((op) => op.class === "websocket" || op.class === "task")
    .filter((op) => op.statusCode === 103 && (op.resources.instances ?? []).includes(`/1.0/instances/${instance}`))
    .map((op) => op.id)
    .sort(),
);
