// Benchmark program: `count` ComputeInstances (generic Instances API) of the same shape.
import * as pulumi from "@pulumi/pulumi";
import { ComputeInstance } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const count = config.requireNumber("count");

const instances = Array.from(
  { length: count },
  (_, i) =>
    new ComputeInstance(`vm-${i}`, {
      name: `bench-${i}`,
      type: "cx31",
      image: "ubuntu-22.04",
      labels: { bench: "a", index: String(i) },
    }),
);

export const ids = pulumi.all(instances.map((instance) => instance.id));
