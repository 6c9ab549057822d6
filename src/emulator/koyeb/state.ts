/**
 * What the emulated Koyeb API holds (one store slice, persisted with the emulator's state file) and
 * how its instances look on the wire.
 */
import type { KoyebInstanceStatus } from "../../koyeb/schema";

export interface EmulatedKoyebInstance {
  id: string;
  created_at: string;
  updated_at: string;
  organization_id: string;
  app_id: string;
  service_id: string;
  regional_deployment_id: string;
  allocation_id: string;
  type: string;
  replica_index: number;
  region: string;
  datacenter: string;
  hypervisor: string;
  status: KoyebInstanceStatus;
  messages: string[];
  started_at: string;
  succeeded_at?: string;
  terminated_at?: string;
  xyz_deployment_id: string;
  /** Emulator-only: the environment `env` prints in exec sessions. */
  env: Record<string, string>;
}

export interface EmulatedInstanceEvent {
  id: string;
  when: string;
  organization_id: string;
  instance_id: string;
  type: string;
  message: string;
  metadata: Record<string, unknown>;
}

export interface KoyebState {
  instances: Record<string, EmulatedKoyebInstance>;
  events: EmulatedInstanceEvent[];
}

/** What the API returns for an instance: the stored one without emulator-only fields. */
export function publicInstance(instance: EmulatedKoyebInstance): Omit<EmulatedKoyebInstance, "env"> {
  const { env: _env, ...rest } = instance;
  return rest;
}

/** The list item omits the details only GetInstance returns. */
export function listItem(instance: EmulatedKoyebInstance) {
  const { env: _env, hypervisor: _h, started_at: _s, succeeded_at: _ok, terminated_at: _t, ...rest } = instance;
  return rest;
}
