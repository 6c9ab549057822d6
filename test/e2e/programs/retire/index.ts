// A production fleet: one protected Exoscale instance per entry of the `fleet` config object, each
// with two snapshots (its children). Editing that object stands for the pull requests of the retire
// runbook: `deletionProtection: false` on one entry, then removing the entry.
import * as pulumi from "@pulumi/pulumi";
import { ExoscaleInstance, ExoscaleInstanceSnapshot } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const fleet = config.requireObject<Record<string, { deletionProtection: boolean }>>("fleet");
const prefix = config.require("namePrefix");
// An instance whose weekly snapshot has been removed from the program on purpose.
const withoutWeekly = config.get("skipWeekly");

export const instances: Record<string, pulumi.Output<string>> = {};
export const snapshots: Record<string, pulumi.Output<string>[]> = {};

for (const [name, settings] of Object.entries(fleet)) {
  const instance = new ExoscaleInstance(name, {
    zone: "ch-gva-2",
    name: `${prefix}-${name}`,
    instanceType: "standard.small",
    template: "Linux Ubuntu 24.04 LTS 64-bit",
    labels: { env: "production" },
    deletionProtection: settings.deletionProtection,
  });
  const daily = new ExoscaleInstanceSnapshot(`${name}-daily`, { instance });
  // One snapshot at a time per instance, as a backup schedule would take them.
  const weekly =
    name === withoutWeekly
      ? undefined
      : new ExoscaleInstanceSnapshot(`${name}-weekly`, { instance }, { dependsOn: daily });
  instances[name] = instance.id;
  snapshots[name] = weekly ? [daily.id, weekly.id] : [daily.id];
}
