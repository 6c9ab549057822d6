/**
 * One source of truth per resource: the public types in src/<cloud>/types.ts are printed from the
 * schemas in schema.ts (scripts/generate-types.js), so Args, output properties and function results
 * cannot drift from what the provider validates. Fails when a schema changed without `npm run types`.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderAll } = require("../../scripts/generate-types") as {
  renderAll(load?: (file: string) => Record<string, unknown>): Record<string, string>;
};
// The schemas are TypeScript modules that jest transpiles on `require`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadSchemas = (file: string): Record<string, unknown> => require(path.join(root, file));

describe("generated public types", () => {
  const rendered = renderAll(loadSchemas);

  it.each(Object.keys(rendered))(
    "%s is what the schemas print (run `npm run types` after changing a schema)",
    (file) => {
      expect(fs.readFileSync(path.join(root, file), "utf8")).toBe(rendered[file]);
    },
  );

  it("documents every public property from its schema's description", () => {
    for (const [file, text] of Object.entries(rendered)) {
      const undocumented = [...text.matchAll(/^( +)(readonly )?("?[\w.-]+"?\??): /gm)].filter((match) => {
        const before = text.slice(0, match.index).trimEnd();
        return !before.endsWith("*/");
      });
      expect({ file, undocumented: undocumented.map((m) => m[3]) }).toEqual({ file, undocumented: [] });
    }
  });
});
