export { ExoscaleInstance, type ExoscaleInstanceArgs } from "./instance";
export { ExoscaleInstanceSnapshot, type ExoscaleInstanceSnapshotArgs } from "./snapshot";
export {
  getExoscaleInstance,
  listExoscaleInstances,
  getExoscaleConsoleUrl,
  revealExoscaleInstancePassword,
  type ExoscaleInstanceInfo,
  type ListExoscaleInstancesArgs,
} from "./functions";
