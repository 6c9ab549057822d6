/**
 * The package's resource kinds and public functions, as plain data: the one place that says which
 * class manages which type token in which cloud, what it is called in messages and what the public
 * types printed from the schemas are. Read by the provider runtime, adopt, the resource classes,
 * `npm run types` (src/<cloud>/types.ts and the policy pack's package-kinds.ts) and `npm run docs`.
 * It imports nothing: the provider process, the generators and the policy build load it alone.
 */

/** The clouds that have resources (Koyeb has functions only). */
export const RESOURCE_CLOUDS = ["exoscale", "scaleway", "compute", "incus"] as const;
export type ResourceCloud = (typeof RESOURCE_CLOUDS)[number];

/** Every cloud folder with public types (src/<cloud>/schema.ts printed into src/<cloud>/types.ts). */
export const TYPED_CLOUDS = ["exoscale", "compute", "scaleway", "koyeb", "incus"] as const;
type TypedCloud = (typeof TYPED_CLOUDS)[number];

/** A property of a resource's Args that the program passes but the provider does not take as is. */
interface ExtraArg {
  name: string;
  /** Its TypeScript type, as printed in types.ts (which declares the class types it names). */
  type: string;
  optional?: boolean;
  doc: string;
}

export interface ResourceKindEntry {
  /** The exported class: "ExoscaleInstance". Its schemas are `<className>Inputs` / `<className>Outputs`. */
  className: string;
  cloud: ResourceCloud;
  /** The type name within the cloud: "Instance" (kind "exoscale:Instance"). */
  type: string;
  /** What it is; also the resource name adopt falls back on when an object's name gives nothing. */
  role: "instance" | "snapshot" | "image";
  /** A snapshot's instance kind, by class name: the snapshot's default parent. */
  parent?: string;
  /** Human words for messages: "Exoscale instance". */
  noun: string;
  /** The prefix of the variables adopt declares: "exoscale" → `exoscaleWeb1`. */
  variable: string;
  /** Output properties always encrypted in state. */
  secretOutputs: readonly string[];
  /** Whether its Args have a plain `deletionProtection` that defaults the `protect` option. */
  deletionProtection: boolean;
  /** Doc comment of `<className>Args`. */
  argsDoc: string;
  /** Inputs the program never passes (the class fills them from `extraArgs`). */
  omitArgs?: readonly string[];
  /** Args properties that are not inputs of the schema (a snapshot's `instance`). */
  extraArgs?: readonly ExtraArg[];
}

const KIND_TABLE = [
  {
    className: "ExoscaleInstance",
    cloud: "exoscale",
    type: "Instance",
    role: "instance",
    noun: "Exoscale instance",
    variable: "exoscale",
    secretOutputs: ["password"],
    deletionProtection: true,
    argsDoc: "Inputs of ExoscaleInstance. docs/exoscale.md lists the API operation each change runs.",
  },
  {
    className: "ExoscaleInstanceSnapshot",
    cloud: "exoscale",
    type: "InstanceSnapshot",
    role: "snapshot",
    parent: "ExoscaleInstance",
    noun: "Exoscale snapshot",
    variable: "exoscaleSnapshot",
    secretOutputs: [],
    deletionProtection: false,
    argsDoc: "Inputs of ExoscaleInstanceSnapshot.",
    omitArgs: ["instanceId", "zone", "instanceDeletionProtection"],
    extraArgs: [
      {
        name: "instance",
        type: "ExoscaleInstance",
        doc: "The instance to snapshot; also the snapshot's default `parent`.",
      },
    ],
  },
  {
    className: "ScalewayImage",
    cloud: "scaleway",
    type: "Image",
    role: "image",
    noun: "Scaleway image",
    variable: "scaleway",
    secretOutputs: [],
    deletionProtection: false,
    argsDoc: "Inputs of ScalewayImage. rootVolume, zone and project replace the image; the rest update it in place.",
  },
  {
    className: "ComputeInstance",
    cloud: "compute",
    type: "Instance",
    role: "instance",
    noun: "Instances API instance",
    variable: "compute",
    secretOutputs: [],
    deletionProtection: true,
    argsDoc: "Inputs of ComputeInstance. Every change replaces the instance (the API has no update).",
  },
  {
    className: "IncusInstance",
    cloud: "incus",
    type: "Instance",
    role: "instance",
    noun: "Incus instance",
    variable: "incus",
    secretOutputs: [],
    deletionProtection: true,
    argsDoc: "Inputs of IncusInstance.",
  },
  {
    className: "IncusInstanceSnapshot",
    cloud: "incus",
    type: "InstanceSnapshot",
    role: "snapshot",
    parent: "IncusInstance",
    noun: "Incus snapshot",
    variable: "incusSnapshot",
    secretOutputs: [],
    deletionProtection: false,
    argsDoc: "Inputs of IncusInstanceSnapshot.",
    omitArgs: ["instance", "name"],
    extraArgs: [
      {
        name: "instance",
        type: "IncusInstance | pulumi.Input<string>",
        doc: "The instance to snapshot: the IncusInstance resource (which also becomes the parent), or an instance name. Changing it replaces the snapshot.",
      },
      {
        name: "name",
        type: "pulumi.Input<string>",
        optional: true,
        doc: "Snapshot name, unique per instance (default: the resource name). Changing it replaces the snapshot.",
      },
    ],
  },
] as const satisfies readonly ResourceKindEntry[];

