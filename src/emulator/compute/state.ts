/** What the emulated Instances API holds (one store slice, persisted with the emulator's state file). */
import { randomBytes } from "node:crypto";
import type { EmulatorContext } from "../api";

export interface EmulatedComputeInstance {
  id: string;
  metadata: { name: string; labels: Record<string, string>; created_at: string };
  spec: {
    type: string;
    image: string;
    vcpus?: number;
    memory_mb?: number;
    disk_gb?: number;
    vpc_id?: string;
    subnet_id?: string;
    security_groups?: string[];
    ssh_key_ids?: string[];
    user_data?: string;
  };
  status: { state: string; host_id: string; private_ip: string; public_ip: string };
}

export interface ComputeState {
  instances: Record<string, EmulatedComputeInstance>;
}

/** The API's store slice, empty on first use. */
export function stateOf(ctx: EmulatorContext): ComputeState {
  return ctx.store.slice<ComputeState>("compute", () => ({ instances: {} }));
}

/** An address in `prefix` (two octets, e.g. "10.0"). */
export function randomIp(prefix: string): string {
  const [a, b] = randomBytes(2);
  return `${prefix}.${(a % 250) + 2}.${(b % 250) + 2}`;
}
