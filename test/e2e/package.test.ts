/**
 * The package as users get it: `npm pack`, declared in a fresh Pulumi program's package.json,
 * installed with `pulumi install` (the Node language host runs npm), type-checked and run by the
 * real engine from the program's own node_modules. Proves the CommonJS build loads the ESM-only got
 * and p-retry inside the provider process, that the published types compile under the tsconfig of
 * `pulumi new typescript`, and that `__provider` is a small, credential-free shim that does not
 * change when the package is rebuilt or upgraded. The compute-guardrails policy pack ships built in
 * the tarball and runs from the program's node_modules with the program's own @pulumi/policy and
 * @pulumi/pulumi.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expectOk, repoRoot, TestStack } from "../helpers/engine";
import { writePolicyConfig } from "./policy-support";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

const TYPE = "pulumi-nodejs:dynamic/compute:Instance";
const work = path.join(repoRoot, ".work", `pack-${process.pid}`);
const program = path.join(work, "program");

/** Packs this repo and writes a program folder that depends on the tarball; returns the tarball's name. */
function writePackedProgram(): string {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(program, { recursive: true });
  const tarball = execFileSync("npm", ["pack", "--pack-destination", work, "--silent"], {
    cwd: repoRoot,
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .pop() as string;
  const example = path.join(repoRoot, "examples", "compute");
  for (const file of ["Pulumi.yaml", "index.ts", "tsconfig.json"])
    fs.copyFileSync(path.join(example, file), path.join(program, file));
  const manifest = JSON.parse(fs.readFileSync(path.join(example, "package.json"), "utf8"));
  manifest.dependencies["pulumi-dynamic-compute"] = `file:../${tarball}`;
  // What a project that runs the shipped policy pack adds (an optional peer dependency of the package).
  manifest.devDependencies = { ...manifest.devDependencies, "@pulumi/policy": "1.21.0" };
  fs.writeFileSync(path.join(program, "package.json"), JSON.stringify(manifest, null, 2));
  return tarball;
}

function providerText(resource: { outputs?: Record<string, unknown> }): string {
  return String(resource.outputs?.__provider);
}

describe("the packed package in a Pulumi program", () => {
  let emulator: TestEmulator;
  let stack: TestStack;
  let tarball: string;
  /** What `pulumi install` printed. */
  let installed: string;

  beforeAll(async () => {
    tarball = writePackedProgram();
    emulator = await startTestEmulator({ opDelayMs: 100 });
    stack = await TestStack.create({
      program,
      inPlace: true,
      typeCheck: true,
      env: emulator.env,
      config: { "compute:token": { value: emulator.env.COMPUTE_API_TOKEN, secret: true } },
    });
    installed = (await stack.cli(["install"])).stdout;
    // Only stack config holds the token: the provider must resolve it at call time from there.
    delete stack.env.COMPUTE_API_TOKEN;
  });

  afterAll(async () => {
    await stack?.cleanup();
    await emulator?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("installs the program's dependencies with `pulumi install`, into the program's own node_modules", () => {
    expect(installed).toContain("Finished installing dependencies");
    for (const name of ["pulumi-dynamic-compute", "@pulumi/pulumi", "got"])
      expect(fs.existsSync(path.join(program, "node_modules", name, "package.json"))).toBe(true);
  });

  it("ships only compiled JavaScript and types", () => {
    const files = execFileSync("tar", ["-tzf", path.join(work, tarball)], { encoding: "utf8" }).split("\n");
    expect(files).toContain("package/dist/index.js");
    expect(files).toContain("package/dist/index.d.ts");
    expect(files).toContain("package/dist/provider-runtime.js");
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  });

  it("ships the policy pack built, with its manifest, and not its sources", () => {
    const files = execFileSync("tar", ["-tzf", path.join(work, tarball)], { encoding: "utf8" }).split("\n");
    for (const file of ["dist/index.js", "dist/policies.js", "package.json", "PulumiPolicy.yaml"])
      expect(files).toContain(`package/policy/${file}`);
    expect(files.filter((f) => /^package\/policy\/(src|node_modules|tsconfig)/.test(f))).toEqual([]);
  });

  it("runs the policy pack from node_modules, with the program's own @pulumi/policy and @pulumi/pulumi", async () => {
    const pack = path.join(program, "node_modules", "pulumi-dynamic-compute", "policy");
    // What the language host and the pack require, resolved from the pack's folder as Node does.
    const resolve = (module: string) =>
      fs.realpathSync(
        execFileSync(process.execPath, ["-e", "console.log(require.resolve(process.argv[1]))", module], {
          cwd: pack,
          encoding: "utf8",
        }).trim(),
      );
    for (const module of ["@pulumi/policy", "@pulumi/pulumi/cmd/run-policy-pack"])
      expect(resolve(module).startsWith(path.join(program, "node_modules") + path.sep)).toBe(true);
    // Every stack counts as production, so the example's unprotected instance must be refused.
    const config = writePolicyConfig(work, "all-production", {
      "production-instances-protected": { stackPatterns: ["*"] },
    });
    const preview = await stack.preview({
      policyPacks: ["node_modules/pulumi-dynamic-compute/policy"],
      policyPackConfigs: [config],
    });
    expect(preview.ok).toBe(false);
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    expect(preview.output).toContain(
      `compute-guardrails@v${version} (local: node_modules/pulumi-dynamic-compute/policy)`,
    );
    expect(preview.output).toMatch(/\[mandatory\].*production-instances-protected/);
    expect(preview.output).toContain(`Production instance "web" (${TYPE}) is not protected against deletion`);
  });

  it("type-checks and runs pulumi up with the installed package; got and p-retry load from the CommonJS build", async () => {
    const up = expectOk(await stack.up());
    expect(up.outputs?.state).toBe("running");
    // The provider process resolved the package from the program's node_modules, not this repo.
    const packageDir = fs.realpathSync(path.join(program, "node_modules", "pulumi-dynamic-compute"));
    expect(packageDir.startsWith(repoRoot + path.sep + ".work")).toBe(true);
  });

  it("records the program's `new ComputeInstance` line as the resource's source position", async () => {
    const source = fs.readFileSync(path.join(program, "index.ts"), "utf8").split("\n");
    const line = source.findIndex((text) => text.includes('new ComputeInstance("web"')) + 1;
    const column = source[line - 1].indexOf("new ") + 1;
    const [resource] = await stack.resourcesOfType(TYPE);
    expect((resource as { sourcePosition?: string }).sourcePosition).toBe(`project:///index.ts#${line},${column}`);
  });

  it("stores a small __provider shim without credentials", async () => {
    const [resource] = await stack.resourcesOfType(TYPE);
    const text = providerText(resource);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(512);
    expect(text).toContain('require("pulumi-dynamic-compute/provider-runtime")');
    expect(text).not.toContain(emulator.env.COMPUTE_API_TOKEN);
    expect(text).not.toMatch(/got|p-retry|zod|\/work\/|node_modules/);
    const whole = JSON.stringify(await stack.exportState());
    expect(whole).not.toContain(emulator.env.COMPUTE_API_TOKEN.slice(0, 30));
  });

  it("keeps __provider byte-identical after the package is upgraded, so no update is planned", async () => {
    const [before] = await stack.resourcesOfType(TYPE);
    // An upgrade: new version number, rebuilt files.
    const manifest = path.join(program, "node_modules", "pulumi-dynamic-compute", "package.json");
    const pkg = JSON.parse(fs.readFileSync(manifest, "utf8"));
    fs.writeFileSync(manifest, JSON.stringify({ ...pkg, version: "99.0.0" }, null, 2));
    execFileSync(process.execPath, [
      path.join(repoRoot, "node_modules", "typescript", "bin", "tsc"),
      "-p",
      repoRoot,
      "--outDir",
      path.join(program, "node_modules", "pulumi-dynamic-compute", "dist"),
    ]);
    const preview = expectOk(await stack.preview());
    expect(preview.changeSummary).toEqual({ same: 2 });
    expectOk(await stack.up());
    const [after] = await stack.resourcesOfType(TYPE);
    expect(providerText(after)).toBe(providerText(before));
  });
});
