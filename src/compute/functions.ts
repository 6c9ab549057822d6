/** Read-only functions for the generic Instances API. */
import { ComputeClient, type ApiComputeInstance } from "./client";
import { decodeUserData } from "../core/user-data";

/** An instance as returned by the functions, in camelCase. */
export interface ComputeInstanceInfo {
  id: string;
  name: string;
  labels: Record<string, string>;
  createdAt?: string;
  type: string;
  image: string;
  vcpus?: number;
  memoryMb?: number;
  diskGb?: number;
  vpcId?: string;
  subnetId?: string;
  securityGroups?: string[];
  sshKeyIds?: string[];
  userData?: string;
  state: string;
  hostId: string;
  privateIp: string;
  publicIp: string;
}

function info(instance: ApiComputeInstance): ComputeInstanceInfo {
  return {
    id: instance.id,
    name: instance.metadata.name,
    labels: instance.metadata.labels ?? {},
    createdAt: instance.metadata.created_at,
    type: instance.spec.type,
    image: instance.spec.image,
    vcpus: instance.spec.vcpus,
    memoryMb: instance.spec.memory_mb,
    diskGb: instance.spec.disk_gb,
    vpcId: instance.spec.vpc_id,
    subnetId: instance.spec.subnet_id,
    securityGroups: instance.spec.security_groups,
    sshKeyIds: instance.spec.ssh_key_ids,
    userData: instance.spec.user_data === undefined ? undefined : decodeUserData(instance.spec.user_data),
    state: instance.status.state,
    hostId: instance.status.host_id ?? "",
    privateIp: instance.status.private_ip ?? "",
    publicIp: instance.status.public_ip ?? "",
  };
}

/** Lists every instance (GET /v1/instances). */
export async function listComputeInstances(): Promise<ComputeInstanceInfo[]> {
  return (await ComputeClient.fromSettings().listInstances()).map(info);
}

/** One instance by id (GET /v1/instances/{id}); rejects with NotFoundError when it does not exist. */
export async function getComputeInstance(args: { id: string }): Promise<ComputeInstanceInfo> {
  return info(await ComputeClient.fromSettings().getInstance(args.id));
}
