/** The Instances API's instance object in our names, for the resource's outputs, the functions and adopt. */
import { CREATION_TOKEN_LABEL } from "../core/creation-token";
import { decodeUserData, sameUserData } from "../core/user-data";
import type { ApiComputeInstance } from "./client";
import type { ComputeInstanceInputs, ComputeInstanceOutputs } from "./schema";
import type { GetComputeInstanceResult } from "./types";

/** Every field of the API object, camelCased; user data still base64, the creation token apart from the labels. */
export function instanceFields(instance: ApiComputeInstance) {
  const { [CREATION_TOKEN_LABEL]: creationToken, ...labels } = instance.metadata.labels ?? {};
  const { spec, status, metadata } = instance;
  return {
    id: instance.id,
    name: metadata.name,
    labels,
    creationToken,
    createdAt: metadata.created_at,
    type: spec.type,
    image: spec.image,
    vcpus: spec.vcpus,
    memoryMb: spec.memory_mb,
    diskGb: spec.disk_gb,
    vpcId: spec.vpc_id,
    subnetId: spec.subnet_id,
    securityGroups: spec.security_groups,
    sshKeyIds: spec.ssh_key_ids,
    encodedUserData: spec.user_data,
    state: status.state,
    hostId: status.host_id ?? "",
    privateIp: status.private_ip ?? "",
    publicIp: status.public_ip ?? "",
  };
}

/** Outputs from the API object; fields only the user knows (adoptId, protection, timeouts) come from `known`. */
export function toOutputs(instance: ApiComputeInstance, known: Partial<ComputeInstanceInputs>): ComputeInstanceOutputs {
  const { id: _id, labels, encodedUserData, ...fields } = instanceFields(instance);
  return {
    ...fields,
    labels: Object.keys(labels).length > 0 || known.labels !== undefined ? labels : undefined,
    // Keep the user's own spelling when it means the same script, so no diff appears.
    userData:
      encodedUserData === undefined
        ? undefined
        : sameUserData(known.userData, encodedUserData)
          ? known.userData
          : decodeUserData(encodedUserData),
    adoptId: known.adoptId,
    deletionProtection: known.deletionProtection,
    timeouts: known.timeouts,
  };
}

/** The functions' result: the API object without the creation token, user data decoded. */
export function instanceInfo(instance: ApiComputeInstance): GetComputeInstanceResult {
  const { creationToken: _token, encodedUserData, ...fields } = instanceFields(instance);
  return { ...fields, userData: encodedUserData === undefined ? undefined : decodeUserData(encodedUserData) };
}
