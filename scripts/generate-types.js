#!/usr/bin/env node
// `npm run types`: prints each cloud's public types (src/<cloud>/types.ts) from its schema.ts, so the
// Args, the output properties and the functions' arguments and results cannot drift from what the
// provider validates, and the policy pack's table of type tokens (policy/src/package-kinds.ts, a
// package of its own that cannot import src/) from src/kinds.ts. `--check` only reports stale files
// (test/unit/public-types.test.ts runs it).
const fs = require("node:fs");
const path = require("node:path");
const { renderModule } = require("./lib/typegen");
const { publicModules } = require("./lib/public-modules");

const root = path.resolve(__dirname, "..");

/** Lets `require` load the TypeScript schemas (transpile only). */
function installTypeScriptHook() {
  const ts = require("typescript");
  require.extensions[".ts"] = (module, filename) => {
    const source = fs.readFileSync(filename, "utf8");
    const { outputText } = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    module._compile(outputText, filename);
  };
}

/** A `readonly string[]` constant, one item a line. */
const tokenList = (doc, name, items) =>
  `/** ${doc} */\nexport const ${name}: readonly string[] = [\n${items.map((item) => `  ${JSON.stringify(item)},\n`).join("")}];\n`;

/** policy/src/package-kinds.ts: the type tokens the policy pack tells apart, from src/kinds.ts. */
function renderPackageKinds(kinds) {
  const token = (kind) => `pulumi-nodejs:dynamic/${kind.cloud}:${kind.type}`;
  const instances = kinds.RESOURCE_KINDS.filter((kind) => kind.role === "instance");
  const snapshotOf = (instance) =>
    kinds.RESOURCE_KINDS.find((kind) => kind.role === "snapshot" && kind.parent === instance.className);
  const withSnapshots = instances.filter(snapshotOf);
  return [
    "// Generated from src/kinds.ts by scripts/generate-types.js: do not edit, run `npm run types` after changing it.\n",
    tokenList("Instance type tokens of pulumi-dynamic-compute.", "PACKAGE_INSTANCE_TYPES", instances.map(token)),
    tokenList(
      "Snapshot type tokens of pulumi-dynamic-compute; each is created as a child of its instance.",
      "PACKAGE_SNAPSHOT_TYPES",
      kinds.RESOURCE_KINDS.filter((kind) => kind.role === "snapshot").map(token),
    ),
    tokenList(
      "Instance type tokens of the clouds without snapshots.",
      "TYPES_WITHOUT_SNAPSHOTS",
      instances.filter((kind) => !snapshotOf(kind)).map(token),
    ),
    `/** The snapshot class of each instance type token that has one. */\nexport const SNAPSHOT_CLASS: Readonly<Record<string, string>> = {\n${withSnapshots
      .map((kind) => `  ${JSON.stringify(token(kind))}: ${JSON.stringify(snapshotOf(kind).className)},\n`)
      .join("")}};\n`,
  ].join("\n");
}

/** { file: text } for every generated module. */
function renderAll(load = (file) => require(path.join(root, file))) {
  const kinds = load("src/kinds");
  const out = { "policy/src/package-kinds.ts": renderPackageKinds(kinds) };
  for (const module of publicModules(kinds)) {
    const schemas = load(module.schemas);
    const pick = (name) => {
      if (!schemas[name]) throw new Error(`${module.schemas} exports no schema ${name}`);
      return schemas[name];
    };
    out[module.file] = renderModule({
      source: `${path.basename(module.schemas)}.ts`,
      classes: module.classes,
      types: module.types.map((type) => ({ ...type, schema: pick(type.schema) })),
      names: (module.names ?? []).map((list) => ({ ...list, schema: pick(list.schema) })),
    });
  }
  return out;
}

if (require.main === module) {
  installTypeScriptHook();
  const check = process.argv.includes("--check");
  const stale = [];
  for (const [file, text] of Object.entries(renderAll())) {
    const target = path.join(root, file);
    const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined;
    if (current === text) continue;
    stale.push(file);
    if (!check) fs.writeFileSync(target, text);
  }
  if (check && stale.length > 0) {
    console.error(`stale generated types: ${stale.join(", ")}; run \`npm run types\``);
    process.exit(1);
  }
  if (!check) console.log(stale.length > 0 ? `wrote ${stale.join(", ")}` : "generated types are up to date");
}

module.exports = { renderAll, installTypeScriptHook };
