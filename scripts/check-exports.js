#!/usr/bin/env node
// `npm run lint` runs this after ESLint: fails when a name exported from src/ or policy/src/ is used in
// no other file (src, test, examples, scripts, policy) and is not part of the public API (what the
// package's entry points export). Such an `export` only widens a module's surface; drop the keyword.
//
// Uses in TypeScript are found with the compiler's own resolution (imports, `typeof import(...)`,
// re-exports, namespace access); a JavaScript file, or a TypeScript string literal equal to the name,
// counts as a use by name (the generators look schemas up by their exported names).
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

const root = path.resolve(__dirname, "..");
const rel = (file) => path.relative(root, file).split(path.sep).join("/");

/** Checked: each file's own exported declarations. */
const CHECKED = ["src/", "policy/src/"];
/** The package's entry points and the policy pack's: everything they export is public. */
const ENTRIES = ["src/index.ts", "src/emulator/index.ts", "src/provider-runtime.ts", "policy/src/index.ts"];
/** Where JavaScript that may use a name lives. */
const JS_ROOTS = ["scripts", "test", "examples", "policy", "jest.config.js"];
const SKIPPED_DIRS = new Set(["node_modules", "dist", ".work", "coverage", "fixtures"]);

function loadProgram() {
  // test/tsconfig.json holds src, test and examples; the policy pack's sources are added to it.
  const configFile = path.join(root, "test", "tsconfig.json");
  const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configFile));
  const policyFiles = ts.sys.readDirectory(path.join(root, "policy", "src"), [".ts"]);
  return ts.createProgram({ rootNames: [...parsed.fileNames, ...policyFiles], options: parsed.options });
}

const isOurs = (file) => !file.isDeclarationFile && !rel(file.fileName).startsWith("..");
const isChecked = (file) => CHECKED.some((dir) => rel(file.fileName).startsWith(dir));

/** The declaration a symbol stands for, through import/export aliases. */
function target(checker, symbol) {
  const resolved = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return resolved.declarations?.[0];
}

/** [{ file, name, declaration }] for each name a checked file declares and exports. */
function ownExports(program, checker) {
  const found = [];
  for (const file of program.getSourceFiles()) {
    if (!isOurs(file) || !isChecked(file)) continue;
    const moduleSymbol = checker.getSymbolAtLocation(file);
    if (!moduleSymbol) continue;
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const declaration = target(checker, symbol);
      if (declaration?.getSourceFile() !== file) continue; // re-exported from another file: checked there
      found.push({ file: rel(file.fileName), name: symbol.getName(), declaration });
    }
  }
  return found;
}

/**
 * Declarations the entry points export, and the named type each exported value has (a resource class
 * made by a factory is typed as the factory's interface, which the package's .d.ts must name).
 */
function publicDeclarations(program, checker) {
  const result = new Set();
  for (const entry of ENTRIES) {
    const file = program.getSourceFile(path.join(root, entry));
    if (!file) throw new Error(`check-exports: entry point ${entry} is not in the program`);
    const moduleSymbol = checker.getSymbolAtLocation(file);
    for (const symbol of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
      const declaration = target(checker, symbol);
      result.add(declaration);
      if (declaration && ts.isVariableDeclaration(declaration)) {
        const type = checker.getTypeAtLocation(declaration);
        const named = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
        if (named) result.add(named);
      }
    }
  }
  return result;
}

/** `src/<cloud>/schema.ts` names that `npm run types` printed into the folder's `types.ts` (found by name). */
function printedSchemas(program, checker) {
  const printed = new Set();
  for (const file of program.getSourceFiles()) {
    if (!isOurs(file) || !/^src\/[^/]+\/types\.ts$/.test(rel(file.fileName))) continue;
    const moduleSymbol = checker.getSymbolAtLocation(file);
    for (const symbol of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [])
      printed.add(`${rel(file.fileName).replace(/types\.ts$/, "schema.ts")}:${symbol.getName()}`);
  }
  return printed;
}

/** The property `{ name } = require("./x") as typeof import("./x")` takes, for a name in such a pattern. */
function destructured(checker, identifier) {
  const element = identifier.parent;
  if (!ts.isBindingElement(element) || !ts.isObjectBindingPattern(element.parent)) return undefined;
  const key = element.propertyName ?? element.name;
  if (key !== identifier || !ts.isIdentifier(key)) return undefined;
  return checker.getTypeAtLocation(element.parent).getProperty(key.text);
}

/** Declarations referenced from a file other than their own, and the string literals of every file. */
function usesInTypeScript(program, checker, names) {
  const used = new Set();
  const strings = new Map(); // text -> files it appears in as a whole string literal
  for (const file of program.getSourceFiles()) {
    if (!isOurs(file)) continue;
    const visit = (node) => {
      if (ts.isIdentifier(node) && names.has(node.text)) {
        const symbol = destructured(checker, node) ?? checker.getSymbolAtLocation(node);
        const declaration = symbol && target(checker, symbol);
        if (declaration && declaration.getSourceFile() !== file) used.add(declaration);
      } else if (ts.isStringLiteralLike(node) && names.has(node.text)) {
        if (!strings.has(node.text)) strings.set(node.text, new Set());
        strings.get(node.text).add(rel(file.fileName));
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { used, strings };
}

/** Every word of every JavaScript file under JS_ROOTS. */
function wordsInJavaScript() {
  const words = new Set();
  const walk = (entry) => {
    const full = path.join(root, entry);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const child of fs.readdirSync(full)) if (!SKIPPED_DIRS.has(child)) walk(path.join(entry, child));
    } else if (/\.[cm]?js$/.test(entry)) {
      for (const word of fs.readFileSync(full, "utf8").match(/[A-Za-z_$][\w$]*/g) ?? []) words.add(word);
    }
  };
  JS_ROOTS.forEach(walk);
  return words;
}

function unusedExports() {
  const program = loadProgram();
  const checker = program.getTypeChecker();
  const exported = ownExports(program, checker);
  const names = new Set(exported.map((e) => e.name));
  const publicApi = publicDeclarations(program, checker);
  const { used, strings } = usesInTypeScript(program, checker, names);
  const jsWords = wordsInJavaScript();
  const printed = printedSchemas(program, checker);
  return exported.filter(
    (e) =>
      !publicApi.has(e.declaration) &&
      !printed.has(`${e.file}:${e.name}`) &&
      !used.has(e.declaration) &&
      !jsWords.has(e.name) &&
      ![...(strings.get(e.name) ?? [])].some((file) => file !== e.file),
  );
}

if (require.main === module) {
  const findings = unusedExports().map((e) => `${e.file}:${e.name}`);
  if (findings.length > 0) {
    console.error(
      `exported but used in no other file and not public (remove \`export\`, or use it elsewhere):\n` +
        findings.map((f) => `  ${f}`).join("\n"),
    );
    process.exit(1);
  }
}

module.exports = { unusedExports };
