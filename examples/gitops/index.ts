// The production infrastructure of a GitOps repository: an Instances-API server and an Exoscale
// worker behind the compute-guardrails policy pack. The pipeline (.github/workflows/infrastructure.yml)
// previews every pull request with the pack, runs `pulumi up --refresh` on main and checks for drift
// every day. Endpoints and keys come from the pipeline's environment secrets, never from this file or
// the state.
import * as pulumi from "@pulumi/pulumi";
import { ComputeInstance, ExoscaleInstance } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
// The policy pack refuses a production instance without it (and the `protect` it implies).
const deletionProtection = config.getBoolean("deletionProtection") ?? true;
const labels = { env: "production", "managed-by": "pulumi" };

const app = new ComputeInstance("app", {
  name: config.get("name") ?? "gitops-app-01",
  type: config.get("type") ?? "cx31",
  image: "ubuntu-24.04",
  labels,
  deletionProtection,
});

// Exoscale changes labels, size and power state in place, so a deploy puts back drift on them.
const worker = new ExoscaleInstance("worker", {
  zone: "ch-gva-2",
  name: config.get("workerName") ?? "gitops-worker-01",
  instanceType: "standard.small",
  template: "Linux Ubuntu 24.04 LTS 64-bit",
  labels,
  deletionProtection,
});

export const instanceId = app.id;
export const privateIp = app.privateIp;
export const workerId = worker.id;
