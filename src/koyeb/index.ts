export {
  execKoyebInstance,
  getKoyebInstance,
  listKoyebInstanceEvents,
  listKoyebInstances,
  type ExecKoyebInstanceArgs,
  type ListKoyebInstanceEventsArgs,
  type ListKoyebInstancesArgs,
} from "./functions";
export { type KoyebExecResult, type KoyebInstance, type KoyebInstanceEvent, type KoyebInstanceStatus } from "./types";
