/** Instances of the generic Instances API (`GET /v1/instances`), as ComputeInstance declarations. */
import { CREATION_TOKEN_LABEL } from "../../core/creation-token";
import { optionalSetting } from "../../core/credentials";
import { type ApiComputeInstance, ComputeClient } from "../../compute/client";
import { ComputeInstanceInputs } from "../../compute/schema";
import type { FoundObject } from "../model";
import { secret, userDataText } from "../secrets";
import { defined, nonEmpty, schemaProblem, skipped, type SourceContext } from ".";

function describeInstance(instance: ApiComputeInstance, location: string): FoundObject {
  const { [CREATION_TOKEN_LABEL]: token, ...labels } = instance.metadata.labels ?? {};
  const found: FoundObject = {
    cloud: "compute",
    kind: "ComputeInstance",
    id: instance.id,
    name: instance.metadata.name,
    location,
    shortId: instance.id.replace(/^inst-/, "").slice(0, 8),
    labels,
    args: {},
    notes: [],
  };
  if (token !== undefined)
    return skipped(found, `carries the ${CREATION_TOKEN_LABEL} label: a Pulumi stack created it`, true);
  const state = instance.status.state;
  if (state === "terminated" || state === "error") return skipped(found, `state "${state}"`);
  const spec = instance.spec;
  const userData = spec.user_data === undefined ? undefined : userDataText(spec.user_data);
  if (spec.user_data !== undefined && userData === undefined)
    return skipped(found, "its user data is not text (compressed or binary); userData takes plain-text cloud-init");
  const args = defined({
    name: instance.metadata.name,
    type: spec.type,
    image: spec.image,
    labels: nonEmpty(labels),
    vcpus: spec.vcpus,
    memoryMb: spec.memory_mb,
    diskGb: spec.disk_gb,
    vpcId: spec.vpc_id,
    subnetId: spec.subnet_id,
    securityGroups: nonEmpty(spec.security_groups),
    sshKeyIds: nonEmpty(spec.ssh_key_ids),
    userData,
  });
  const problem = schemaProblem(ComputeInstanceInputs, { ...args, adoptId: instance.id });
  if (problem) return skipped(found, `ComputeInstance cannot express it: ${problem}`);
  return {
    ...found,
    args: { ...args, userData: userData === undefined ? undefined : secret(userData, "UserData", "user data") },
  };
}

/** The API's host, which tells one Instances API from another in the listing. */
function endpointHost(): string {
  const endpoint =
    optionalSetting({ what: "Instances API endpoint", config: ["compute:endpoint"], env: ["COMPUTE_API_URL"] }) ?? "";
  return URL.canParse(endpoint) ? new URL(endpoint).host : endpoint;
}

export async function listCompute(context: SourceContext): Promise<FoundObject[]> {
  const client = ComputeClient.fromSettings(context.progress.logger("compute"));
  context.progress.status("compute: listing instances");
  const location = endpointHost();
  return (await client.listInstances()).map((instance) => describeInstance(instance, location));
}
