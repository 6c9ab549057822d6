/**
 * The emulator's public types: how to start it, what it hands back, and the objects it can hold
 * as if they had been made outside Pulumi (`seed`, `--seed FILE`, `POST /_emulator/objects`).
 * Kept free of Node and server types so the package's declarations stay self-contained.
 */
import type { GetComputeInstanceResult } from "../compute/types";
import type { FaultRule } from "./faults";

/** Credentials the emulator accepts and hands out in its startup `env`. */
export interface EmulatorCredentials {
  exoscaleApiKey: string;
  exoscaleApiSecret: string;
  /** A second Exoscale key pair, signing into an organization of its own (programs with two accounts). */
  exoscaleSecondApiKey: string;
  exoscaleSecondApiSecret: string;
  scalewaySecretKey: string;
  scalewayProjectId: string;
  koyebToken: string;
  computeToken: string;
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Persist state to this JSON file and reload it on start. */
  stateFile?: string;
  /** Duration of asynchronous operations in ms (default 300). */
  opDelayMs?: number;
  /** Fault rules active from the start (also COMPUTE_EMULATOR_FAULTS, a JSON array). */
  faults?: FaultRule[];
  /** Requests per second allowed before 429 (also COMPUTE_EMULATOR_RATE_LIMIT). */
  rateLimit?: { requestsPerSecond: number; burst?: number };
  credentials?: Partial<EmulatorCredentials>;
  /**
   * Objects that exist from the start as if made outside Pulumi (to try `adoptId`, for one), or the
   * path of a JSON file holding them. An object given with an `id` that the state file already
   * holds is left as it is, so restarting with the same seed and state file adds nothing.
   */
  seed?: EmulatorSeed | string;
}

export interface RecordedCall {
  method: string;
  path: string;
  status: number;
  at: string;
  /** Query string, when there was one. */
  query?: string;
  /** The injected fault, when one was applied. */
  fault?: string;
}

export interface Emulator {
  /** Base URL, e.g. "http://127.0.0.1:43117". */
  url: string;
  /** Variables that point every client at this emulator. */
  env: Record<string, string>;
  /** The ids of the objects `seed` made, in each resource's id form (what adoptId takes). */
  seeded: SeededObjects;
  /** Stops the server and its timers, and writes the state file. */
  close(): Promise<void>;
}

/** An Exoscale instance made outside Pulumi. Unset fields take the values `POST /v2/instance` would. */
export interface SeedExoscaleInstance {
  /** UUID; a new one when unset. */
  id?: string;
  /** Zone of the id handed back (the emulator serves every zone on one endpoint); default ch-gva-2. */
  zone?: string;
  name: string;
  /** `family.size`; default standard.small. */
  instanceType?: string;
  /** Template name; default "Linux Ubuntu 24.04 LTS 64-bit". */
  template?: string;
  /** GiB; default 10. */
  diskSize?: number;
  labels?: Record<string, string>;
  /** Plain-text cloud-init (stored base64, as the API does). */
  userData?: string;
  /** Default running. */
  state?: "running" | "stopped";
  publicIpAssignment?: "inet4" | "dual" | "none";
  sshKeys?: string[];
  securityGroupIds?: string[];
  tpmEnabled?: boolean;
  secureBootEnabled?: boolean;
  deletionProtection?: boolean;
  /** Snapshots of the instance, ready. */
  snapshots?: Array<{ id?: string; name?: string }>;
}

/** A Scaleway image made outside Pulumi. */
export interface SeedScalewayImage {
  /** UUID; a new one when unset. */
  id?: string;
  /** Default fr-par-1. */
  zone?: string;
  name: string;
  /** Snapshot UUID of the root volume, in the zone; default the zone's first seeded snapshot. */
  rootVolume?: string;
  /** Default x86_64. */
  arch?: "x86_64" | "arm" | "arm64";
  extraVolumes?: string[];
  tags?: string[];
  public?: boolean;
  /** Default the emulator's project (SCW_DEFAULT_PROJECT_ID). */
  project?: string;
}

/** An instance of the generic Instances API made outside Pulumi, running. */
export interface SeedComputeInstance extends Pick<
  Partial<GetComputeInstanceResult>,
  "labels" | "userData" | "vcpus" | "memoryMb" | "diskGb" | "vpcId" | "subnetId" | "securityGroups" | "sshKeyIds"
> {
  /** Default a new `inst-…` id. */
  id?: string;
  name: string;
  /** Default cx21. */
  type?: string;
  /** Default ubuntu-22.04. */
  image?: string;
}

/** Objects to hold as if made outside Pulumi (`--seed FILE`, `POST /_emulator/objects`). */
export interface EmulatorSeed {
  exoscale?: { instances?: SeedExoscaleInstance[] };
  scaleway?: { images?: SeedScalewayImage[] };
  compute?: { instances?: SeedComputeInstance[] };
}

/** The ids of seeded objects, in the same order, in each resource's id form. */
export interface SeededObjects {
  exoscale?: { instances: Array<{ id: string; name: string; snapshots: Array<{ id: string }> }> };
  scaleway?: { images: Array<{ id: string; name: string }> };
  compute?: { instances: Array<{ id: string; name: string }> };
}

/**
 * Changes to objects that already exist, as if made in a console behind Pulumi's back
 * (`PATCH /_emulator/objects`, `compute-emulator change`): each entry names the object by `id`
 * (the resource's id, with or without its zone) and sets the fields it lists; maps and lists
 * replace the whole value.
 */
export interface EmulatorChanges {
  exoscale?: {
    instances?: Array<{
      id: string;
      name?: string;
      /** `family.size`. */
      instanceType?: string;
      /** GiB; only grows. */
      diskSize?: number;
      labels?: Record<string, string>;
      state?: "running" | "stopped";
      deletionProtection?: boolean;
      /** Plain-text cloud-init; "" removes it. */
      userData?: string;
    }>;
  };
  scaleway?: { images?: Array<{ id: string; name?: string; tags?: string[]; public?: boolean }> };
  compute?: {
    instances?: Array<{
      id: string;
      name?: string;
      type?: string;
      image?: string;
      labels?: Record<string, string>;
      /** Plain-text cloud-init; "" removes it. */
      userData?: string;
      state?: "running" | "stopped";
    }>;
  };
}

/** What a change did: per object, the id as given and the fields it set. */
export interface ChangedObjects {
  exoscale?: { instances: Array<{ id: string; changed: string[] }> };
  scaleway?: { images: Array<{ id: string; changed: string[] }> };
  compute?: { instances: Array<{ id: string; changed: string[] }> };
}
