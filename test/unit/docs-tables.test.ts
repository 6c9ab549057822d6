/**
 * The input and output tables of the docs pages are printed from the schemas (`npm run docs`,
 * scripts/generate-docs.js), so a reader never sees a property the provider does not take or miss
 * one it does. Fails when a schema changed and the pages were not printed again.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS scripts and the TypeScript schemas, loaded as the script loads them */
const { docPages, stalePages } = require("../../scripts/generate-docs") as {
  docPages(): string[];
  stalePages(load: (file: string) => Record<string, unknown>): Record<string, string>;
};
const { renderDoc, tablesIn } = require("../../scripts/lib/doctables") as {
  renderDoc(text: string, load: (file: string) => Record<string, unknown>): string;
  tablesIn(text: string): string[];
};
const { publicModules } = require("../../scripts/lib/public-modules") as {
  publicModules(kinds: unknown): Array<{ types: Array<{ name: string; form: string }> }>;
};
const loadSchemas = (file: string): Record<string, unknown> => require(path.join(root, file));
const PUBLIC_TYPES = publicModules(loadSchemas("src/kinds"));
/* eslint-enable @typescript-eslint/no-require-imports */

describe("docs tables printed from the schemas", () => {
  const stale = stalePages(loadSchemas);

  it.each(docPages())("%s is what the schemas print (run `npm run docs` after changing a schema)", (page) => {
    const current = fs.readFileSync(path.join(root, page), "utf8");
    expect(current).toBe(stale[page] ?? current);
  });

  it("has a page with the inputs and the outputs of every resource", () => {
    const tables = docPages().flatMap((page) => tablesIn(fs.readFileSync(path.join(root, page), "utf8")));
    const resourceTypes = PUBLIC_TYPES.flatMap((module) =>
      module.types.filter((type) => type.form === "args" || type.form === "outputs").map((type) => type.name),
    );
    expect(resourceTypes.filter((name) => !tables.includes(name))).toEqual([]);
  });

  it("notices a table that no longer matches its schema", () => {
    const page =
      "<!-- schema-table:ComputeInstanceArgs -->\n| input | type |\n|---|---|\n| `gone` | `string` |\n<!-- /schema-table -->\n";
    const fresh = renderDoc(page, loadSchemas);
    expect(fresh).not.toBe(page);
    expect(fresh).toContain("| `image` | `string` | required |");
    expect(fresh).not.toContain("`gone`");
  });

  it("links only to files and headings that exist", () => {
    const headingsOf = (text: string) => {
      const headings = new Set<string>();
      let fenced = false;
      for (const line of text.split("\n")) {
        if (line.startsWith("```")) fenced = !fenced;
        const heading = fenced ? null : /^#+ (.*)$/.exec(line);
        // GitHub's anchors: lower case, punctuation dropped, spaces as dashes.
        if (heading)
          headings.add(
            heading[1]
              .trim()
              .toLowerCase()
              .replace(/[^\p{L}\p{N}_ -]/gu, "")
              .replace(/ /g, "-"),
          );
      }
      return headings;
    };
    const broken: string[] = [];
    for (const page of docPages()) {
      const text = fs.readFileSync(path.join(root, page), "utf8");
      for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(link)) continue;
        const [file, anchor] = link.split("#");
        const target = file ? path.join(root, path.dirname(page), file) : path.join(root, page);
        if (!fs.existsSync(target)) broken.push(`${page}: ${link} (no such file)`);
        else if (anchor && target.endsWith(".md") && !headingsOf(fs.readFileSync(target, "utf8")).has(anchor))
          broken.push(`${page}: ${link} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
