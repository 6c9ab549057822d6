/** The Exoscale resource classes (program side), made from their entries in src/kinds.ts. */
import { childOptions } from "../core/resource";
import { resourceClass } from "../core/resource-class";
import { kindOf } from "../kinds";
import {
  EXOSCALE_INSTANCE_OUTPUTS,
  EXOSCALE_INSTANCE_SNAPSHOT_OUTPUTS,
  type ExoscaleInstanceArgs,
  type ExoscaleInstance as ExoscaleInstanceResource,
  type ExoscaleInstanceSnapshotArgs,
  type ExoscaleInstanceSnapshot as ExoscaleInstanceSnapshotResource,
} from "./types";

/** The `deletionProtection` each instance was declared with (a plain boolean), for its snapshots. */
const declaredProtection = new WeakMap<object, boolean>();

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
export const ExoscaleInstance = resourceClass<ExoscaleInstanceArgs, ExoscaleInstanceResource>(
  kindOf("ExoscaleInstance"),
  EXOSCALE_INSTANCE_OUTPUTS,
  {
    created(resource, args) {
      if (typeof args.deletionProtection === "boolean") declaredProtection.set(resource, args.deletionProtection);
    },
  },
);
export type ExoscaleInstance = ExoscaleInstanceResource;

/**
 * A snapshot of an Exoscale instance's disk (`:create-snapshot`), ready when created. Deleting it
 * after its instance is gone succeeds. Its `id` is `zone/uuid`; to revert the instance to it, set
 * the instance's `restoreSnapshotId` to that id.
 *
 * @example
 * ```ts
 * import { ExoscaleInstance, ExoscaleInstanceSnapshot } from "pulumi-dynamic-compute";
 *
 * const web = new ExoscaleInstance("web", { zone: "ch-gva-2", name: "web-1", instanceType: "standard.small", template: "Linux Ubuntu 24.04 LTS 64-bit" });
 * const nightly = new ExoscaleInstanceSnapshot("nightly", { instance: web });
 * export const snapshotId = nightly.id;
 * ```
 */
export const ExoscaleInstanceSnapshot = resourceClass<ExoscaleInstanceSnapshotArgs, ExoscaleInstanceSnapshotResource>(
  kindOf("ExoscaleInstanceSnapshot"),
  EXOSCALE_INSTANCE_SNAPSHOT_OUTPUTS,
  {
    // `get` passes no instance: the read fills every output from the snapshot itself.
    inputs({ instance, ...rest }) {
      // The instance's protection travels with the snapshot, because the snapshot's delete needs it
      // and Exoscale never shows it. The declared value (known at preview, unlike the output, which is
      // unknown there when the state lacks it) is used; the snapshot is updated after its instance,
      // so it records the value once the instance has applied it.
      return instance
        ? {
            ...rest,
            instanceId: instance.id,
            zone: instance.zone,
            instanceDeletionProtection: declaredProtection.get(instance),
          }
        : rest;
    },
    options: (args, opts) => (args.instance ? childOptions(args.instance, opts) : opts),
  },
);
export type ExoscaleInstanceSnapshot = ExoscaleInstanceSnapshotResource;
