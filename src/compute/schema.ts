/** Inputs and outputs of ComputeInstance (generic Instances API), with their validation rules. */
import { z } from "zod";
import { encodedUserDataSize } from "../core/user-data";

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const LABEL_KEY = /^[a-z0-9]([a-z0-9._/-]{0,61}[a-z0-9])?$/i;

export const ComputeInstanceInputs = z.strictObject({
  name: z.string().regex(NAME, "must be 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit"),
  labels: z
    .record(z.string().regex(LABEL_KEY, "label keys are 1-63 letters, digits, '.', '_', '/' or '-'"), z.string().max(63, "label values are at most 63 characters"))
    .optional(),
  type: z.string().min(1, "must name a server type, e.g. cx31"),
  image: z.string().min(1, "must name an OS image, e.g. ubuntu-22.04"),
  vcpus: z.number().int().min(1).max(256).optional(),
  memoryMb: z.number().int().min(128).max(4_194_304).optional(),
  diskGb: z.number().int().min(1).max(65_536).optional(),
  vpcId: z.string().min(1).optional(),
  subnetId: z.string().min(1).optional(),
  securityGroups: z.array(z.string().min(1)).optional(),
  sshKeyIds: z.array(z.string().min(1)).optional(),
  /** Plain-text cloud-init; encoded to base64 for the API. */
  userData: z
    .string()
    .refine((text) => encodedUserDataSize(text) <= 32_768, "must be at most 32 KiB once base64-encoded")
    .optional(),
  /** Take over this existing instance (its id) instead of creating one. */
  adoptId: z.string().regex(/^[A-Za-z0-9._-]+$/, "must be an instance id such as inst-a1b2c3").optional(),
  /** Pulumi `protect` only: the API has no server-side protection. */
  deletionProtection: z.boolean().optional(),
  timeouts: z
    .strictObject({
      create: z.number().int().positive().describe("seconds").optional(),
      delete: z.number().int().positive().describe("seconds").optional(),
    })
    .optional(),
});
export type ComputeInstanceInputs = z.infer<typeof ComputeInstanceInputs>;

/** Outputs: every input plus the instance's status. */
export interface ComputeInstanceOutputs extends ComputeInstanceInputs {
  state: string;
  hostId: string;
  privateIp: string;
  publicIp: string;
  createdAt?: string;
  /** Marker label set at creation so a lost create response leads to adoption, not a duplicate. */
  creationToken?: string;
}
