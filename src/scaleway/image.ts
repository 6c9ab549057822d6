/** The ScalewayImage resource class (program side). */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResource, instanceOptions, resourceProps } from "../core/resource";

const OUTPUTS = [
  "name", "zone", "project", "rootVolume", "arch", "extraVolumes", "tags", "public", "imageId", "organization", "state",
  "creationDate", "modificationDate", "fromServer", "rootVolumeName", "rootVolumeSize", "rootVolumeType", "creationToken",
] as const;

/** Inputs of {@link ScalewayImage}. rootVolume, zone and project replace the image; the rest update it in place. */
export interface ScalewayImageArgs {
  /** UUID of the snapshot that becomes the root volume (in the image's zone). Changing it replaces the image. */
  rootVolume: pulumi.Input<string>;
  /** Image name; defaults to the resource's name. Unsetting it later keeps the current name. */
  name?: pulumi.Input<string>;
  /** Zone, e.g. "fr-par-1"; defaults to `scaleway:zone`, SCW_DEFAULT_ZONE, then fr-par-1. Changing it replaces the image. */
  zone?: pulumi.Input<string>;
  /** Project UUID; defaults to `scaleway:projectId` / SCW_DEFAULT_PROJECT_ID. Changing it replaces the image. */
  project?: pulumi.Input<string>;
  /** x86_64 (default), arm or arm64. */
  arch?: pulumi.Input<"x86_64" | "arm" | "arm64">;
  /** Snapshot UUIDs of the additional volumes, in order. */
  extraVolumes?: pulumi.Input<pulumi.Input<string>[]>;
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  /** Share the image with every Scaleway user (default false). */
  public?: pulumi.Input<boolean>;
  /** Take over an existing image, "zone/uuid", instead of creating one (`pulumi import` does not work for dynamic resources). */
  adoptId?: pulumi.Input<string>;
  /** How long to wait, in seconds (create 1800, update and delete 600 by default). */
  timeouts?: pulumi.Input<{ create?: number; update?: number; delete?: number }>;
}

/**
 * An Instance image on Scaleway, built from a snapshot (seed 001). Create waits until the image is
 * available; name, arch, tags, public and extra volumes change in place. Deleting the image keeps
 * its snapshots. The resource ID is "zone/uuid".
 */
export class ScalewayImage extends pulumi.CustomResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly zone: pulumi.Output<string>;
  declare readonly project: pulumi.Output<string>;
  declare readonly rootVolume: pulumi.Output<string>;
  declare readonly arch: pulumi.Output<string>;
  declare readonly extraVolumes: pulumi.Output<string[]>;
  declare readonly tags: pulumi.Output<string[]>;
  declare readonly public: pulumi.Output<boolean>;
  /** The image UUID (the resource ID is "zone/uuid"). */
  declare readonly imageId: pulumi.Output<string>;
  declare readonly organization: pulumi.Output<string>;
  /** creating, available or error. */
  declare readonly state: pulumi.Output<string>;
  declare readonly creationDate: pulumi.Output<string | undefined>;
  declare readonly modificationDate: pulumi.Output<string | undefined>;
  declare readonly fromServer: pulumi.Output<string | undefined>;
  declare readonly rootVolumeName: pulumi.Output<string | undefined>;
  declare readonly rootVolumeSize: pulumi.Output<number | undefined>;
  declare readonly rootVolumeType: pulumi.Output<string | undefined>;

  /** Reads an existing image, "zone/uuid", as a read-only resource: Pulumi never changes or deletes it. */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): ScalewayImage {
    return new ScalewayImage(name, {} as ScalewayImageArgs, { ...opts, id });
  }

  constructor(name: string, args: ScalewayImageArgs, opts?: pulumi.CustomResourceOptions) {
    // Every output is listed so it resolves, even when its input is unset (defaults come from the provider).
    super(...dynamicResource("scaleway:Image", name, resourceProps(OUTPUTS, args, name), instanceOptions(undefined, opts)));
  }
}
