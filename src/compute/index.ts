export { ComputeAccount, type ComputeAccountArgs } from "./account";
export { ComputeInstance } from "./resources";
export {
  getComputeInstance,
  getComputeInstanceOutput,
  listComputeInstances,
  listComputeInstancesOutput,
  type GetComputeInstanceOutputArgs,
  type ListComputeInstancesOutputArgs,
  type ListComputeInstancesResult,
} from "./functions";
export type {
  ComputeInstanceArgs,
  ComputeInstanceOutputProperties,
  GetComputeInstanceArgs,
  GetComputeInstanceResult,
  ListComputeInstancesArgs,
} from "./types";
