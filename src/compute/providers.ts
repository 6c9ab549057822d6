/** The compute resources' providers, loaded by the provider runtime by type name. */
import { dynamicProvider } from "../core/provider";
import { computeInstanceDefinition } from "./instance-provider";

export const Instance = dynamicProvider(computeInstanceDefinition);
