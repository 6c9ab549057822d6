// Benchmark program: `count` ExoscaleInstances of the same shape. `labelValue` lets the bench change
// one label on every instance (an in-place update); `protect` turns on deletionProtection.
import * as pulumi from "@pulumi/pulumi";
import { ExoscaleInstance } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const labelValue = config.get("labelValue") ?? "a";

const instances = Array.from(
  { length: count },
  (_, i) =>
    new ExoscaleInstance(`vm-${i}`, {
      zone: "ch-gva-2",
      name: `bench-${i}`,
      instanceType: "standard.tiny",
      template: "Linux Ubuntu 24.04 LTS 64-bit",
      diskSize: 10,
      labels: { bench: labelValue, index: String(i) },
      deletionProtection: config.getBoolean("protect") ?? undefined,
    }),
);

export const ids = pulumi.all(instances.map((instance) => instance.id));
