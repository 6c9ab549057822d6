/** The ExoscaleInstance resource class (program side). */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResource, instanceOptions, pausePromiseStacks, resourceProps } from "../core/resource";
import { EXOSCALE_INSTANCE_OUTPUTS, type ExoscaleInstanceArgs, type ExoscaleInstanceOutputProperties } from "./types";

/**
 * An Exoscale compute instance (API v2). Changes are applied in place with the matching instance
 * operation where the API has one, with a replacement otherwise; `password` is a secret output.
 * Its `id` is `zone/uuid`, the form `ExoscaleInstance.get`, `adoptId` and the functions take.
 * Credentials: `exoscale:apiKey` / `exoscale:apiSecret`, or EXOSCALE_API_KEY / EXOSCALE_API_SECRET.
 *
 * @example
 * ```ts
 * import * as pulumi from "@pulumi/pulumi";
 * import { ExoscaleInstance, getExoscaleInstanceOutput } from "pulumi-dynamic-compute";
 *
 * const web = new ExoscaleInstance("web", {
 *   zone: "ch-gva-2",
 *   name: "web-1",
 *   instanceType: "standard.small",
 *   template: "Linux Ubuntu 24.04 LTS 64-bit",
 *   diskSize: 20,
 *   labels: { team: "platform" },
 *   userData: pulumi.secret("#cloud-config\npackages: [nginx]\n"),
 *   deletionProtection: true,
 * });
 * export const publicIp = web.publicIp;
 * export const sameName = getExoscaleInstanceOutput({ id: web.id }).name;
 * ```
 */
/** The `deletionProtection` each instance was declared with (a plain boolean), for its snapshots. */
const declaredProtection = new WeakMap<object, boolean>();

/**
 * The `deletionProtection` the program declares for `instance` (undefined when unset or read with
 * `get`). Known at preview, unlike the output, which is unknown there when the state lacks it.
 */
export function declaredDeletionProtection(instance: ExoscaleInstance): boolean | undefined {
  return declaredProtection.get(instance);
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the merged interface holds the output properties, which the engine sets, not this class
export class ExoscaleInstance extends pulumi.CustomResource {
  /**
   * Reads an existing instance by its id, `zone/uuid`, into the program as a read-only resource:
   * Pulumi never changes or deletes it.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): ExoscaleInstance {
    return new ExoscaleInstance(name, {} as ExoscaleInstanceArgs, { ...opts, id });
  }

  constructor(name: string, args: ExoscaleInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const stacks = pausePromiseStacks();
    try {
      super(
        ...dynamicResource(
          "exoscale:Instance",
          name,
          resourceProps(EXOSCALE_INSTANCE_OUTPUTS, args, name),
          instanceOptions(args.deletionProtection, opts, ["password"]),
        ),
      );
    } catch (error) {
      throw stacks.failed(error);
    } finally {
      stacks.resume();
    }
    if (typeof args.deletionProtection === "boolean") declaredProtection.set(this, args.deletionProtection);
  }
}

// The output properties, printed from the schema (types.ts), merged into the class.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface ExoscaleInstance extends ExoscaleInstanceOutputProperties {}
