#!/usr/bin/env node
// `npm test`: every layer (unit, contract, e2e, reliability) in one jest run on the real engine,
// the emulator and, where installed, a real LXD daemon; ends with "N passed, N failed".
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { engineBinDir, root } = require("./lib/engine");

const env = { ...process.env, PULUMI_ENGINE_BIN: engineBinDir() };

// Incus tests talk to a real daemon: start LXD (installed on demand) and hand its socket to jest.
const lxd = path.join(root, "scripts", "start-lxd.sh");
if (fs.existsSync(lxd) && !env.INCUS_SOCKET && process.env.SKIP_LXD !== "1") {
  const started = spawnSync("bash", [lxd], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const socket = started.stdout.trim().split("\n").pop();
  if (started.status === 0 && socket) env.INCUS_SOCKET = socket;
  else console.error(`[tests] LXD did not start (exit ${started.status}); the Incus tests will fail`);
}

const results = path.join(root, ".work", "jest-results.json");
fs.mkdirSync(path.dirname(results), { recursive: true });
fs.rmSync(results, { force: true });
const args = ["--experimental-vm-modules", path.join(root, "node_modules", "jest", "bin", "jest.js"), "--maxWorkers=2", "--json", `--outputFile=${results}`, ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" });

let passed = 0;
let failed = 0;
if (fs.existsSync(results)) {
  const summary = JSON.parse(fs.readFileSync(results, "utf8"));
  passed = summary.numPassedTests;
  failed = summary.numFailedTests + summary.numRuntimeErrorTestSuites;
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
