/** The Scaleway resources' providers, loaded by the provider runtime by type name. */
import { dynamicProvider } from "../core/provider";
import { scalewayImageDefinition } from "./image-provider";

export const Image = dynamicProvider(scalewayImageDefinition);
