// An instance with the lifecycle options as stack config: a daemon snapshot schedule, extra config
// keys (`extraConfig`, JSON), restartOnConfigChange, imageChangeStrategy, and optionally a snapshot
// of its own or a series of them. test/e2e/incus-lifecycle.test.ts runs it on LXD 5.0 and on Incus 6.0.
import * as pulumi from "@pulumi/pulumi";
import { IncusInstance, IncusInstanceSnapshot } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const schedule = config.get("schedule");

const web = new IncusInstance("web", {
  name: config.require("name"),
  image: config.get("image") ?? "busybox",
  imageChangeStrategy: config.get<"replace" | "rebuild">("imageChangeStrategy"),
  restartOnConfigChange: config.getBoolean("restartOnConfigChange"),
  config: {
    "user.app": config.get("app") ?? "web",
    "boot.autostart": false,
    ...config.getObject<Record<string, string>>("extraConfig"),
  },
  snapshotSchedule: schedule ? { schedule, pattern: "auto%d", expiry: "1d" } : undefined,
});

const snapshotName = config.get("snapshotName");
// With `retain`, a series: each change of `trigger` takes the next snapshot, the oldest beyond `retain` go.
const retain = config.getNumber("retain");
const own = snapshotName
  ? new IncusInstanceSnapshot("own", { instance: web, name: snapshotName, retain, trigger: config.get("trigger") })
  : undefined;

export const uuid = web.uuid;
export const imageFingerprint = web.imageFingerprint;
export const snapshotExpiry = own?.expiry;
export const series = own?.snapshots;
