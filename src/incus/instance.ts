/** The IncusInstance resource class (program side). */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResource, identityInput, instanceOptions } from "../core/resource";

type ConfigValue = string | number | boolean;

/** Inputs of {@link IncusInstance}. */
export interface IncusInstanceArgs {
  /** Instance name, unique in its project: 1-63 letters, digits or dashes, starting with a letter. Changing it replaces the instance. */
  name: pulumi.Input<string>;
  /**
   * Image to create from: a local alias ("busybox") or a fingerprint (a unique prefix of 12+ hex
   * digits is enough); with `imageServer`, an alias on that server. Changing it replaces the
   * instance. Optional only with `adoptId` (the image is then read back from the instance).
   */
  image?: pulumi.Input<string>;
  /** Remote image server, e.g. "https://images.linuxcontainers.org" (used only when creating). */
  imageServer?: pulumi.Input<string>;
  /** Protocol of `imageServer`: "simplestreams" (default), "incus", "lxd" or "oci" (used only when creating). */
  imageProtocol?: pulumi.Input<"simplestreams" | "incus" | "lxd" | "oci">;
  /** "container" (default) or "virtual-machine". Changing it replaces the instance. */
  type?: pulumi.Input<"container" | "virtual-machine">;
  /** Profiles in order, later ones overriding earlier ones. Unset: keep what the instance has (a new one gets "default"). */
  profiles?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Instance config keys you manage (e.g. `"limits.cpu": 2`, `"user.team": "web"`), updated in
   * place. Keys you do not list (volatile.*, image.*, set by others) are never touched or diffed;
   * a key you remove from this map is removed from the instance.
   */
  config?: pulumi.Input<Record<string, pulumi.Input<ConfigValue>>>;
  /** Devices you manage, by name, each with a "type" (disk, nic, proxy, …); updated in place. */
  devices?: pulumi.Input<Record<string, pulumi.Input<Record<string, pulumi.Input<ConfigValue>>>>>;
  /** Free-form description, updated in place; unset keeps the current one. */
  description?: pulumi.Input<string>;
  /** Desired power state, "running" (default) or "stopped"; changed in place through the state API. */
  state?: pulumi.Input<"running" | "stopped">;
  /**
   * Sets `security.protection.delete` on the server (the daemon and this provider then refuse to
   * delete the instance) and Pulumi's `protect` option unless you set `protect` yourself.
   */
  deletionProtection?: boolean;
  /** Incus project; default `incus:project` / INCUS_PROJECT, else the server's default project. */
  project?: pulumi.Input<string>;
  /**
   * Take over an existing instance instead of creating one: "name" or "project/name" (`pulumi
   * import` does not work for dynamic resources). Its type and image must match the inputs; config,
   * devices, profiles, description and state are then brought to the inputs.
   */
  adoptId?: pulumi.Input<string>;
  /** Seconds a clean shutdown may take before the instance is stopped by force (default 30). */
  stopTimeout?: pulumi.Input<number>;
  /** How long to wait for each step, in seconds (default 600 each). */
  timeouts?: pulumi.Input<{ create?: number; update?: number; delete?: number }>;
}

/**
 * An Incus (or LXD) instance, a container or a virtual machine. Every asynchronous step is an Incus
 * operation waited on with the `/wait` long-poll; updates use ETags so a concurrent change is
 * reported, never overwritten. See the README's Incus section for the full lifecycle.
 */
export class IncusInstance extends pulumi.CustomResource {
  declare readonly name: pulumi.Output<string>;
  /** The image as you wrote it, or the base image's fingerprint for an adopted instance given no image. */
  declare readonly image: pulumi.Output<string>;
  declare readonly type: pulumi.Output<string>;
  declare readonly profiles: pulumi.Output<string[]>;
  /** The managed config keys as the server has them. */
  declare readonly config: pulumi.Output<Record<string, string> | undefined>;
  /** The managed devices as the server has them. */
  declare readonly devices: pulumi.Output<Record<string, Record<string, string>> | undefined>;
  declare readonly description: pulumi.Output<string>;
  /** running, stopped (or frozen/error, seen on refresh). */
  declare readonly state: pulumi.Output<string>;
  /** The daemon's status: Running, Stopped, … */
  declare readonly status: pulumi.Output<string>;
  /** Whether security.protection.delete is set on the instance. */
  declare readonly deletionProtection: pulumi.Output<boolean | undefined>;
  declare readonly project: pulumi.Output<string>;
  /** Fingerprint of the image the instance was created from (read back from the server). */
  declare readonly imageFingerprint: pulumi.Output<string | undefined>;
  declare readonly architecture: pulumi.Output<string>;
  /** volatile.uuid: changes only when the instance is recreated. */
  declare readonly uuid: pulumi.Output<string | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly location: pulumi.Output<string | undefined>;

  /**
   * Reads an existing instance into the program without managing it (`Resource.get`): its outputs
   * are available, and `pulumi destroy` leaves it alone. `id` is "name" or "project/name".
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): IncusInstance {
    return new IncusInstance(name, {} as IncusInstanceArgs, { ...opts, id });
  }

  constructor(name: string, args: IncusInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      ...dynamicResource(
        "incus:Instance",
        name,
        {
          status: undefined,
          imageFingerprint: undefined,
          imageAliases: undefined,
          architecture: undefined,
          uuid: undefined,
          createdAt: undefined,
          location: undefined,
          creationToken: undefined,
          ...args,
          ...identityInput(name),
        },
        instanceOptions(args.deletionProtection, opts),
      ),
    );
  }
}
