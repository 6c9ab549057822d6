// An instance with the lifecycle options as stack config: a daemon snapshot schedule, extra config
// keys (`extraConfig`, JSON), restartOnConfigChange, imageChangeStrategy, and optionally a snapshot
// of its own. test/e2e/incus-lifecycle.test.ts runs it on LXD 5.0 and on Incus 6.0.
import * as pulumi from "@pulumi/pulumi";
import { IncusInstance, IncusInstanceSnapshot } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const schedule = config.get("schedule");

const web = new IncusInstance("web", {
  name: config.require("name"),
  image: config.get("image") ?? "busybox",
  imageChangeStrategy: config.get("imageChangeStrategy") as "replace" | "rebuild" | undefined,
  restartOnConfigChange: config.getBoolean("restartOnConfigChange"),
  config: {
    "user.app": config.get("app") ?? "web",
    "boot.autostart": false,
    ...config.getObject<Record<string, string>>("extraConfig"),
  },
  snapshotSchedule: schedule ? { schedule, pattern: "auto%d", expiry: "1d" } : undefined,
});

const snapshotName = config.get("snapshotName");
const own = snapshotName ? new IncusInstanceSnapshot("own", { instance: web, name: snapshotName }) : undefined;

export const uuid = web.uuid;
export const imageFingerprint = web.imageFingerprint;
export const snapshotExpiry = own?.expiry;
