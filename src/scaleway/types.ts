// Generated from schema.ts by scripts/generate-types.js: do not edit, run `npm run types` after changing a schema.
import type * as pulumi from "@pulumi/pulumi";

/** Inputs of ScalewayImage. rootVolume, zone and project replace the image; the rest update it in place. */
export interface ScalewayImageArgs {
  /** Image name; the resource's name when unset. Renamed in place; unsetting it later keeps the current name. */
  name?: pulumi.Input<string>;
  /**
   * Zone, e.g. `fr-par-1`; `scaleway:zone`, SCW_DEFAULT_ZONE, then fr-par-1 when unset. Changing it replaces the image.
   */
  zone?: pulumi.Input<string>;
  /** Project UUID; `scaleway:projectId` or SCW_DEFAULT_PROJECT_ID when unset. Changing it replaces the image. */
  project?: pulumi.Input<string>;
  /**
   * UUID of the snapshot that becomes the image's root volume (in the image's zone). Changing it replaces the image.
   */
  rootVolume: pulumi.Input<string>;
  /**
   * CPU architecture: `x86_64`, `arm` or `arm64`; updated in place.
   * @defaultValue "x86_64"
   */
  arch?: pulumi.Input<"x86_64" | "arm" | "arm64">;
  /**
   * Snapshot UUIDs of additional volumes, in order (positions 1, 2, …); updated in place.
   * @defaultValue []
   */
  extraVolumes?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Tags (order does not matter); updated in place.
   * @defaultValue []
   */
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Share the image with every Scaleway user; updated in place.
   * @defaultValue false
   */
  public?: pulumi.Input<boolean>;
  /**
   * Take over an existing image, `zone/uuid`, instead of creating one: inputs left unset take the image's values, and a
   * difference that cannot change in place is refused.
   */
  adoptId?: pulumi.Input<string>;
  /** Wait limits in seconds: dynamic resources do not receive Pulumi's customTimeouts. */
  timeouts?: pulumi.Input<{
    /** Seconds to wait for the image to be available (default 1800). */
    create?: pulumi.Input<number>;
    /** Seconds to wait for an update (default 600). */
    update?: pulumi.Input<number>;
    /** Seconds to wait for the delete (default 600). */
    delete?: pulumi.Input<number>;
  }>;
}

/** Output properties of ScalewayImage. */
export interface ScalewayImageOutputProperties {
  /** Image name. */
  readonly name: pulumi.Output<string>;
  /** Zone of the image. */
  readonly zone: pulumi.Output<string>;
  /** Project of the image. */
  readonly project: pulumi.Output<string>;
  /**
   * UUID of the snapshot that becomes the image's root volume (in the image's zone). Changing it replaces the image.
   */
  readonly rootVolume: pulumi.Output<string>;
  /** CPU architecture: `x86_64`, `arm` or `arm64`; updated in place. */
  readonly arch: pulumi.Output<"x86_64" | "arm" | "arm64">;
  /** Snapshot UUIDs of additional volumes, in order (positions 1, 2, …); updated in place. */
  readonly extraVolumes: pulumi.Output<string[]>;
  /** Tags (order does not matter); updated in place. */
  readonly tags: pulumi.Output<string[]>;
  /** Share the image with every Scaleway user; updated in place. */
  readonly public: pulumi.Output<boolean>;
  /**
   * Take over an existing image, `zone/uuid`, instead of creating one: inputs left unset take the image's values, and a
   * difference that cannot change in place is refused.
   */
  readonly adoptId: pulumi.Output<string | undefined>;
  /** Wait limits in seconds: dynamic resources do not receive Pulumi's customTimeouts. */
  readonly timeouts: pulumi.Output<{
    /** Seconds to wait for the image to be available (default 1800). */
    create?: number;
    /** Seconds to wait for an update (default 600). */
    update?: number;
    /** Seconds to wait for the delete (default 600). */
    delete?: number;
  } | undefined>;
  /** The image UUID (the resource id is `zone/uuid`). */
  readonly imageId: pulumi.Output<string>;
  /** Organization that owns the image. */
  readonly organization: pulumi.Output<string>;
  /** `creating`, `available` or `error`. */
  readonly state: pulumi.Output<string>;
  /** When the image was created (RFC 3339). */
  readonly creationDate: pulumi.Output<string | undefined>;
  /** When it was last modified (RFC 3339). */
  readonly modificationDate: pulumi.Output<string | undefined>;
  /** Server the image was made from, when it was made from one. */
  readonly fromServer: pulumi.Output<string | undefined>;
  /** Name of the root volume. */
  readonly rootVolumeName: pulumi.Output<string | undefined>;
  /** Size of the root volume, in bytes. */
  readonly rootVolumeSize: pulumi.Output<number | undefined>;
  /** Volume type of the root volume. */
  readonly rootVolumeType: pulumi.Output<string | undefined>;
}

