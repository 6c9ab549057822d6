// An instance and a snapshot of it: the stack fixture beside this program was written by release
// 0.1.0, whose ids were bare UUIDs; the current release must keep operating that stack.
import * as pulumi from "@pulumi/pulumi";
import { ExoscaleInstance, ExoscaleInstanceSnapshot } from "pulumi-dynamic-compute";

const config = new pulumi.Config();

const web = new ExoscaleInstance("web", {
  zone: "ch-gva-2",
  name: "legacy-web",
  instanceType: "standard.small",
  template: "Linux Ubuntu 24.04 LTS 64-bit",
  labels: { team: config.get("team") ?? "platform" },
  userData: pulumi.secret("#cloud-config\npackages: [nginx]\n"),
});
const snapshot = new ExoscaleInstanceSnapshot("snap", { instance: web });

export const instanceId = web.id;
export const snapshotId = snapshot.id;
export const name = web.name;
