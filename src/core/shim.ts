/**
 * The provider object Pulumi serializes into every resource's `__provider`. It must stay tiny and
 * byte-stable (no versions, paths or timestamps) and must capture nothing but the `kind` string:
 * each method loads this package's provider runtime by its bare name at call time, so the code
 * that runs for update, delete and refresh is always the installed version (pulumi/pulumi#6238,
 * #12401) and no credential or client ever lands in state (pulumi/pulumi#8265).
 */
import type * as pulumi from "@pulumi/pulumi";

/** Creates the serializable shim for one resource kind ("exoscale:Instance"). Call once per kind. */
export function providerShim(kind: string): pulumi.dynamic.ResourceProvider {
  const load = (): Required<pulumi.dynamic.ResourceProvider> => {
    let runtime: { providerFor(kind: string): Required<pulumi.dynamic.ResourceProvider> };
    try {
      runtime = require("pulumi-dynamic-compute/provider-runtime");
    } catch (error) {
      throw new Error(`cannot load pulumi-dynamic-compute from ${process.cwd()}: install it in the Pulumi program's dependencies (${error})`);
    }
    return runtime.providerFor(kind);
  };
  return {
    configure: (req) => load().configure(req),
    check: (olds, news) => load().check(olds, news),
    diff: (id, olds, news) => load().diff(id, olds, news),
    create: (inputs) => load().create(inputs),
    read: (id, props) => load().read(id, props),
    update: (id, olds, news) => load().update(id, olds, news),
    delete: (id, props) => load().delete(id, props),
  };
}
