// A Scaleway Instance image built from a snapshot, and a lookup of a public image by exact name.
// Credentials: `scaleway:secretKey` (or SCW_SECRET_KEY); project: `scaleway:projectId` (or
// SCW_DEFAULT_PROJECT_ID); endpoint: SCW_API_URL. List your snapshots with
// `scw instance snapshot list zone=fr-par-1` and pass one as `rootVolume`.
import * as pulumi from "@pulumi/pulumi";
import { getScalewayImageOutput, ScalewayImage } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const list = (key: string) =>
  (config.get(key) ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
const zone = config.get("zone") ?? "fr-par-1";

const image = new ScalewayImage("app-image", {
  name: config.get("name") ?? "app-image",
  zone,
  rootVolume: config.require("rootVolume"),
  arch: config.get<"x86_64" | "arm" | "arm64">("arch") ?? "x86_64",
  extraVolumes: list("extraVolumes"),
  tags: config.get("tags") === undefined ? ["app", "pulumi"] : list("tags"),
  public: config.getBoolean("public") ?? false,
  adoptId: config.get("adoptId"),
});

export const id = image.id;
export const imageId = image.imageId;
export const name = image.name;
export const state = image.state;
export const tags = image.tags;
export const isPublic = image.public;
export const extraVolumes = image.extraVolumes;
export const rootVolumeSize = image.rootVolumeSize;
// The resource's own id is what the functions take.
export const availableAs = getScalewayImageOutput({ id: image.id }).state;
// A public image found by its exact name (the API's name filter matches substrings; several
// architectures share a name, hence `arch`).
export const baseImage = getScalewayImageOutput({
  name: "Ubuntu 24.04 Noble Numbat",
  arch: "x86_64",
  public: true,
  zone,
}).id;
