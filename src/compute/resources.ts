/** The ComputeInstance resource class (program side), made from its entry in src/kinds.ts. */
import { resourceClass } from "../core/resource-class";
import { kindOf } from "../kinds";
import {
  COMPUTE_INSTANCE_OUTPUTS,
  type ComputeInstanceArgs,
  type ComputeInstance as ComputeInstanceResource,
} from "./types";

/**
 * An instance on the generic Instances API. Create and delete wait on the API's operation through
 * the Incus-style `/1.0/operations/{id}/wait` long-poll; the API has no update, so every input
 * change replaces the instance. Its `id` is the API's instance id, the form `ComputeInstance.get`,
 * `adoptId` and the functions take. Endpoint and token: `compute:endpoint` / `compute:token`, or
 * COMPUTE_API_URL / COMPUTE_API_TOKEN.
 *
 * @example
 * ```ts
 * import { ComputeInstance, getComputeInstanceOutput } from "pulumi-dynamic-compute";
 *
 * const vm = new ComputeInstance("web", { name: "web-server-01", type: "cx31", image: "ubuntu-22.04", labels: { team: "platform" } });
 * export const privateIp = vm.privateIp;
 * export const host = getComputeInstanceOutput({ id: vm.id }).hostId;
 * ```
 */
export const ComputeInstance = resourceClass<ComputeInstanceArgs, ComputeInstanceResource>(
  kindOf("ComputeInstance"),
  COMPUTE_INSTANCE_OUTPUTS,
);
export type ComputeInstance = ComputeInstanceResource;
