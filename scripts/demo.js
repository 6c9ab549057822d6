#!/usr/bin/env node
// `npm run demo`: starts the local cloud emulator and runs the `pulumi` CLI of the engine folder in
// examples/quickstart, as a user would: `pulumi up` (its own output is what you see), the stack
// outputs, a `pulumi destroy` that is refused and deletes nothing while the resources are protected,
// then `pulumi config set protect false`, `pulumi up` (which removes protection) and `pulumi destroy`.
// The state lives under .work/demo; the stack is removed at the end.
const { spawn, execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { engineEnv, root } = require("./lib/engine");

const work = path.join(root, ".work", "demo");
const program = path.join(root, "examples", "quickstart");
const STACK = "demo";

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

/** `pulumi <args>` in the program folder, its output shown as it comes; resolves with its exit code and output. */
function pulumiShown(args, env) {
  process.stdout.write(`$ pulumi ${args.join(" ")}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", [...args, "--stack", STACK, "--non-interactive"], {
      cwd: program,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const show = (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on("data", show);
    child.stderr.on("data", show);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

async function main() {
  const started = Date.now();
  fs.rmSync(work, { recursive: true, force: true });
  // A stack file left by an interrupted demo would change what the first `up` does.
  fs.rmSync(path.join(program, `Pulumi.${STACK}.yaml`), { force: true });

  const { startEmulator } = require(path.join(root, "dist", "emulator"));
  const emulator = await startEmulator({
    opDelayMs: Number(process.env.DEMO_OP_DELAY_MS ?? 400),
    stateFile: path.join(work, "emulator-state.json"),
  });
  banner(`local cloud emulator listening on ${emulator.url}`);
  const env = engineEnv(work, emulator.env);
  const pulumi = (...args) =>
    execFileSync("pulumi", [...args, "--stack", STACK, "--non-interactive"], { cwd: program, env, encoding: "utf8" });
  execFileSync("pulumi", ["stack", "init", STACK, "--non-interactive"], { cwd: program, env, stdio: "ignore" });

  const before = new Set(await emulatorObjects(emulator.url));
  const madeByDemo = async () => (await emulatorObjects(emulator.url)).filter((id) => !before.has(id));
  try {
    banner("pulumi up");
    const up = await pulumiShown(["up", "--yes"], env);
    if (up.code !== 0) throw new Error(`pulumi up failed (exit ${up.code})`);
    const madeByUp = await madeByDemo();
    banner("stack outputs");
    for (const [key, value] of Object.entries(JSON.parse(pulumi("stack", "output", "--json"))))
      process.stdout.write(`  ${key}: ${JSON.stringify(value)}\n`);

    banner("pulumi destroy (expected to be refused: everything is protected)");
    const destroy = await pulumiShown(["destroy", "--yes"], env);
    if (destroy.code === 0) throw new Error("destroy succeeded although the instances are protected");
    const refused = [
      ...new Set([...destroy.output.matchAll(/resource "urn:[^"]*::([^":]+)" cannot be deleted/g)].map((m) => m[1])),
    ];
    if (refused.length === 0) throw new Error("destroy failed for another reason than protection");
    process.stdout.write(
      `\n  refused as expected: ${refused.join(", ")} cannot be deleted because they are protected\n`,
    );
    const kept = await madeByDemo();
    process.stdout.write(
      `  objects the demo created that are still in the emulator after the refused destroy: ${kept.length} of ${madeByUp.length}\n`,
    );
    if (kept.length !== madeByUp.length)
      throw new Error(`the refused destroy deleted ${madeByUp.filter((id) => !kept.includes(id)).join(", ")}`);

    banner("unprotect: pulumi config set protect false && pulumi up");
    pulumi("config", "set", "protect", "false");
    if ((await pulumiShown(["up", "--yes"], env)).code !== 0) throw new Error("pulumi up (unprotect) failed");

    banner("pulumi destroy");
    if ((await pulumiShown(["destroy", "--yes"], env)).code !== 0) throw new Error("pulumi destroy failed");
    const left = await madeByDemo();
    process.stdout.write(`\n  objects the demo created that are still in the emulator: ${left.length}\n`);
    if (left.length > 0) throw new Error(`left behind: ${left.join(", ")}`);
    pulumi("stack", "rm", "--yes");
    banner(`demo finished in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    process.stdout.write(
      [
        `The engine folder: ${env.PULUMI_ENGINE_BIN}`,
        "To run it yourself (Pulumi.yaml at the repository root runs examples/quickstart):",
        `  export PATH=${env.PULUMI_ENGINE_BIN}:$PATH`,
        '  eval "$(node dist/emulator/cli.js --print-env)"   # the local cloud, in the background',
        "  pulumi login --local && pulumi stack init dev && pulumi config set protect false && pulumi up",
        "  pulumi destroy && kill $COMPUTE_EMULATOR_PID",
        "",
      ].join("\n"),
    );
  } finally {
    await emulator.close();
  }
}

main().catch((error) => {
  process.stderr.write(`\ndemo failed: ${error && error.message ? error.message : error}\n`);
  process.exit(1);
});
