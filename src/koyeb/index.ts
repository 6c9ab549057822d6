export { KoyebAccount, type KoyebAccountArgs } from "./account";
export {
  execKoyebInstance,
  execKoyebInstanceOutput,
  getKoyebInstance,
  getKoyebInstanceOutput,
  listKoyebInstanceEvents,
  listKoyebInstanceEventsOutput,
  listKoyebInstances,
  listKoyebInstancesOutput,
  type ExecKoyebInstanceOutputArgs,
  type GetKoyebInstanceOutputArgs,
  type ListKoyebInstanceEventsOutputArgs,
  type ListKoyebInstanceEventsResult,
  type ListKoyebInstancesOutputArgs,
  type ListKoyebInstancesResult,
} from "./functions";
export type {
  ExecKoyebInstanceArgs,
  ExecKoyebInstanceResult,
  GetKoyebInstanceArgs,
  GetKoyebInstanceResult,
  KoyebInstanceEvent,
  ListKoyebInstanceEventsArgs,
  ListKoyebInstancesArgs,
} from "./types";
