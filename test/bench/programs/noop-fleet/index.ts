// Benchmark baseline: the same program shape as ../exoscale-fleet, but every resource is a plain
// `pulumi.dynamic` resource whose provider answers at once and makes no call, so a run of it is
// what the engine itself costs for N dynamic resources.
import * as pulumi from "@pulumi/pulumi";

const noop: pulumi.dynamic.ResourceProvider = {
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

class NoopInstance extends pulumi.dynamic.Resource {
  constructor(name: string, args: Record<string, pulumi.Input<unknown>>) {
    super(noop, name, args, {}, "bench", "Noop");
  }
}

const config = new pulumi.Config();
const count = config.requireNumber("count");
const labelValue = config.get("labelValue") ?? "a";

const instances = Array.from(
  { length: count },
  (_, i) =>
    new NoopInstance(`vm-${i}`, {
      zone: "ch-gva-2",
      name: `bench-${i}`,
      instanceType: "standard.tiny",
      template: "Linux Ubuntu 24.04 LTS 64-bit",
      diskSize: 10,
      labels: { bench: labelValue, index: String(i) },
    }),
);

export const ids = pulumi.all(instances.map((instance) => instance.id));
