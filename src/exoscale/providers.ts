/** The Exoscale resources' providers, loaded by the provider runtime by type name. */
import { dynamicProvider } from "../core/provider";
import { exoscaleInstanceDefinition } from "./instance-provider";
import { exoscaleSnapshotDefinition } from "./snapshot-provider";

export const Instance = dynamicProvider(exoscaleInstanceDefinition);
export const InstanceSnapshot = dynamicProvider(exoscaleSnapshotDefinition);
