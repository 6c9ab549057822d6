// The production infrastructure of a GitOps repository: one ComputeInstance behind the
// compute-guardrails policy pack. The pipeline (.github/workflows/infrastructure.yml) previews every
// pull request with the pack and runs `pulumi up` on main. Endpoint and token come from the
// pipeline's secrets (COMPUTE_API_URL / COMPUTE_API_TOKEN), never from this file or the state.
import * as pulumi from "@pulumi/pulumi";
import { ComputeInstance } from "pulumi-dynamic-compute";

const config = new pulumi.Config();

const app = new ComputeInstance("app", {
  name: config.get("name") ?? "gitops-app-01",
  type: config.get("type") ?? "cx31",
  image: "ubuntu-24.04",
  labels: { env: "production", "managed-by": "pulumi" },
  // The policy pack refuses a production instance without it (and the `protect` it implies).
  deletionProtection: config.getBoolean("deletionProtection") ?? true,
});

export const instanceId = app.id;
export const privateIp = app.privateIp;
