/** The Incus resource classes (program side), made from their entries in src/kinds.ts. */
import type * as pulumi from "@pulumi/pulumi";
import { childOptions } from "../core/resource";
import { resourceClass } from "../core/resource-class";
import { kindOf } from "../kinds";
import {
  INCUS_INSTANCE_OUTPUTS,
  INCUS_INSTANCE_SNAPSHOT_OUTPUTS,
  type IncusInstanceArgs,
  type IncusInstance as IncusInstanceResource,
  type IncusInstanceSnapshotArgs,
  type IncusInstanceSnapshot as IncusInstanceSnapshotResource,
} from "./types";

/**
 * The `project` each instance was declared with. A snapshot follows its instance's project from this
 * input, not from the `project` output: while the instance has an update planned, a preview knows
 * none of its outputs, and an unknown project would plan the snapshot's replacement.
 */
const declaredProjects = new WeakMap<object, pulumi.Input<string> | undefined>();

/**
 * An Incus (or LXD) instance, a container or a virtual machine. Every asynchronous step is an Incus
 * operation waited on with the `/wait` long-poll; updates use ETags so a concurrent change is
 * reported, never overwritten. Its `id` is `name` in the default project and `project/name`
 * elsewhere, the form `IncusInstance.get`, `adoptId` and the functions take. See docs/incus.md
 * in the repository for the connection settings and the full lifecycle.
 *
 * @example
 * ```ts
 * import { IncusInstance, getIncusInstanceOutput } from "pulumi-dynamic-compute";
 *
 * const web = new IncusInstance("web", {
 *   name: "web",
 *   image: "busybox",
 *   config: { "limits.cpu": 1, "user.team": "platform" },
 *   deletionProtection: true,
 * });
 * export const status = web.status;
 * export const created = getIncusInstanceOutput({ id: web.id }).createdAt;
 * ```
 */
export const IncusInstance = resourceClass<IncusInstanceArgs, IncusInstanceResource>(
  kindOf("IncusInstance"),
  INCUS_INSTANCE_OUTPUTS,
  { created: (resource, args) => declaredProjects.set(resource, args.project) },
);
export type IncusInstance = IncusInstanceResource;

/** The instance resource a snapshot's `instance` names, when it is one rather than a name. */
const parentOf = (args: IncusInstanceSnapshotArgs) =>
  args.instance instanceof IncusInstance ? args.instance : undefined;

/**
 * A snapshot of an Incus instance, a child of the instance by default. Deleting it after its
 * instance is gone succeeds (the instance's deletion removed it already). Its `id` is
 * `instance/snapshot` in the default project and `project/instance/snapshot` elsewhere, the form
 * `IncusInstanceSnapshot.get` and `adoptId` take.
 *
 * @example
 * ```ts
 * import { IncusInstance, IncusInstanceSnapshot } from "pulumi-dynamic-compute";
 *
 * const web = new IncusInstance("web", { name: "web", image: "busybox" });
 * const beforeUpgrade = new IncusInstanceSnapshot("before-upgrade", { instance: web, expiresAt: "2030-01-01T00:00:00Z" });
 * export const snapshotId = beforeUpgrade.id; // "web/before-upgrade"
 * ```
 */
export const IncusInstanceSnapshot = resourceClass<IncusInstanceSnapshotArgs, IncusInstanceSnapshotResource>(
  kindOf("IncusInstanceSnapshot"),
  INCUS_INSTANCE_SNAPSHOT_OUTPUTS,
  {
    inputs(args, name) {
      const parent = parentOf(args);
      const { instance, ...rest } = args;
      // `get` passes no instance: the read fills every output from the snapshot itself.
      return instance === undefined
        ? rest
        : {
            ...rest,
            instance: parent ? parent.name : instance,
            name: args.name ?? name,
            project: args.project ?? (parent ? declaredProjects.get(parent) : undefined),
          };
    },
    options(args, opts) {
      const parent = parentOf(args);
      return parent ? childOptions(parent, opts) : opts;
    },
  },
);
export type IncusInstanceSnapshot = IncusInstanceSnapshotResource;
