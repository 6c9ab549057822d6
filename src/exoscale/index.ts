export { ExoscaleAccount, type ExoscaleAccountArgs } from "./account";
export { ExoscaleInstance, ExoscaleInstanceSnapshot } from "./resources";
export {
  getExoscaleInstance,
  getExoscaleInstanceOutput,
  listExoscaleInstances,
  listExoscaleInstancesOutput,
  getExoscaleConsoleUrl,
  getExoscaleConsoleUrlOutput,
  revealExoscaleInstancePassword,
  revealExoscaleInstancePasswordOutput,
  type GetExoscaleInstanceOutputArgs,
  type ListExoscaleInstancesOutputArgs,
  type ListExoscaleInstancesResult,
  type GetExoscaleConsoleUrlOutputArgs,
  type RevealExoscaleInstancePasswordOutputArgs,
} from "./functions";
export type {
  ExoscaleInstanceArgs,
  ExoscaleInstanceOutputProperties,
  ExoscaleInstanceSnapshotArgs,
  ExoscaleInstanceSnapshotOutputProperties,
  GetExoscaleInstanceArgs,
  GetExoscaleInstanceResult,
  ListExoscaleInstancesArgs,
  GetExoscaleConsoleUrlArgs,
  GetExoscaleConsoleUrlResult,
  RevealExoscaleInstancePasswordArgs,
  RevealExoscaleInstancePasswordResult,
} from "./types";
