// Generated from schema.ts by scripts/generate-types.js: do not edit, run `npm run types` after changing a schema.
/** Arguments of getKoyebInstance. */
export interface GetKoyebInstanceArgs {
  /** The instance's id. */
  id: string;
}

/**
 * An instance (one replica of a service's deployment in one region) as getKoyebInstance and listKoyebInstances return
 * it.
 */
export interface GetKoyebInstanceResult {
  /** The instance's id. */
  id: string;
  /** When the instance was created (RFC 3339). */
  createdAt?: string;
  /** When it last changed (RFC 3339). */
  updatedAt?: string;
  /** Organization that owns it. */
  organizationId?: string;
  /** App it belongs to. */
  appId?: string;
  /** Service it belongs to. */
  serviceId?: string;
  /** Regional deployment it belongs to. */
  regionalDeploymentId?: string;
  /** Allocation it runs in. */
  allocationId?: string;
  /** Instance type, e.g. `nano`, `small`. */
  type?: string;
  /** Index of the replica in its deployment. */
  replicaIndex?: number;
  /** Region, e.g. `fra`. */
  region?: string;
  /** Datacenter. */
  datacenter?: string;
  /** Hypervisor (only from getKoyebInstance). */
  hypervisor?: string;
  /** ALLOCATING, STARTING, HEALTHY, UNHEALTHY, STOPPING, STOPPED, ERROR or SLEEPING. */
  status: "ALLOCATING" | "STARTING" | "HEALTHY" | "UNHEALTHY" | "STOPPING" | "STOPPED" | "ERROR" | "SLEEPING";
  /** Status messages. */
  messages: string[];
  /** When it started (only from getKoyebInstance). */
  startedAt?: string;
  /** When it became healthy. */
  succeededAt?: string;
  /** When it stopped. */
  terminatedAt?: string;
  /** The deployment it belongs to (the API's `xyz_deployment_id`, which Koyeb marks as unstable). */
  deploymentId?: string;
}

/** Arguments of listKoyebInstances; all optional. */
export interface ListKoyebInstancesArgs {
  /** Only instances of this app. */
  appId?: string;
  /** Only instances of this service. */
  serviceId?: string;
  /** Only instances of this deployment. */
  deploymentId?: string;
  /** Only instances of this regional deployment. */
  regionalDeploymentId?: string;
  /** Only instances of this allocation. */
  allocationId?: string;
  /** Only the replica with this index. */
  replicaIndex?: number;
  /** Only instances in one of these statuses. */
  statuses?: ("ALLOCATING" | "STARTING" | "HEALTHY" | "UNHEALTHY" | "STOPPING" | "STOPPED" | "ERROR" | "SLEEPING")[];
  /** Sort order by creation: `asc` or `desc`. */
  order?: "asc" | "desc";
  /** Instances that ran at some time between startingTime and endingTime. */
  startingTime?: string | Date;
  /** See startingTime. */
  endingTime?: string | Date;
  /** Page size used to walk the list (1-100, default 100). */
  pageSize?: number;
}

/** Arguments of listKoyebInstanceEvents; all optional. */
export interface ListKoyebInstanceEventsArgs {
  /** Only events of these instances. */
  instanceIds?: string[];
  /** Event types, e.g. `started`, `healthy`, `stopped`. */
  types?: string[];
  /** Sort order by time: `asc` or `desc`. */
  order?: "asc" | "desc";
  /** Page size used to walk the list (1-100, default 100). */
  pageSize?: number;
}

/** Something that happened to an instance (scheduled, started, healthy, stopped, …). */
export interface KoyebInstanceEvent {
  /** The event's id. */
  id: string;
  /** When it happened (RFC 3339). */
  when?: string;
  /** Organization of the instance. */
  organizationId?: string;
  /** The instance it concerns. */
  instanceId?: string;
  /** What happened: `scheduled`, `started`, `healthy`, `stopped`, … */
  type?: string;
  /** Human-readable detail. */
  message?: string;
  /** Event-specific data. */
  metadata: Record<string, unknown>;
}

/** Arguments of execKoyebInstance. */
export interface ExecKoyebInstanceArgs {
  /** The instance to run the command in. */
  instanceId: string;
  /** argv, e.g. `["cat", "/etc/hostname"]`; a string runs through `sh -c`. */
  command: string[] | string;
  /** Sent to the command's stdin, which is then closed. */
  stdin?: string;
  /** Seconds to wait for the command to exit (default 60). */
  timeout?: number;
  /**
   * Run the command during `pulumi preview` too. By default a preview does not run it (a command may change the
   * instance) and the result says so.
   */
  runInPreview?: boolean;
}

/** What execKoyebInstance returns: the command's output and exit code, or that it was skipped in a preview. */
export type ExecKoyebInstanceResult = {
  /** The command ran. */
  ran: true;
  /** Everything the command wrote to stdout (UTF-8). */
  stdout: string;
  /** Everything it wrote to stderr (UTF-8). */
  stderr: string;
  /** Its exit code; a non-zero code is a result, not an error. */
  exitCode: number;
} | {
  /** The command did not run. */
  ran: false;
  /** Why: this is a preview (pass `runInPreview: true` to run it anyway). */
  skipped: "preview";
};
