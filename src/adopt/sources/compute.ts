/** Instances of the generic Instances API (`GET /v1/instances`), as ComputeInstance declarations. */
import { CREATION_TOKEN_LABEL } from "../../core/creation-token";
import { optionalSetting } from "../../core/credentials";
import { type ApiComputeInstance, ComputeClient } from "../../compute/client";
import { instanceFields } from "../../compute/mapping";
import { ComputeInstanceInputs } from "../../compute/schema";
import { COMPUTE_SETTINGS } from "../../compute/settings";
import type { FoundObject } from "../model";
import { secret, userDataText } from "../secrets";
import { defined, nonEmpty, schemaProblem, skipped, type SourceContext } from ".";

function describeInstance(instance: ApiComputeInstance, location: string): FoundObject {
  const fields = instanceFields(instance);
  const { labels, creationToken: token, encodedUserData } = fields;
  const found: FoundObject = {
    cloud: "compute",
    kind: "ComputeInstance",
    id: instance.id,
    name: fields.name,
    location,
    shortId: instance.id.replace(/^inst-/, "").slice(0, 8),
    labels,
    args: {},
    notes: [],
  };
  if (token !== undefined)
    return skipped(found, `carries the ${CREATION_TOKEN_LABEL} label: a Pulumi stack created it`, true);
  const state = fields.state;
  if (state === "terminated" || state === "error") return skipped(found, `state "${state}"`);
  const userData = encodedUserData === undefined ? undefined : userDataText(encodedUserData);
  if (encodedUserData !== undefined && userData === undefined)
    return skipped(found, "its user data is not text (compressed or binary); userData takes plain-text cloud-init");
  const args = defined({
    name: fields.name,
    type: fields.type,
    image: fields.image,
    labels: nonEmpty(labels),
    vcpus: fields.vcpus,
    memoryMb: fields.memoryMb,
    diskGb: fields.diskGb,
    vpcId: fields.vpcId,
    subnetId: fields.subnetId,
    securityGroups: nonEmpty(fields.securityGroups),
    sshKeyIds: nonEmpty(fields.sshKeyIds),
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
  const endpoint = optionalSetting(COMPUTE_SETTINGS.endpoint) ?? "";
  return URL.canParse(endpoint) ? new URL(endpoint).host : endpoint;
}

export async function listCompute(context: SourceContext): Promise<FoundObject[]> {
  const client = ComputeClient.fromSettings(context.progress.logger("compute"));
  context.progress.status("compute: listing instances");
  const location = endpointHost();
  return (await client.listInstances()).map((instance) => describeInstance(instance, location));
}
