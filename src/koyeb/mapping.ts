/** Koyeb's instance and instance-event objects in our names, as the functions return them. */
import type { ApiKoyebInstance, ApiKoyebInstanceEvent } from "./client";
import type { GetKoyebInstanceResult as KoyebInstance, KoyebInstanceEvent } from "./schema";

export function toInstance(api: ApiKoyebInstance): KoyebInstance {
  return {
    id: api.id,
    createdAt: api.created_at,
    updatedAt: api.updated_at,
    organizationId: api.organization_id,
    appId: api.app_id,
    serviceId: api.service_id,
    regionalDeploymentId: api.regional_deployment_id,
    allocationId: api.allocation_id,
    type: api.type,
    // int64 may arrive as a string from grpc-gateway.
    replicaIndex: api.replica_index === undefined ? undefined : Number(api.replica_index),
    region: api.region,
    datacenter: api.datacenter,
    hypervisor: api.hypervisor,
    status: api.status ?? "ALLOCATING",
    messages: api.messages ?? [],
    startedAt: api.started_at,
    succeededAt: api.succeeded_at,
    terminatedAt: api.terminated_at,
    deploymentId: api.xyz_deployment_id,
  };
}

export function toEvent(api: ApiKoyebInstanceEvent): KoyebInstanceEvent {
  return {
    id: api.id,
    when: api.when,
    organizationId: api.organization_id,
    instanceId: api.instance_id,
    type: api.type,
    message: api.message,
    metadata: api.metadata ?? {},
  };
}
