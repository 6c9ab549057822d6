/** The Incus resources' providers, loaded by the provider runtime by type name. */
import { dynamicProvider } from "../core/provider";
import { incusInstanceDefinition } from "./instance-provider";
import { incusInstanceSnapshotDefinition } from "./snapshot-provider";

export const Instance = dynamicProvider(incusInstanceDefinition);
export const InstanceSnapshot = dynamicProvider(incusInstanceSnapshotDefinition);
