/**
 * The `__provider` shim loaded the way the dynamic-provider host loads it (`require-from-string`, then
 * `handler()`): it finds the built package's provider runtime by its bare name (node_modules link
 * made by `npm run build`). What the text itself holds is test/unit/core-shim.test.ts.
 */
import { providerShimText } from "../../src/core/shim";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireFromString = require("require-from-string") as (code: string) => { handler(): Record<string, unknown> };

describe("the __provider shim", () => {
  it("loads this package's provider runtime by its bare name, as the dynamic-provider host does", () => {
    const provider = requireFromString(providerShimText("exoscale:Instance")).handler();
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"])
      expect(typeof provider[method]).toBe("function");
  });
});
