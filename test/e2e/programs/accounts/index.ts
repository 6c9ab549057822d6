// Two Exoscale accounts and two Incus remotes (an LXD daemon over its socket, an Incus daemon over
// HTTPS with a client certificate) in one program: test/e2e/accounts.test.ts. `pulumi config set
// move exoscale` (or `incus`) gives one instance the other account of its cloud, which must be refused.
import * as pulumi from "@pulumi/pulumi";
import {
  ExoscaleAccount,
  ExoscaleInstance,
  ExoscaleInstanceSnapshot,
  getExoscaleInstanceOutput,
  IncusInstance,
  IncusRemote,
  listExoscaleInstancesOutput,
  listIncusInstancesOutput,
} from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const prefix = config.require("prefix");
const move = config.get("move");

const first = new ExoscaleAccount("first", {
  apiKey: config.require("firstKey"),
  apiSecret: config.requireSecret("firstSecret"),
  endpoint: config.require("exoscaleEndpoint"),
});
const second = new ExoscaleAccount("second", {
  apiKey: config.require("secondKey"),
  apiSecret: config.requireSecret("secondSecret"),
  endpoint: config.require("exoscaleEndpoint"),
});

const instance = (name: string) => ({
  zone: "ch-gva-2",
  name: `${prefix}-${name}`,
  instanceType: "standard.tiny",
  template: "Linux Debian 12 (Bookworm) 64-bit",
  diskSize: 10,
  deletionProtection: false,
});

const inFirst = new ExoscaleInstance("in-first", instance("first"), { provider: move === "exoscale" ? second : first });
const inSecond = new ExoscaleInstance("in-second", instance("second"), { provider: second });
// A snapshot inherits its instance's account, as a child inherits its parent's provider.
const snapshot = new ExoscaleInstanceSnapshot("in-second-snapshot", { instance: inSecond });

const lxd = new IncusRemote("lxd", { socket: config.require("lxdSocket") });
const incus = new IncusRemote("incus", {
  address: config.require("incusAddress"),
  serverCert: config.require("incusServerCert"),
  clientCert: config.require("incusClientCert"),
  clientKey: config.requireSecret("incusClientKey"),
});
const container = (name: string) => ({
  name: `${prefix}-${name}`,
  image: "busybox",
  config: { "boot.autostart": "false" },
});
const onLxd = new IncusInstance("on-lxd", container("lxd"), { provider: move === "incus" ? incus : lxd });
const onIncus = new IncusInstance("on-incus", container("incus"), { provider: incus });
// `pulumi config set wrongCloud true`: an Incus instance given an Exoscale account, refused at `new`.
if (config.getBoolean("wrongCloud")) new IncusInstance("wrong", container("wrong"), { provider: first });

export const firstId = inFirst.id;
export const secondId = inSecond.id;
export const snapshotId = snapshot.id;
export const lxdName = onLxd.name;
export const incusName = onIncus.name;

// Functions run in the program: `account` says which account they call with.
const ours = (names: string[]) => names.filter((name) => name.startsWith(`${prefix}-`)).sort();
export const secondSeenBySecond = getExoscaleInstanceOutput({ id: inSecond.id }, { account: second }).name;
export const listedByFirst = listExoscaleInstancesOutput(
  { zone: "ch-gva-2" },
  { account: first, dependsOn: [inFirst, inSecond] },
).apply((instances) => ours(instances.map((instance) => instance.name)));
export const listedByLxd = listIncusInstancesOutput({}, { account: lxd, dependsOn: [onLxd, onIncus] }).apply(
  (instances) => ours(instances.map((instance) => instance.name)),
);
export const listedByIncus = listIncusInstancesOutput({}, { account: incus, dependsOn: [onLxd, onIncus] }).apply(
  (instances) => ours(instances.map((instance) => instance.name)),
);
