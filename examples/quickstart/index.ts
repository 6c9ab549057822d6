// The quick start: a few compute resources on the local emulator (`npm run demo`), or on real clouds
// with real credentials. `protect` (default true) turns on deletion protection everywhere.
import * as pulumi from "@pulumi/pulumi";
import { ComputeInstance } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const protect = config.getBoolean("protect") ?? true;

const app = new ComputeInstance("app", {
  name: "quickstart-app",
  type: "cx31",
  image: "ubuntu-22.04",
  vcpus: 2,
  memoryMb: 4096,
  labels: { env: "demo" },
  deletionProtection: protect,
});

export const appId = app.id;
export const appState = app.state;
export const appPrivateIp = app.privateIp;
