/**
 * Seed data for the emulated Koyeb API: one app ("emulator-demo") with a web and a worker service,
 * their current and past deployments, and the instances and events those left behind: enough of
 * both to need several pages. IDs and dates are the same on every start.
 */
import { createHash } from "node:crypto";
import type { KoyebInstanceStatus } from "../../koyeb/schema";
import type { EmulatedInstanceEvent, EmulatedKoyebInstance, KoyebState } from "./state";

/** A stable UUID (v4 layout) for a seeded object. */
export function koyebUuid(...parts: string[]): string {
  const hex = createHash("sha256")
    .update(["koyeb", ...parts].join("/"))
    .digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[parseInt(hex[16], 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const KOYEB_ORGANIZATION_ID = koyebUuid("organization");
export const KOYEB_APP = { id: koyebUuid("app", "emulator-demo"), name: "emulator-demo" };
export const KOYEB_SERVICES = {
  web: { id: koyebUuid("service", "web"), name: "web" },
  worker: { id: koyebUuid("service", "worker"), name: "worker" },
};

const BASE_TIME = Date.parse("2026-03-01T08:00:00Z");
const at = (minutes: number) => new Date(BASE_TIME + minutes * 60_000).toISOString();

interface DeploymentPlan {
  service: keyof typeof KOYEB_SERVICES;
  version: number;
  regions: Array<{ region: string; replicas: number }>;
  /** Status of the deployment's instances; the last replica may differ (e.g. one ERROR). */
  status: KoyebInstanceStatus;
  lastReplicaStatus?: KoyebInstanceStatus;
  startedMinute: number;
  endedMinute?: number;
}

const DEPLOYMENTS: DeploymentPlan[] = [
  {
    service: "web",
    version: 1,
    regions: [{ region: "fra", replicas: 2 }],
    status: "STOPPED",
    startedMinute: 0,
    endedMinute: 600,
  },
  {
    service: "web",
    version: 2,
    regions: [
      { region: "fra", replicas: 3 },
      { region: "was", replicas: 2 },
    ],
    status: "STOPPED",
    startedMinute: 600,
    endedMinute: 1440,
  },
  {
    service: "web",
    version: 3,
    regions: [{ region: "fra", replicas: 3 }],
    status: "ERROR",
    startedMinute: 1440,
    endedMinute: 1450,
  },
  {
    service: "web",
    version: 4,
    regions: [
      { region: "fra", replicas: 3 },
      { region: "was", replicas: 2 },
    ],
    status: "HEALTHY",
    lastReplicaStatus: "UNHEALTHY",
    startedMinute: 1450,
  },
  {
    service: "worker",
    version: 1,
    regions: [{ region: "fra", replicas: 4 }],
    status: "STOPPED",
    startedMinute: 30,
    endedMinute: 2000,
  },
  {
    service: "worker",
    version: 2,
    regions: [{ region: "fra", replicas: 3 }],
    status: "HEALTHY",
    lastReplicaStatus: "SLEEPING",
    startedMinute: 2000,
  },
];

function eventsFor(
  instance: EmulatedKoyebInstance,
  startedMinute: number,
  endedMinute: number | undefined,
): EmulatedInstanceEvent[] {
  const steps: Array<[number, string, string]> = [
    [startedMinute, "scheduled", "Instance scheduled"],
    [startedMinute + 0.5, "allocated", `Instance allocated on ${instance.hypervisor}`],
    [startedMinute + 1, "started", "Instance started"],
  ];
  if (instance.status === "ERROR")
    steps.push([startedMinute + 2, "error", "Instance exited with code 1: application crashed at start"]);
  else steps.push([startedMinute + 2, "healthy", "Health checks are passing"]);
  if (instance.status === "UNHEALTHY")
    steps.push([startedMinute + 30, "unhealthy", "TCP health check on port 8000 failed"]);
  if (instance.status === "SLEEPING")
    steps.push([startedMinute + 60, "sleeping", "Instance scaled to zero after 60 minutes without traffic"]);
  if (endedMinute !== undefined && instance.status === "STOPPED") {
    steps.push([endedMinute, "stopping", "A newer deployment replaced this instance"]);
    steps.push([endedMinute + 0.5, "stopped", "Instance stopped"]);
  }
  return steps.map(([minute, type, message], index) => ({
    id: koyebUuid("event", instance.id, String(index)),
    when: at(minute),
    organization_id: instance.organization_id,
    instance_id: instance.id,
    type,
    message,
    metadata: { status: type.toUpperCase() },
  }));
}

/** Builds the initial state. */
export function seedKoyeb(): KoyebState {
  const state: KoyebState = { instances: {}, events: [] };
  for (const plan of DEPLOYMENTS) {
    const service = KOYEB_SERVICES[plan.service];
    const deploymentId = koyebUuid("deployment", plan.service, String(plan.version));
    const total = plan.regions.reduce((sum, r) => sum + r.replicas, 0);
    let seen = 0;
    for (const { region, replicas } of plan.regions) {
      const regionalDeploymentId = koyebUuid("regional-deployment", plan.service, String(plan.version), region);
      for (let replica = 0; replica < replicas; replica++) {
        seen++;
        const id = koyebUuid("instance", plan.service, String(plan.version), region, String(replica));
        const status = seen === total && plan.lastReplicaStatus ? plan.lastReplicaStatus : plan.status;
        const hypervisor = `hv-${region}1-${(replica * 7 + plan.version) % 40}`;
        const instance: EmulatedKoyebInstance = {
          id,
          created_at: at(plan.startedMinute),
          updated_at: at(plan.endedMinute ?? plan.startedMinute + 2),
          organization_id: KOYEB_ORGANIZATION_ID,
          app_id: KOYEB_APP.id,
          service_id: service.id,
          regional_deployment_id: regionalDeploymentId,
          allocation_id: koyebUuid("allocation", id),
          type: plan.service === "web" ? "small" : "nano",
          replica_index: replica,
          region,
          datacenter: `${region}1`,
          hypervisor,
          status,
          messages:
            status === "ERROR"
              ? ["Instance exited with code 1"]
              : status === "UNHEALTHY"
                ? ["TCP health check on port 8000 failed"]
                : [],
          started_at: at(plan.startedMinute + 1),
          ...(status === "STOPPED" ? { succeeded_at: at(plan.endedMinute ?? plan.startedMinute) } : {}),
          ...(plan.endedMinute !== undefined ? { terminated_at: at(plan.endedMinute + 0.5) } : {}),
          xyz_deployment_id: deploymentId,
          env: {
            HOSTNAME: `${plan.service}-${id.slice(0, 8)}`,
            KOYEB_APP_NAME: KOYEB_APP.name,
            KOYEB_SERVICE_NAME: service.name,
            KOYEB_INSTANCE_ID: id,
            KOYEB_REGION: region,
            KOYEB_REPLICA_INDEX: String(replica),
            PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            PORT: "8000",
          },
        };
        state.instances[id] = instance;
        state.events.push(...eventsFor(instance, plan.startedMinute, plan.endedMinute));
      }
    }
  }
  return state;
}
