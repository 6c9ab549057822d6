/** Incus (and LXD): instances, snapshots, and the operations API (`/1.0/operations`). */
export { IncusInstance, type IncusInstanceArgs } from "./instance";
export { IncusInstanceSnapshot, type IncusInstanceSnapshotArgs } from "./snapshot";
export {
  listIncusOperations,
  getIncusOperation,
  waitIncusOperation,
  cancelIncusOperation,
  connectIncusOperationWebsocket,
  type IncusOperationInfo,
  type IncusOperationCallOptions,
  type ListIncusOperationsArgs,
  type WaitIncusOperationOptions,
  type ConnectIncusOperationWebsocketOptions,
} from "./operations";
export { getIncusInstance, listIncusInstances, type IncusInstanceInfo } from "./functions";
