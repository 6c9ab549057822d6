// A ComputeInstance to try the compute-guardrails policy pack on. Config:
//   env        label env=<value> (default "dev"; "production" makes it production in any stack)
//   protect    deletionProtection (default false)
//   protectOption  overrides the Pulumi `protect` option ("true"/"false"; default: follow deletionProtection)
//   snapshot   add a snapshot child (a component standing in for a snapshot resource: the generic
//              Instances API has none) so production-snapshots-present is satisfied
import * as pulumi from "@pulumi/pulumi";
import { ComputeInstance } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const protectOption = config.getBoolean("protectOption");

const web = new ComputeInstance(
  "web",
  {
    name: config.get("name") ?? "policy-demo-web",
    type: "cx31",
    image: "ubuntu-22.04",
    labels: { env: config.get("env") ?? "dev", team: "platform" },
    deletionProtection: config.getBoolean("protect") ?? false,
  },
  protectOption === undefined ? {} : { protect: protectOption },
);

if (config.getBoolean("snapshot")) {
  new pulumi.ComponentResource("policy-demo:backup:InstanceSnapshot", "web-snapshot", {}, { parent: web });
}

export const instanceId = web.id;
export const state = web.state;