/** Arguments of getScalewayImage: `id`, or an exact `name`. */
export interface GetScalewayImageArgs {
  /** The image's id, `zone/uuid` (as ScalewayImage reports it), or a bare UUID with `zone`. */
  id?: string | string;
  /** Exact image name (the API's name filter is a substring match; this function filters exactly). */
  name?: string;
  /** Zone to look in; `scaleway:zone`, SCW_DEFAULT_ZONE, then fr-par-1 when unset. */
  zone?: string;
  /** With `name`: only images of this architecture. */
  arch?: "x86_64" | "arm" | "arm64";
  /** With `name`: only images of this project. */
  project?: string;
  /** With `name`: only public (or only private) images. */
  public?: boolean;
}

/** An image as getScalewayImage and listScalewayImages return it. */
export interface GetScalewayImageResult {
  /** The image's id, `zone/uuid`: what ScalewayImage reports as its id and what adoptId takes. */
  id: string;
  /** The image UUID. */
  uuid: string;
  /** Zone of the image. */
  zone: string;
  /** Image name. */
  name: string;
  /** CPU architecture. */
  arch: string;
  /** Whether every Scaleway user can use it. */
  public: boolean;
  /** Project of the image. */
  project: string;
  /** Tags (the provider's own creation marker left out). */
  tags: string[];
  /** The root volume. */
  rootVolume?: {
    /** Snapshot UUID. */
    id: string;
    /** Volume name. */
    name?: string;
    /** Size in bytes. */
    size?: number;
    /** Volume type. */
    volumeType?: string;
  };
  /** Extra volumes in position order. */
  extraVolumes: {
    /** Snapshot UUID. */
    id: string;
    /** Volume name. */
    name?: string;
    /** Size in bytes. */
    size?: number;
    /** Volume type. */
    volumeType?: string;
  }[];
  /** Organization that owns the image. */
  organization: string;
  /** `creating`, `available` or `error`. */
  state: string;
  /** When the image was created (RFC 3339). */
  creationDate?: string;
  /** When it was last modified (RFC 3339). */
  modificationDate?: string;
  /** Server the image was made from, when it was made from one. */
  fromServer?: string;
}

/** Arguments of listScalewayImages. */
export interface ListScalewayImagesArgs {
  /** Zone to list; `scaleway:zone`, SCW_DEFAULT_ZONE, then fr-par-1 when unset. */
  zone?: string;
  /** Substring of the name (the API's own filter). */
  name?: string;
  /** Only public (or only private) images. */
  public?: boolean;
  /** Only images of this architecture. */
  arch?: "x86_64" | "arm" | "arm64";
  /** Only images of this project. */
  project?: string;
  /** Only images of this organization. */
  organization?: string;
  /** Only images carrying every one of these tags. */
  tags?: string[];
  /** Page size used to walk the list (1-100, default 100). */
  perPage?: number;
}

/** Output properties ScalewayImage registers. */
export const SCALEWAY_IMAGE_OUTPUTS = [
  "name",
  "zone",
  "project",
  "rootVolume",
  "arch",
  "extraVolumes",
  "tags",
  "public",
  "adoptId",
  "timeouts",
  "imageId",
  "organization",
  "state",
  "creationDate",
  "modificationDate",
  "fromServer",
  "rootVolumeName",
  "rootVolumeSize",
  "rootVolumeType",
] as const;

/** An ScalewayImage resource, with its output properties. */
export type ScalewayImage = pulumi.CustomResource & ScalewayImageOutputProperties;
