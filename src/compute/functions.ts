/** Read-only functions for the generic Instances API, each as `fn(args, opts?)` and `fnOutput(args, opts?)`. */
import type * as pulumi from "@pulumi/pulumi";
import { parseArguments } from "../core/arguments";
import {
  type FunctionOptions,
  type FunctionOutputOptions,
  type InputArgs,
  inAccount,
  onFirstCall,
  outputForm,
} from "../core/functions";
import type { ApiComputeInstance } from "./client";
import type { GetComputeInstanceArgs, GetComputeInstanceResult, ListComputeInstancesArgs } from "./types";

export type GetComputeInstanceOutputArgs = InputArgs<GetComputeInstanceArgs>;
export type ListComputeInstancesOutputArgs = InputArgs<ListComputeInstancesArgs>;
export type ListComputeInstancesResult = GetComputeInstanceResult[];

const owner = (operation: string) => ({ cloud: "compute", operation });

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on the first call (see core/functions.ts) */
const callTime = onFirstCall(() => ({
  schema: require("./schema") as typeof import("./schema"),
  ComputeClient: (require("./client") as typeof import("./client")).ComputeClient,
  CREATION_TOKEN_LABEL: (require("../core/creation-token") as typeof import("../core/creation-token"))
    .CREATION_TOKEN_LABEL,
  decodeUserData: (require("../core/user-data") as typeof import("../core/user-data")).decodeUserData,
}));
/* eslint-enable @typescript-eslint/no-require-imports */

function info(instance: ApiComputeInstance): GetComputeInstanceResult {
  const { CREATION_TOKEN_LABEL, decodeUserData } = callTime();
  const { [CREATION_TOKEN_LABEL]: _token, ...labels } = instance.metadata.labels ?? {};
  return {
    id: instance.id,
    name: instance.metadata.name,
    labels,
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

/** One instance by its id (GET /v1/instances/{id}); rejects with NotFoundError when it does not exist. */
export async function getComputeInstance(
  args: GetComputeInstanceArgs,
  opts?: FunctionOptions,
): Promise<GetComputeInstanceResult> {
  return inAccount(opts, async () => {
    const { schema, ComputeClient } = callTime();
    const { id } = parseArguments(schema.GetComputeInstanceArgs, args, owner("getComputeInstance"));
    return info(await ComputeClient.fromSettings().getInstance(id));
  });
}

/** {@link getComputeInstance} taking Inputs, e.g. `getComputeInstanceOutput({ id: vm.id })`. */
export function getComputeInstanceOutput(
  args: GetComputeInstanceOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<GetComputeInstanceResult> {
  return outputForm(getComputeInstance, args, opts);
}

/** Every instance (GET /v1/instances), narrowed by labels and name when given. */
export async function listComputeInstances(
  args: ListComputeInstancesArgs = {},
  opts?: FunctionOptions,
): Promise<ListComputeInstancesResult> {
  return inAccount(opts, async () => {
    const { schema, ComputeClient } = callTime();
    const filters = parseArguments(schema.ListComputeInstancesArgs, args, owner("listComputeInstances"));
    const all = (await ComputeClient.fromSettings().listInstances()).map(info);
    return all.filter(
      (instance) =>
        (filters.name === undefined || instance.name === filters.name) &&
        Object.entries(filters.labels ?? {}).every(([key, value]) => instance.labels[key] === value),
    );
  });
}

/** {@link listComputeInstances} taking Inputs. */
export function listComputeInstancesOutput(
  args: ListComputeInstancesOutputArgs = {},
  opts?: FunctionOutputOptions,
): pulumi.Output<ListComputeInstancesResult> {
  return outputForm(listComputeInstances, args, opts);
}
