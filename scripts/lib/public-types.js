// Which public types are printed from which schemas (see typegen.js). Forms: "args" (resource
// inputs, Pulumi Inputs at every level), "outputs" (a resource's output properties), "input" (a
// function's arguments), "output" (a function's result). `names` lists the output property names a
// resource class registers.
const PUBLIC_TYPES = [
  {
    file: "src/exoscale/types.ts",
    schemas: "src/exoscale/schema",
    imports: ['import type { ExoscaleInstance } from "./instance";'],
    types: [
      {
        name: "ExoscaleInstanceArgs",
        schema: "ExoscaleInstanceInputs",
        form: "args",
        plain: ["deletionProtection"],
        doc: "Inputs of ExoscaleInstance. docs/exoscale.md lists the API operation each change runs.",
      },
      {
        name: "ExoscaleInstanceOutputProperties",
        schema: "ExoscaleInstanceOutputs",
        form: "outputs",
        doc: "Output properties of ExoscaleInstance.",
      },
      {
        name: "ExoscaleInstanceSnapshotArgs",
        schema: "ExoscaleInstanceSnapshotInputs",
        form: "args",
        omit: ["instanceId", "zone", "instanceDeletionProtection"],
        extra: [
          {
            name: "instance",
            type: "ExoscaleInstance",
            doc: "The instance to snapshot; also the snapshot's default `parent`.",
          },
        ],
        doc: "Inputs of ExoscaleInstanceSnapshot.",
      },
      {
        name: "ExoscaleInstanceSnapshotOutputProperties",
        schema: "ExoscaleInstanceSnapshotOutputs",
        form: "outputs",
        doc: "Output properties of ExoscaleInstanceSnapshot.",
      },
      {
        name: "GetExoscaleInstanceArgs",
        schema: "GetExoscaleInstanceArgs",
        form: "input",
        doc: "Arguments of getExoscaleInstance.",
      },
      {
        name: "GetExoscaleInstanceResult",
        schema: "GetExoscaleInstanceResult",
        form: "output",
        doc: "An instance as getExoscaleInstance and listExoscaleInstances return it.",
      },
      {
        name: "ListExoscaleInstancesArgs",
        schema: "ListExoscaleInstancesArgs",
        form: "input",
        doc: "Arguments of listExoscaleInstances.",
      },
      {
        name: "GetExoscaleConsoleUrlArgs",
        schema: "GetExoscaleConsoleUrlArgs",
        form: "input",
        doc: "Arguments of getExoscaleConsoleUrl.",
      },
      {
        name: "GetExoscaleConsoleUrlResult",
        schema: "GetExoscaleConsoleUrlResult",
        form: "output",
        doc: "Result of getExoscaleConsoleUrl.",
      },
      {
        name: "RevealExoscaleInstancePasswordArgs",
        schema: "RevealExoscaleInstancePasswordArgs",
        form: "input",
        doc: "Arguments of revealExoscaleInstancePassword.",
      },
      {
        name: "RevealExoscaleInstancePasswordResult",
        schema: "RevealExoscaleInstancePasswordResult",
        form: "output",
        doc: "Result of revealExoscaleInstancePassword.",
      },
    ],
    names: [
      {
        name: "EXOSCALE_INSTANCE_OUTPUTS",
        schema: "ExoscaleInstanceOutputs",
        doc: "Output properties ExoscaleInstance registers.",
      },
      {
        name: "EXOSCALE_INSTANCE_SNAPSHOT_OUTPUTS",
        schema: "ExoscaleInstanceSnapshotOutputs",
        doc: "Output properties ExoscaleInstanceSnapshot registers.",
      },
    ],
  },
  {
    file: "src/compute/types.ts",
    schemas: "src/compute/schema",
    types: [
      {
        name: "ComputeInstanceArgs",
        schema: "ComputeInstanceInputs",
        form: "args",
        plain: ["deletionProtection"],
        doc: "Inputs of ComputeInstance. Every change replaces the instance (the API has no update).",
      },
      {
        name: "ComputeInstanceOutputProperties",
        schema: "ComputeInstanceOutputs",
        form: "outputs",
        doc: "Output properties of ComputeInstance.",
      },
      {
        name: "GetComputeInstanceArgs",
        schema: "GetComputeInstanceArgs",
        form: "input",
        doc: "Arguments of getComputeInstance.",
      },
      {
        name: "GetComputeInstanceResult",
        schema: "GetComputeInstanceResult",
        form: "output",
        doc: "An instance as getComputeInstance and listComputeInstances return it.",
      },
      {
        name: "ListComputeInstancesArgs",
        schema: "ListComputeInstancesArgs",
        form: "input",
        doc: "Arguments of listComputeInstances.",
      },
    ],
    names: [
      {
        name: "COMPUTE_INSTANCE_OUTPUTS",
        schema: "ComputeInstanceOutputs",
        doc: "Output properties ComputeInstance registers.",
      },
    ],
  },
  {
    file: "src/scaleway/types.ts",
    schemas: "src/scaleway/schema",
    types: [
      {
        name: "ScalewayImageArgs",
        schema: "ScalewayImageInputs",
        form: "args",
        doc: "Inputs of ScalewayImage. rootVolume, zone and project replace the image; the rest update it in place.",
      },
      {
        name: "ScalewayImageOutputProperties",
        schema: "ScalewayImageOutputs",
        form: "outputs",
        doc: "Output properties of ScalewayImage.",
      },
      {
        name: "GetScalewayImageArgs",
        schema: "GetScalewayImageArgs",
        form: "input",
        doc: "Arguments of getScalewayImage: `id`, or an exact `name`.",
      },
      {
        name: "GetScalewayImageResult",
        schema: "GetScalewayImageResult",
        form: "output",
        doc: "An image as getScalewayImage and listScalewayImages return it.",
      },
      {
        name: "ListScalewayImagesArgs",
        schema: "ListScalewayImagesArgs",
        form: "input",
        doc: "Arguments of listScalewayImages.",
      },
    ],
    names: [
      {
        name: "SCALEWAY_IMAGE_OUTPUTS",
        schema: "ScalewayImageOutputs",
        doc: "Output properties ScalewayImage registers.",
      },
    ],
  },
  {
    file: "src/koyeb/types.ts",
    schemas: "src/koyeb/schema",
    types: [
      {
        name: "GetKoyebInstanceArgs",
        schema: "GetKoyebInstanceArgs",
        form: "input",
        doc: "Arguments of getKoyebInstance.",
      },
      {
        name: "GetKoyebInstanceResult",
        schema: "GetKoyebInstanceResult",
        form: "output",
        doc: "An instance (one replica of a service's deployment in one region) as getKoyebInstance and listKoyebInstances return it.",
      },
      {
        name: "ListKoyebInstancesArgs",
        schema: "ListKoyebInstancesArgs",
        form: "input",
        doc: "Arguments of listKoyebInstances; all optional.",
      },
      {
        name: "ListKoyebInstanceEventsArgs",
        schema: "ListKoyebInstanceEventsArgs",
        form: "input",
        doc: "Arguments of listKoyebInstanceEvents; all optional.",
      },
      {
        name: "KoyebInstanceEvent",
        schema: "KoyebInstanceEvent",
        form: "output",
        doc: "Something that happened to an instance (scheduled, started, healthy, stopped, …).",
      },
      {
        name: "ExecKoyebInstanceArgs",
        schema: "ExecKoyebInstanceArgs",
        form: "input",
        doc: "Arguments of execKoyebInstance.",
      },
      {
        name: "ExecKoyebInstanceResult",
        schema: "ExecKoyebInstanceResult",
        form: "output",
        doc: "What execKoyebInstance returns: the command's output and exit code, or that it was skipped in a preview.",
      },
    ],
  },
  {
    file: "src/incus/types.ts",
    schemas: "src/incus/schema",
    imports: ['import type { IncusInstance } from "./instance";'],
    types: [
      {
        name: "IncusInstanceArgs",
        schema: "IncusInstanceInputs",
        form: "args",
        plain: ["deletionProtection"],
        doc: "Inputs of IncusInstance.",
      },
      {
        name: "IncusInstanceOutputProperties",
        schema: "IncusInstanceOutputs",
        form: "outputs",
        doc: "Output properties of IncusInstance.",
      },
      {
        name: "IncusInstanceSnapshotArgs",
        schema: "IncusInstanceSnapshotInputs",
        form: "args",
        omit: ["instance", "name"],
        extra: [
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
        doc: "Inputs of IncusInstanceSnapshot.",
      },
      {
        name: "IncusInstanceSnapshotOutputProperties",
        schema: "IncusInstanceSnapshotOutputs",
        form: "outputs",
        doc: "Output properties of IncusInstanceSnapshot.",
      },
      {
        name: "GetIncusInstanceArgs",
        schema: "GetIncusInstanceArgs",
        form: "input",
        doc: "Arguments of getIncusInstance: `id`, or `name` (and `project`).",
      },
      {
        name: "GetIncusInstanceResult",
        schema: "GetIncusInstanceResult",
        form: "output",
        doc: "An instance as getIncusInstance and listIncusInstances return it.",
      },
      {
        name: "ListIncusInstancesArgs",
        schema: "ListIncusInstancesArgs",
        form: "input",
        doc: "Arguments of listIncusInstances.",
      },
      {
        name: "GetIncusOperationArgs",
        schema: "GetIncusOperationArgs",
        form: "input",
        doc: "Arguments of getIncusOperation.",
      },
      {
        name: "GetIncusOperationResult",
        schema: "GetIncusOperationResult",
        form: "output",
        doc: "An Incus background operation, in camelCase.",
      },
      {
        name: "ListIncusOperationsArgs",
        schema: "ListIncusOperationsArgs",
        form: "input",
        doc: "Arguments of listIncusOperations.",
      },
      {
        name: "WaitIncusOperationArgs",
        schema: "WaitIncusOperationArgs",
        form: "input",
        doc: "Arguments of waitIncusOperation.",
      },
      {
        name: "CancelIncusOperationArgs",
        schema: "CancelIncusOperationArgs",
        form: "input",
        doc: "Arguments of cancelIncusOperation.",
      },
      {
        name: "ConnectIncusOperationWebsocketArgs",
        schema: "ConnectIncusOperationWebsocketArgs",
        form: "input",
        doc: "Arguments of connectIncusOperationWebsocket.",
      },
    ],
    names: [
      {
        name: "INCUS_INSTANCE_OUTPUTS",
        schema: "IncusInstanceOutputs",
        doc: "Output properties IncusInstance registers.",
      },
      {
        name: "INCUS_INSTANCE_SNAPSHOT_OUTPUTS",
        schema: "IncusInstanceSnapshotOutputs",
        doc: "Output properties IncusInstanceSnapshot registers.",
      },
    ],
  },
];

module.exports = { PUBLIC_TYPES };
