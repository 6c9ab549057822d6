/**
 * The `__provider` text of every resource: the CommonJS module the `pulumi-nodejs` dynamic-provider
 * host loads (`require-from-string`) and whose `handler()` must return the provider.
 *
 * It is written here instead of being serialized from a closure by the SDK: the serializer wraps
 * each method in its own function and `with` scope, and the engine stores the text twice per
 * resource (inputs and outputs) and rewrites the whole state after every step, so in a fleet those
 * bytes cost time in proportion to N² (pulumi/pulumi#6645). This text is one short line (sizes:
 * docs/contributing/benchmarks.md#figures-behind-choices-in-the-code, and test/bench/results.md
 * part 3), the same for every resource of a kind and byte-stable across releases (no versions,
 * paths or timestamps, pulumi/pulumi#12401). It names this package's provider runtime by its bare
 * name and loads it when the host first calls it, so update, delete and refresh always run the
 * installed code (pulumi/pulumi#6238), and it captures nothing, so no credential can land in state
 * (pulumi/pulumi#8265).
 */

/**
 * The module `__provider` holds for resources of `kind` ("exoscale:Instance"): one line without
 * spaces, since every byte of it is stored twice per resource and rewritten after every step. When
 * the package is missing (a `pulumi destroy` in a checkout without `npm install`), it says what to
 * install and where the host looked.
 */
export function providerShimText(kind: string): string {
  return [
    "exports.handler=()=>{let r;",
    'try{r=require("pulumi-dynamic-compute/provider-runtime")}',
    "catch(e){throw Error(`install pulumi-dynamic-compute in ${process.cwd()} (${e})`)}",
    `return r.providerFor(${JSON.stringify(kind)})}`,
  ].join("");
}
