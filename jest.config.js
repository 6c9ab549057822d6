// Test layers (see docs/contributing/testing.md): unit and contract run in parallel; e2e, reliability drive the
// real engine and are heavier, so they run with limited parallelism from scripts/run-tests.js.
const fs = require("node:fs");
const path = require("node:path");

const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "test/tsconfig.json" }] },
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  // Program folders copied under .work/ during a run carry package.json files of their own; jest
  // would index them as modules and warn of name collisions.
  modulePathIgnorePatterns: ["<rootDir>/.work/"],
  ...extra,
});

/** The folder of package `name` as Node resolves it from `from` (nested node_modules first). */
function packageFolder(name, from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (dir === path.dirname(dir)) return undefined;
  }
}

/** The ESM-only packages among `names` and their dependencies. */
function esmPackages(names, from = __dirname, found = new Set()) {
  for (const name of names) {
    const folder = packageFolder(name, from);
    if (!folder) continue;
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, "package.json"), "utf8"));
    if (manifest.type === "module") found.add(name);
    esmPackages(Object.keys(manifest.dependencies ?? {}), folder, found);
  }
  return found;
}

// src/core loads got and p-retry, which are ESM-only, with `import()`: jest can run that only when
// Node has --experimental-vm-modules, which `npx jest` does not pass. So the unit layer compiles the
// sources to CommonJS (`import()` becomes `require()`) and those packages with them, and needs no
// flag and no build. The other layers load them as ESM, as the package does at run time.
const esm = [...esmPackages(["got", "p-retry"])].map((name) => name.replace(/[.+]/g, "\\$&"));
const unit = {
  transform: { "^.+\\.[jt]s$": ["ts-jest", { tsconfig: "test/tsconfig.unit.json" }] },
  transformIgnorePatterns: [`/node_modules/(?!(${esm.join("|")})/)`],
};

module.exports = {
  projects: [project("unit", unit), project("contract"), project("e2e"), project("reliability")],
  testTimeout: 600_000,
};