/** Every resource kind, one entry each. */
export const RESOURCE_KINDS: readonly ResourceKindEntry[] = KIND_TABLE;

/** The class names: "ExoscaleInstance" | "ExoscaleInstanceSnapshot" | … */
export type KindName = (typeof KIND_TABLE)[number]["className"];

/** "exoscale:Instance": the kind as the provider runtime, the shim and log scopes name it. */
export function kindId(kind: Pick<ResourceKindEntry, "cloud" | "type">): string {
  return `${kind.cloud}:${kind.type}`;
}

/** "pulumi-nodejs:dynamic/exoscale:Instance": the type token the engine records. */
export function typeToken(kind: Pick<ResourceKindEntry, "cloud" | "type">): string {
  return `pulumi-nodejs:dynamic/${kind.cloud}:${kind.type}`;
}

const BY_CLASS_NAME: Record<string, ResourceKindEntry> = Object.fromEntries(
  RESOURCE_KINDS.map((kind) => [kind.className, kind]),
);

/** The entry of a class name. */
export function kindOf(className: KindName): ResourceKindEntry {
  return BY_CLASS_NAME[className];
}

/** A public type printed from a schema of the same name, with its doc comment. */
interface PublicType {
  name: string;
  doc: string;
}

/**
 * A public function: its arguments type and, when it has its own, its result type (a `list…`
 * function returns an array of its `get…` function's result), both printed from schemas of the
 * same name in its cloud's schema.ts. In the order types.ts prints them.
 */
interface PublicFunction {
  name: string;
  cloud: TypedCloud;
  args: PublicType;
  result?: PublicType;
}

/**
 * A function whose types are `<Name>Args` (documented as "Arguments of <name>." unless `args` says
 * otherwise) and, when `result` documents one, `<Name>Result` (or `resultType`).
 */
function fn(
  name: string,
  cloud: TypedCloud,
  docs: { args?: string; result?: string; resultType?: string } = {},
): PublicFunction {
  const base = `${name[0].toUpperCase()}${name.slice(1)}`;
  return {
    name,
    cloud,
    args: { name: `${base}Args`, doc: docs.args ?? `Arguments of ${name}.` },
    ...(docs.result ? { result: { name: docs.resultType ?? `${base}Result`, doc: docs.result } } : {}),
  };
}

export const PUBLIC_FUNCTIONS: readonly PublicFunction[] = [
  fn("getExoscaleInstance", "exoscale", {
    result: "An instance as getExoscaleInstance and listExoscaleInstances return it.",
  }),
  fn("listExoscaleInstances", "exoscale"),
  fn("getExoscaleConsoleUrl", "exoscale", { result: "Result of getExoscaleConsoleUrl." }),
  fn("revealExoscaleInstancePassword", "exoscale", { result: "Result of revealExoscaleInstancePassword." }),
  fn("getComputeInstance", "compute", {
    result: "An instance as getComputeInstance and listComputeInstances return it.",
  }),
  fn("listComputeInstances", "compute"),
  fn("getScalewayImage", "scaleway", {
    args: "Arguments of getScalewayImage: `id`, or an exact `name`.",
    result: "An image as getScalewayImage and listScalewayImages return it.",
  }),
  fn("listScalewayImages", "scaleway"),
  fn("getKoyebInstance", "koyeb", {
    result:
      "An instance (one replica of a service's deployment in one region) as getKoyebInstance and listKoyebInstances return it.",
  }),
  fn("listKoyebInstances", "koyeb", { args: "Arguments of listKoyebInstances; all optional." }),
  fn("listKoyebInstanceEvents", "koyeb", {
    args: "Arguments of listKoyebInstanceEvents; all optional.",
    resultType: "KoyebInstanceEvent",
    result: "Something that happened to an instance (scheduled, started, healthy, stopped, …).",
  }),
  fn("execKoyebInstance", "koyeb", {
    result: "What execKoyebInstance returns: the command's output and exit code, or that it was skipped in a preview.",
  }),
  fn("getIncusInstance", "incus", {
    args: "Arguments of getIncusInstance: `id`, or `name` (and `project`).",
    result: "An instance as getIncusInstance and listIncusInstances return it.",
  }),
  fn("listIncusInstances", "incus"),
  fn("getIncusOperation", "incus", { result: "An Incus background operation, in camelCase." }),
  fn("listIncusOperations", "incus"),
  fn("waitIncusOperation", "incus"),
  fn("cancelIncusOperation", "incus"),
  fn("connectIncusOperationWebsocket", "incus"),
];
