/** Koyeb instances and events as the functions return them (camelCase), with the spec's enums. */

/** Instance.Status in Koyeb's API spec. */
export const KOYEB_INSTANCE_STATUSES = ["ALLOCATING", "STARTING", "HEALTHY", "UNHEALTHY", "STOPPING", "STOPPED", "ERROR", "SLEEPING"] as const;
export type KoyebInstanceStatus = (typeof KOYEB_INSTANCE_STATUSES)[number];

/** An instance: one replica of a service's deployment in one region. */
export interface KoyebInstance {
  id: string;
  createdAt?: string;
  updatedAt?: string;
  organizationId?: string;
  appId?: string;
  serviceId?: string;
  regionalDeploymentId?: string;
  allocationId?: string;
  /** Instance type, e.g. "nano", "small". */
  type?: string;
  replicaIndex?: number;
  region?: string;
  datacenter?: string;
  /** Only from getKoyebInstance. */
  hypervisor?: string;
  status: KoyebInstanceStatus;
  messages: string[];
  /** Only from getKoyebInstance. */
  startedAt?: string;
  succeededAt?: string;
  terminatedAt?: string;
  /** The deployment the instance belongs to (the API's `xyz_deployment_id`, which Koyeb marks as unstable). */
  deploymentId?: string;
}

/** Something that happened to an instance (scheduled, started, healthy, stopped, …). */
export interface KoyebInstanceEvent {
  id: string;
  when?: string;
  organizationId?: string;
  instanceId?: string;
  type?: string;
  message?: string;
  metadata: Record<string, unknown>;
}

/** What execKoyebInstance returns once the command exited. */
export interface KoyebExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}
