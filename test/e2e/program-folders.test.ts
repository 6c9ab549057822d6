/**
 * Program folders the way users lay them out, run by the engine folder's Node language host: a
 * Pulumi.yaml whose `main:` names a sub-folder, the `typescript` and `nodeargs` runtime options, and
 * folders that are not set up (a policy pack or program without its dependencies, a `main:` that
 * does not exist or holds no program), where each error names the folder and says what to do.
 * Folders that must not find this repository's node_modules live in the system's temp directory.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { expectOk, repoRoot, TestStack } from "../helpers/engine";
import { policyPackDir } from "./policy-support";

const EXAMPLE = path.join(repoRoot, "examples", "compute");

describe("program folders", () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-dynamic-compute-setup-"));
  let emulator: TestEmulator;
  const stacks: TestStack[] = [];
  const newStack = async (program: string, inPlace = false) => {
    const stack = await TestStack.create({ program, inPlace, env: emulator.env });
    stacks.push(stack);
    return stack;
  };
  /** A copy of examples/compute whose Pulumi.yaml says `main: <main>`. */
  const programWithMain = (name: string, main: string, extra: (dir: string) => void = () => {}) => {
    const dir = path.join(outside, name);
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    fs.appendFileSync(path.join(dir, "Pulumi.yaml"), `main: ${main}\n`);
    extra(dir);
    return dir;
  };

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });

  afterAll(async () => {
    for (const stack of stacks) await stack.cleanup();
    await emulator?.close();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it("runs the program in the folder that Pulumi.yaml's `main:` names", async () => {
    const dir = path.join(repoRoot, ".work", `main-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(EXAMPLE, path.join(dir, "app"), { recursive: true });
    fs.renameSync(path.join(dir, "app", "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.appendFileSync(path.join(dir, "Pulumi.yaml"), "main: app/\n");
    try {
      const stack = await newStack(dir);
      const up = expectOk(await stack.up());
      expect(up.summary?.resourceChanges).toEqual({ create: 2 });
      expect(up.outputs?.state).toBe("running");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("honours the typescript and nodeargs runtime options of Pulumi.yaml", async () => {
    const dir = path.join(outside, "options");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      [
        "name: options",
        "runtime:",
        "  name: nodejs",
        "  options:",
        "    typescript: false",
        '    nodeargs: "--max-old-space-size=300 --no-deprecation"',
        "",
      ].join("\n"),
    );
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "options", private: true, main: "index.js" }),
    );
    fs.writeFileSync(
      path.join(dir, "index.js"),
      'exports.heapLimitMb = require("node:v8").getHeapStatistics().heap_size_limit >> 20;\nexports.typescript = ".ts" in require.extensions;\nexports.execArgv = process.execArgv;\n',
    );
    // @pulumi/pulumi from this repository, without the repository's other modules.
    fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
    fs.symlinkSync(
      path.join(repoRoot, "node_modules", "@pulumi", "pulumi"),
      path.join(dir, "node_modules", "@pulumi", "pulumi"),
      "dir",
    );
    const stack = await newStack(dir, true);
    const up = expectOk(await stack.up());
    expect(up.outputs).toMatchObject({ typescript: false, execArgv: ["--max-old-space-size=300", "--no-deprecation"] });
    expect(up.outputs?.heapLimitMb).toBeLessThan(400);
  });

  it("a policy pack whose dependencies are not installed: names the pack's folder and says to run npm install there", async () => {
    const pack = path.join(outside, "guardrails");
    fs.cpSync(policyPackDir, pack, { recursive: true, filter: (file) => path.basename(file) !== "node_modules" });
    const stack = await newStack("examples/compute");
    await emulator.clearCalls();
    const result = await stack.preview({ policyPacks: [pack] });
    expect(result.ok).toBe(false);
    expect(result.output).toContain(
      `Cannot find module '@pulumi/pulumi/cmd/run-policy-pack' from ${pack}: run \`npm install\` in ${pack}`,
    );
    expect(result.error).toContain(
      `it looks like the policy pack's dependencies are not installed; try running npm install or yarn install in "${pack}"`,
    );
    expect(await emulator.calls()).toEqual([]);
  });

  it("a program whose @pulumi/pulumi is not installed: names the program's folder and says to run pulumi install there", async () => {
    const dir = path.join(outside, "not-installed");
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    const stack = await newStack(dir, true);
    const result = await stack.preview();
    expect(result.ok).toBe(false);
    expect(result.output).toContain(
      `the program in ${dir} cannot load @pulumi/pulumi: run \`pulumi install\` (or \`npm install\`) in ${dir}`,
    );
  });

  it("a Pulumi.yaml `main:` that does not exist: the CLI names the missing path before anything runs", async () => {
    const dir = programWithMain("missing-main", "app/");
    const stack = await newStack(dir, true);
    const result = await stack.preview();
    expect(result.ok).toBe(false);
    expect(result.error).toContain(
      `project 'main' could not be read: stat ${path.join(dir, "app")}: no such file or directory`,
    );
  });

  it("a Pulumi.yaml `main:` folder without a program: names the folder and the Pulumi.yaml to fix", async () => {
    const dir = programWithMain("empty-main", "app/", (root) => fs.mkdirSync(path.join(root, "app")));
    const stack = await newStack(dir, true);
    const result = await stack.preview();
    expect(result.ok).toBe(false);
    expect(result.output).toContain(
      `there is no program in ${path.join(dir, "app")} (no package.json, index.ts or index.js): point \`main:\` in ${path.join(dir, "Pulumi.yaml")} at the program's folder or file`,
    );
  });
});
