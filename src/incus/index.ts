/** Incus (and LXD): instances, snapshots, and the operations API. */
export { IncusRemote, type IncusRemoteArgs } from "./account";
export { IncusInstance, IncusInstanceSnapshot } from "./resources";
export {
  listIncusOperations,
  listIncusOperationsOutput,
  getIncusOperation,
  getIncusOperationOutput,
  waitIncusOperation,
  waitIncusOperationOutput,
  cancelIncusOperation,
  connectIncusOperationWebsocket,
  type IncusOperationWebsocket,
  type GetIncusOperationOutputArgs,
  type ListIncusOperationsOutputArgs,
  type WaitIncusOperationOutputArgs,
} from "./operations";
export {
  getIncusInstance,
  getIncusInstanceOutput,
  listIncusInstances,
  listIncusInstancesOutput,
  type GetIncusInstanceOutputArgs,
  type ListIncusInstancesOutputArgs,
  type ListIncusInstancesResult,
} from "./functions";
export type {
  IncusInstanceArgs,
  IncusInstanceOutputProperties,
  IncusInstanceSnapshotArgs,
  IncusInstanceSnapshotOutputProperties,
  GetIncusInstanceArgs,
  GetIncusInstanceResult,
  ListIncusInstancesArgs,
  GetIncusOperationArgs,
  GetIncusOperationResult,
  ListIncusOperationsArgs,
  WaitIncusOperationArgs,
  CancelIncusOperationArgs,
  ConnectIncusOperationWebsocketArgs,
} from "./types";
