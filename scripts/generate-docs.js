#!/usr/bin/env node
// `npm run docs`: prints the input and output tables of the docs pages (README.md, docs/, docs/contributing/) from
// each cloud's schemas, between `<!-- schema-table:Name -->` and `<!-- /schema-table -->`, so the
// reference cannot drift from what the provider validates. `--check` only reports stale pages
// (test/unit/docs-tables.test.ts runs the same comparison).
const fs = require("node:fs");
const path = require("node:path");
const { renderDoc } = require("./lib/doctables");
const { installTypeScriptHook } = require("./generate-types");

const root = path.resolve(__dirname, "..");

/** The pages that may hold schema tables, relative to the root: the user pages and docs/contributing/. */
function docPages() {
  const docs = fs.existsSync(path.join(root, "docs"))
    ? fs.readdirSync(path.join(root, "docs"), { recursive: true }).filter((file) => file.endsWith(".md"))
    : [];
  return ["README.md", ...docs.sort().map((file) => `docs/${file.split(path.sep).join("/")}`)];
}

/** { page: text } for every page whose tables are not what the schemas print. */
function stalePages(load = (file) => require(path.join(root, file))) {
  const stale = {};
  for (const page of docPages()) {
    const current = fs.readFileSync(path.join(root, page), "utf8");
    const fresh = renderDoc(current, load);
    if (fresh !== current) stale[page] = fresh;
  }
  return stale;
}

if (require.main === module) {
  installTypeScriptHook();
  const stale = stalePages();
  const pages = Object.keys(stale);
  if (process.argv.includes("--check")) {
    if (pages.length > 0) {
      console.error(`stale schema tables in ${pages.join(", ")}; run \`npm run docs\``);
      process.exit(1);
    }
  } else {
    for (const page of pages) fs.writeFileSync(path.join(root, page), stale[page]);
    console.log(pages.length > 0 ? `wrote ${pages.join(", ")}` : "docs tables are up to date");
  }
}

module.exports = { docPages, stalePages };
