#!/usr/bin/env node
// `npm run types`: prints each cloud's public types (src/<cloud>/types.ts) from its schema.ts, so the
// Args, the output properties and the functions' arguments and results cannot drift from what the
// provider validates. `--check` only reports stale files (test/unit/public-types.test.ts runs it).
const fs = require("node:fs");
const path = require("node:path");
const { renderModule } = require("./lib/typegen");
const { PUBLIC_TYPES } = require("./lib/public-types");

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

/** { file: text } for every generated module. */
function renderAll(load = (file) => require(path.join(root, file))) {
  const out = {};
  for (const module of PUBLIC_TYPES) {
    const schemas = load(module.schemas);
    const pick = (name) => {
      if (!schemas[name]) throw new Error(`${module.schemas} exports no schema ${name}`);
      return schemas[name];
    };
    out[module.file] = renderModule({
      source: `${path.basename(module.schemas)}.ts`,
      imports: module.imports,
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
