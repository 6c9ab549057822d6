// The real Pulumi engine for tests, the demo and the benchmarks: finds (or builds) the engine folder
// (the CLI with its Node language host) and returns the environment that keeps it local: file
// backend, passphrase secrets, no update checks, no plugin downloads.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..");

/** Directory holding `pulumi` and its plugins; builds the engine the first time (scripts/install-engine.sh). */
function engineBinDir() {
  const given = process.env.PULUMI_ENGINE_BIN;
  if (given && ["pulumi", "pulumi-language-nodejs"].every((file) => fs.existsSync(path.join(given, file))))
    return given;
  const out = execFileSync("bash", [path.join(root, "scripts", "install-engine.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const dir = out.trim().split("\n").pop();
  process.env.PULUMI_ENGINE_BIN = dir;
  return dir;
}

/** Environment for one isolated engine run rooted at `workRoot` (state and PULUMI_HOME live there). */
function engineEnv(workRoot, extra = {}) {
  const bin = engineBinDir();
  fs.mkdirSync(path.join(workRoot, "state"), { recursive: true });
  fs.mkdirSync(path.join(workRoot, "home"), { recursive: true });
  return {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    PULUMI_ENGINE_BIN: bin,
    PULUMI_HOME: path.join(workRoot, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(workRoot, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "pulumi-dynamic-compute-tests",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    ...extra,
  };
}

module.exports = { engineBinDir, engineEnv, root };
