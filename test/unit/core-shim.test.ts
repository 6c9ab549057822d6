/**
 * The `__provider` text every resource stores twice (inputs and outputs): a few hundred bytes, the
 * same for every resource of a kind, nothing captured, and loaded the way the dynamic-provider host
 * loads it (`require-from-string`, then `handler()`).
 */
import { providerShimText } from "../../src/core/shim";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireFromString = require("require-from-string") as (code: string) => { handler(): Record<string, unknown> };

const KINDS = [
  "exoscale:Instance",
  "exoscale:InstanceSnapshot",
  "scaleway:Image",
  "compute:Instance",
  "incus:Instance",
  "incus:InstanceSnapshot",
];

describe("the __provider shim", () => {
  it("is a few hundred bytes and byte-stable: no version, path, time or credential in it", () => {
    for (const kind of KINDS) {
      const text = providerShimText(kind);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(400);
      expect(providerShimText(kind)).toBe(text);
      expect(text).toContain(`runtime.providerFor("${kind}")`);
      expect(text).not.toMatch(/\d+\.\d+\.\d+|\/work\/|node_modules|\d{4}-\d\d-\d\d|got|zod|apiKey|secret|token/i);
    }
  });

  it("loads this package's provider runtime by its bare name, as the dynamic-provider host does", () => {
    const provider = requireFromString(providerShimText("exoscale:Instance")).handler();
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"])
      expect(typeof provider[method]).toBe("function");
  });

  it("names the package and the folder it looked from when the package is not installed", () => {
    const module = { exports: {} as { handler(): unknown } };
    const missing = () => {
      throw new Error("Cannot find module 'pulumi-dynamic-compute/provider-runtime'");
    };
    new Function("exports", "require", providerShimText("compute:Instance"))(module.exports, missing);
    expect(() => module.exports.handler()).toThrow(
      `cannot load pulumi-dynamic-compute from ${process.cwd()}: install it in the Pulumi program's dependencies (Error: Cannot find module 'pulumi-dynamic-compute/provider-runtime')`,
    );
  });
});
