// A busybox container on Incus/LXD, optionally with a snapshot and an adopted instance. The daemon
// is the local unix socket (INCUS_SOCKET, else /var/lib/incus or /var/lib/lxd), or a remote one
// (`incus:remote` + client certificate or `incus:apiKey`). `bash scripts/start-incus.sh` (Incus 6.0)
// or `bash scripts/start-lxd.sh` (LXD 5.0) makes a local daemon with the `busybox` image this
// program uses by default.
import * as pulumi from "@pulumi/pulumi";
import { IncusInstance, IncusInstanceSnapshot } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const protect = config.getBoolean("protect");

const web = new IncusInstance(
  "web",
  {
    name: config.get("name") ?? "pulumi-web",
    image: config.get("image") ?? "busybox",
    type: config.get<"container" | "virtual-machine">("type") ?? "container",
    state: config.get<"running" | "stopped">("state") ?? "running",
    description: "managed by pulumi-dynamic-compute",
    config: {
      "user.app": config.get("app") ?? "web",
      "boot.autostart": false,
      ...(config.get("cpu") ? { "limits.cpu": config.get("cpu") as string } : {}),
    },
    deletionProtection: config.getBoolean("deletionProtection") ?? false,
  },
  // `protect` set explicitly wins over deletionProtection's default (the tests use it to reach the
  // provider's own refusal); unset, deletionProtection also sets Pulumi's protect.
  protect === undefined ? undefined : { protect },
);

if (config.getBoolean("snapshot")) {
  new IncusInstanceSnapshot("before-upgrade", { instance: web, name: config.get("snapshotName") ?? "snap0" });
}

// Take over an instance made outside Pulumi (`incus launch busybox legacy`), without recreating it.
const adoptName = config.get("adoptName");
const adopted = adoptName
  ? new IncusInstance("adopted", { name: adoptName, image: config.get("adoptImage") ?? "busybox", adoptId: adoptName })
  : undefined;

// Read an instance without managing it (Resource.get): destroy leaves it alone.
const lookupName = config.get("lookupName");
const lookedUp = lookupName ? IncusInstance.get("looked-up", lookupName) : undefined;

export const name = web.name;
export const state = web.state;
export const status = web.status;
export const imageFingerprint = web.imageFingerprint;
export const uuid = web.uuid;
export const adoptedUuid = adopted?.uuid;
export const lookedUpStatus = lookedUp?.status;
