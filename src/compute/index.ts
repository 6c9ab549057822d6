export { ComputeInstance, type ComputeInstanceArgs } from "./instance";
export { getComputeInstance, listComputeInstances, type ComputeInstanceInfo } from "./functions";
