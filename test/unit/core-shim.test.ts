/**
 * The `__provider` text every resource stores twice (inputs and outputs): a few hundred bytes, the
 * same for every resource of a kind, nothing captured. Loading it the way the dynamic-provider host
 * does needs the built package: test/e2e/provider-shim.test.ts.
 */
import { providerShimText } from "../../src/core/shim";

const KINDS = [
  "exoscale:Instance",
  "exoscale:InstanceSnapshot",
  "scaleway:Image",
  "compute:Instance",
  "incus:Instance",
  "incus:InstanceSnapshot",
];

describe("the __provider shim", () => {
  it("is one line of about 200 bytes and byte-stable: no version, path, time or credential in it", () => {
    for (const kind of KINDS) {
      const text = providerShimText(kind);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(224);
      expect(text).not.toMatch(/\s{2}|\n/);
      expect(providerShimText(kind)).toBe(text);
      expect(text).toContain(`.providerFor("${kind}")`);
      expect(text).not.toMatch(/\d+\.\d+\.\d+|\/work\/|node_modules|\d{4}-\d\d-\d\d|got|zod|apiKey|secret|token/i);
    }
  });

  it("says what to install and the folder it looked from when the package is not installed", () => {
    const module = { exports: {} as { handler(): unknown } };
    const missing = () => {
      throw new Error("Cannot find module 'pulumi-dynamic-compute/provider-runtime'");
    };
    new Function("exports", "require", providerShimText("compute:Instance"))(module.exports, missing);
    expect(() => module.exports.handler()).toThrow(
      `install pulumi-dynamic-compute in ${process.cwd()} (Error: Cannot find module 'pulumi-dynamic-compute/provider-runtime')`,
    );
  });
});
