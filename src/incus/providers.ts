/** The Incus resources' providers, loaded by the provider runtime by type name. */
import { dynamicProvider } from "../core/provider";
import { incusInstanceDefinition } from "./instance-provider";
import { incusInstanceSnapshotDefinition } from "./snapshot-provider";

/** `pulumi-nodejs:dynamic/incus:Instance`. */
export const Instance = dynamicProvider(incusInstanceDefinition);
/** `pulumi-nodejs:dynamic/incus:InstanceSnapshot`. */
export const InstanceSnapshot = dynamicProvider(incusInstanceSnapshotDefinition);
