/**
 * The one description of ComputeInstance and its functions: inputs with the rules `check` applies
 * before any API call, outputs, and each function's arguments and result. The public TypeScript
 * types (types.ts) are printed from these schemas, descriptions included.
 */
import { z } from "zod";
import { encodedUserDataSize } from "../core/user-data";

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const LABEL_KEY = /^[a-z0-9]([a-z0-9._/-]{0,61}[a-z0-9])?$/i;
/** The API's instance ids: `inst-…`. */
const INSTANCE_ID = /^[A-Za-z0-9._-]+$/;
const replaces = "A change replaces the instance (the API has no update).";

export const ComputeInstanceInputs = z.strictObject({
  name: z
    .string()
    .regex(NAME, "must be 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit")
    .describe(`Unique instance name: 1-63 lowercase letters, digits or hyphens. ${replaces}`),
  labels: z
    .record(
      z.string().regex(LABEL_KEY, "label keys are 1-63 letters, digits, '.', '_', '/' or '-'"),
      z.string().max(63, "label values are at most 63 characters"),
    )
    .optional()
    .describe(`Labels. ${replaces}`),
  type: z.string().min(1, "must name a server type, e.g. cx31").describe(`Server type, e.g. \`cx31\`. ${replaces}`),
  image: z
    .string()
    .min(1, "must name an OS image, e.g. ubuntu-22.04")
    .describe(`OS image, e.g. \`ubuntu-22.04\`. ${replaces}`),
  vcpus: z.number().int().min(1).max(256).optional().describe(`Virtual CPUs, 1-256. ${replaces}`),
  memoryMb: z.number().int().min(128).max(4_194_304).optional().describe(`Memory in MiB. ${replaces}`),
  diskGb: z.number().int().min(1).max(65_536).optional().describe(`Disk in GB. ${replaces}`),
  vpcId: z.string().min(1).optional().describe(`VPC to attach to. ${replaces}`),
  subnetId: z.string().min(1).optional().describe(`Subnet to attach to. ${replaces}`),
  securityGroups: z
    .array(z.string().min(1))
    .optional()
    .describe(`Security group ids (order does not matter). ${replaces}`),
  sshKeyIds: z.array(z.string().min(1)).optional().describe(`SSH key ids (order does not matter). ${replaces}`),
  userData: z
    .string()
    .refine((text) => encodedUserDataSize(text) <= 32_768, "must be at most 32 KiB once base64-encoded")
    .optional()
    .describe(
      `Plain-text cloud-init, encoded to base64 for you. Wrap it in \`pulumi.secret()\` to keep it encrypted in state. ${replaces}`,
    ),
  adoptId: z
    .string()
    .regex(INSTANCE_ID, "must be an instance id such as inst-a1b2c3")
    .optional()
    .describe(
      "Take over an existing instance by its id instead of creating one: inputs left unset take the instance's values, and a difference is refused (nothing can change in place).",
    ),
  deletionProtection: z
    .boolean()
    .optional()
    .describe("Sets Pulumi's `protect` option unless you set it yourself (the API has no server-side protection)."),
  timeouts: z
    .strictObject({
      create: z.number().int().positive().optional().describe("Seconds to wait for the create to finish."),
      delete: z.number().int().positive().optional().describe("Seconds to wait for the delete to finish."),
    })
    .optional()
    .describe("Wait limits in seconds (default 1200 each): dynamic resources do not receive Pulumi's customTimeouts."),
});
export type ComputeInstanceInputs = z.infer<typeof ComputeInstanceInputs>;

/** What the API reports about an instance besides its spec. */
const instanceStatus = {
  state: z.string().describe("`provisioning`, `running`, `stopping`, `stopped` or `terminated`."),
  hostId: z.string().describe("The host the instance runs on."),
  privateIp: z.string().describe("Private IP address."),
  publicIp: z.string().describe("Public IP address."),
  createdAt: z.string().optional().describe("When the instance was created (RFC 3339)."),
};

/** Outputs: every input plus the instance's status. */
export const ComputeInstanceOutputs = z.object({
  ...ComputeInstanceInputs.shape,
  ...instanceStatus,
  creationToken: z.string().optional().meta({
    internal: true,
    description: "Marker label set at creation so a lost create response leads to adoption, not a duplicate.",
  }),
});
export type ComputeInstanceOutputs = z.infer<typeof ComputeInstanceOutputs>;

// Functions.

export const GetComputeInstanceArgs = z.strictObject({
  id: z
    .string()
    .regex(INSTANCE_ID, "must be an instance id such as inst-a1b2c3")
    .describe("The instance's id, as ComputeInstance reports it (`instance.id`)."),
});

const spec = ComputeInstanceInputs.shape;
export const GetComputeInstanceResult = z.object({
  id: z.string().describe("The instance's id: what ComputeInstance reports as its id and what adoptId takes."),
  name: spec.name.describe("Instance name."),
  labels: z.record(z.string(), z.string()).describe("Labels (the provider's own creation marker left out)."),
  type: z.string().describe("Server type."),
  image: z.string().describe("OS image."),
  vcpus: z.number().optional().describe("Virtual CPUs."),
  memoryMb: z.number().optional().describe("Memory in MiB."),
  diskGb: z.number().optional().describe("Disk in GB."),
  vpcId: z.string().optional().describe("VPC."),
  subnetId: z.string().optional().describe("Subnet."),
  securityGroups: z.array(z.string()).optional().describe("Security group ids."),
  sshKeyIds: z.array(z.string()).optional().describe("SSH key ids."),
  userData: z.string().optional().describe("Decoded cloud-init text (the API stores base64)."),
  ...instanceStatus,
});
export type GetComputeInstanceResult = z.infer<typeof GetComputeInstanceResult>;

export const ListComputeInstancesArgs = z.strictObject({
  labels: z.record(z.string(), z.string()).optional().describe("Only instances carrying every one of these labels."),
  name: z.string().min(1).optional().describe("Only the instance with this name."),
});
