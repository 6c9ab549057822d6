#!/usr/bin/env node
// `npm run demo`: starts the local cloud emulator, runs a real `pulumi up` of examples/quickstart
// against it, prints the outputs, shows that `destroy` is refused and deletes nothing while the
// resources are protected, then unprotects (`protect=false`, an `up` that removes protection) and destroys.
const fs = require("node:fs");
const path = require("node:path");
const { engineEnv, root } = require("./lib/engine");
const { runProgram } = require("./lib/run-program");

const work = path.join(root, ".work", "demo");
const workDir = path.join(work, "project");
const programFile = path.join(root, "examples", "quickstart", "index.ts");

/** Ids of every object the emulator holds (instances, images, snapshots, operations excluded). */
async function emulatorObjects(url) {
  const state = await (await fetch(`${url}/_emulator/state`)).json();
  const ids = [];
  for (const [api, slice] of Object.entries(state)) {
    for (const [collection, items] of Object.entries(slice ?? {})) {
      if (/operation/i.test(api + collection) || !items || typeof items !== "object") continue;
      for (const id of Object.keys(items)) ids.push(`${api}.${collection}/${id}`);
    }
  }
  return ids;
}

function banner(text) {
  process.stdout.write(`\n=== ${text} ===\n`);
}

async function main() {
  const started = Date.now();
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  fs.copyFileSync(path.join(root, "examples", "quickstart", "Pulumi.yaml"), path.join(workDir, "Pulumi.yaml"));

  const { startEmulator } = require(path.join(root, "dist", "emulator"));
  const emulator = await startEmulator({ opDelayMs: Number(process.env.DEMO_OP_DELAY_MS ?? 400), stateFile: path.join(work, "emulator-state.json") });
  banner(`local cloud emulator listening on ${emulator.url}`);
  Object.assign(process.env, engineEnv(work, emulator.env));

  const { execFileSync } = require("node:child_process");
  const pulumi = (...args) => execFileSync("pulumi", [...args, "--non-interactive"], { cwd: workDir, env: process.env, encoding: "utf8" });
  pulumi("stack", "init", "demo");

  const run = (op, options = {}) => runProgram({ workDir, programFile, stack: "demo", op, options }, (text) => process.stdout.write(text));
  const before = new Set(await emulatorObjects(emulator.url));
  const madeByDemo = async () => (await emulatorObjects(emulator.url)).filter((id) => !before.has(id));
  try {
    banner("pulumi up");
    const up = await run("up");
    const madeByUp = await madeByDemo();
    banner("stack outputs");
    for (const [key, value] of Object.entries(up.outputs)) process.stdout.write(`  ${key}: ${JSON.stringify(value)}\n`);

    banner("pulumi destroy (expected to be refused: everything is protected)");
    try {
      await run("destroy");
      throw new Error("destroy succeeded although the instances are protected");
    } catch (error) {
      if (/destroy succeeded/.test(error.message)) throw error;
      const refused = [...new Set([...String(error.message).matchAll(/resource "urn:[^"]*::([^":]+)" cannot be deleted/g)].map((m) => m[1]))];
      if (refused.length === 0) throw error;
      process.stdout.write(`\n  refused as expected: ${refused.join(", ")} cannot be deleted because they are protected\n`);
    }
    const kept = await madeByDemo();
    process.stdout.write(`  objects the demo created that are still in the emulator after the refused destroy: ${kept.length} of ${madeByUp.length}\n`);
    if (kept.length !== madeByUp.length) throw new Error(`the refused destroy deleted ${madeByUp.filter((id) => !kept.includes(id)).join(", ")}`);

    banner("unprotect: pulumi config set protect false && pulumi up");
    pulumi("config", "set", "--stack", "demo", "protect", "false");
    await run("up");

    banner("pulumi destroy");
    await run("destroy");
    const left = await madeByDemo();
    process.stdout.write(`\n  objects the demo created that are still in the emulator: ${left.length}\n`);
    if (left.length > 0) throw new Error(`left behind: ${left.join(", ")}`);
    banner(`demo finished in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  } finally {
    await emulator.close();
  }
}

main().catch((error) => {
  process.stderr.write(`\ndemo failed: ${error && error.message ? error.message : error}\n`);
  process.exit(1);
});
