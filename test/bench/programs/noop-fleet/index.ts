// Benchmark baseline: the same program shape as ../exoscale-fleet, but every resource is a plain
// `pulumi.dynamic` resource whose provider answers at once and makes no call, so a run of it is
// what the engine itself costs for N dynamic resources.
//
// `shape` (stack config) picks the baseline:
// - "inputs" (default): outputs = the six inputs, as a minimal dynamic resource would have;
// - "exoscale": the same input and output names as ExoscaleInstance (25 outputs, `password`
//   secret) filled with typical values, so the engine carries as much data per resource and the
//   difference left is what the ExoscaleInstance provider itself costs;
// - "empty": no inputs and no outputs, and a one-line provider module of ~90 bytes written out
//   instead of serialized by the SDK: the least state any dynamic resource can have, so a run of it
//   is the engine's floor (what its checkpoints cost however lean a provider is).
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const labelValue = config.get("labelValue") ?? "a";
const shape = config.get("shape") ?? "inputs";
const shaped = shape === "exoscale";

/** Outputs an ExoscaleInstance adds to its inputs, with typical values. */
function exoscaleLikeOutputs(inputs: Record<string, any>): Record<string, unknown> {
  const n = Number(inputs.labels?.index ?? 0);
  const hex = (width: number) => (n + 1).toString(16).padStart(width, "0");
  return {
    instanceTypeId: `b6e9d1e8-89fc-4db3-aaa4-${hex(12)}`,
    instanceTypeName: "standard.tiny",
    cpus: 1,
    memory: 1073741824,
    templateId: `6c4ee5f4-0f0a-4c5e-9e43-${hex(12)}`,
    templateName: "Linux Ubuntu 24.04 LTS 64-bit",
    publicIp: `203.0.113.${n % 250}`,
    ipv6Address: `2a04:c43:e00:6e4c:${hex(4)}:ff:fe00:${hex(4)}`,
    macAddress: `06:d3:6e:00:${hex(4).slice(0, 2)}:${hex(4).slice(2)}`,
    snapshotIds: [],
    createdAt: "2026-01-01T00:00:00Z",
    password: `pw-${hex(16)}`,
    creationToken: hex(20),
    state: "running",
    tpmEnabled: false,
    secureBootEnabled: false,
    publicIpAssignment: "inet4",
  };
}

/** Answers at once: outputs are the inputs. */
const minimal: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `noop-${inputs.name}`, outs: inputs };
  },
  async diff(_id, olds, news) {
    return { changes: JSON.stringify(olds.labels) !== JSON.stringify(news.labels) };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async read(id, props) {
    return { id, props };
  },
  async delete() {},
};

/** Answers at once with outputs shaped like an ExoscaleInstance's. */
const exoscaleShaped: pulumi.dynamic.ResourceProvider = {
  ...minimal,
  async create(inputs) {
    return { id: `noop-${inputs.name}`, outs: { ...inputs, ...exoscaleLikeOutputs(inputs) } };
  },
  async update(_id, olds, news) {
    return { outs: { ...olds, ...news } };
  },
};

const EXOSCALE_OUTPUTS = [
  "instanceTypeId",
  "instanceTypeName",
  "cpus",
  "memory",
  "templateId",
  "templateName",
  "publicIp",
  "ipv6Address",
  "macAddress",
  "snapshotIds",
  "createdAt",
  "password",
  "creationToken",
  "state",
  "tpmEnabled",
  "secureBootEnabled",
];

class NoopInstance extends pulumi.dynamic.Resource {
  constructor(name: string, args: Record<string, pulumi.Input<unknown>>) {
    const props = shaped ? { ...Object.fromEntries(EXOSCALE_OUTPUTS.map((key) => [key, undefined])), ...args } : args;
    super(
      shaped ? exoscaleShaped : minimal,
      name,
      props,
      shaped ? { additionalSecretOutputs: ["password"] } : {},
      "bench",
      "Noop",
    );
  }
}

/**
 * `__provider` of the empty resource: a module the dynamic-provider host loads as it is (no
 * `require`), whose provider creates at once and deletes nothing.
 */
const EMPTY_PROVIDER =
  "exports.handler=()=>({create:async()=>({id:Math.random().toString(36).slice(2)}),delete:async()=>{}})";

/** A dynamic resource with nothing in it but its provider module. */
class EmptyInstance extends pulumi.CustomResource {
  constructor(name: string) {
    super("pulumi-nodejs:dynamic/bench:Noop", name, { __provider: EMPTY_PROVIDER });
  }
}

const instances = Array.from({ length: count }, (_, i) =>
  shape === "empty"
    ? new EmptyInstance(`vm-${i}`)
    : new NoopInstance(`vm-${i}`, {
        zone: "ch-gva-2",
        name: `bench-${i}`,
        instanceType: "standard.tiny",
        template: "Linux Ubuntu 24.04 LTS 64-bit",
        diskSize: 10,
        labels: { bench: labelValue, index: String(i) },
      }),
);

export const ids = pulumi.all(instances.map((instance) => instance.id));
