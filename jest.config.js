// Test layers (see docs/contributing.md): unit and contract run in parallel; e2e, reliability drive the
// real engine and are heavier, so they run with limited parallelism from scripts/run-tests.js.
const tsJest = ["ts-jest", { tsconfig: "test/tsconfig.json" }];
const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: "node",
  transform: { "^.+\\.ts$": tsJest },
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  // Program folders copied under .work/ during a run carry package.json files of their own; jest
  // would index them as modules and warn of name collisions.
  modulePathIgnorePatterns: ["<rootDir>/.work/"],
  ...extra,
});

module.exports = {
  projects: [project("unit"), project("contract"), project("e2e"), project("reliability")],
  testTimeout: 600_000,
};
