#!/usr/bin/env node
// `npm test`: every layer (unit, contract, e2e, reliability) in one jest run on the real engine,
// the emulator and two real daemons, LXD 5.0 and Incus 6.0; ends with "N passed, N failed".
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { engineBinDir, root } = require("./lib/engine");

const env = { ...process.env, PULUMI_ENGINE_BIN: engineBinDir() };

// The Incus tests talk to two real daemons, LXD 5.0 (LXD_SOCKET) and Incus 6.0 (INCUS_SOCKET): each
// is started (and installed on demand) by its script unless its variable is set already, and its
// socket is handed to jest. SKIP_LXD=1 / SKIP_INCUS=1 leave starting it to the tests themselves.
const daemons = [
  { variable: "LXD_SOCKET", script: "start-lxd.sh", skip: "SKIP_LXD", name: "LXD" },
  { variable: "INCUS_SOCKET", script: "start-incus.sh", skip: "SKIP_INCUS", name: "Incus" },
];
for (const daemon of daemons) {
  if (env[daemon.variable] || process.env[daemon.skip] === "1") continue;
  const started = spawnSync("bash", [path.join(root, "scripts", daemon.script)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const socket = started.stdout.trim().split("\n").pop();
  if (started.status === 0 && socket) env[daemon.variable] = socket;
  else {
    // Said once here; each test file then fails at once with this reason instead of running the
    // script again (and waiting out its lock) on its own.
    env[`${daemon.variable}_START_FAILED`] = `scripts/${daemon.script} exited ${started.status}`;
    console.error(`[tests] ${daemon.name} did not start (exit ${started.status}); the Incus tests will fail`);
  }
}

const results = path.join(root, ".work", "jest-results.json");
fs.mkdirSync(path.dirname(results), { recursive: true });
fs.rmSync(results, { force: true });
const args = [
  "--experimental-vm-modules",
  path.join(root, "node_modules", "jest", "bin", "jest.js"),
  "--maxWorkers=2",
  "--json",
  `--outputFile=${results}`,
  ...process.argv.slice(2),
];
const run = spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" });

// No results file means jest itself failed: counted as one failure.
let passed = 0;
let failed = 1;
if (fs.existsSync(results)) {
  const summary = JSON.parse(fs.readFileSync(results, "utf8"));
  passed = summary.numPassedTests;
  failed = summary.numFailedTests + summary.numRuntimeErrorTestSuites;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
