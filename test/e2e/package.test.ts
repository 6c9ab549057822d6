/**
 * The package as users get it: `npm pack`, installed into a fresh Pulumi program, run by the real
 * engine. Proves the CommonJS build loads the ESM-only got and p-retry inside the provider process,
 * and that `__provider` is a small, credential-free shim that does not change when the package is
 * rebuilt or upgraded.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expectOk, repoRoot, TestStack } from "../helpers/engine";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

const TYPE = "pulumi-nodejs:dynamic/compute:Instance";
const work = path.join(repoRoot, ".work", `pack-${process.pid}`);
const program = path.join(work, "program");

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Packs this repo and installs the tarball into a new program folder. */
function installPackedPackage(): string {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(program, { recursive: true });
  const tarball = npm(["pack", "--pack-destination", work, "--silent"], repoRoot).trim().split("\n").pop() as string;
  // The SDK is a peer dependency: the program brings its own, as Pulumi programs do.
  const sdkVersion = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).devDependencies["@pulumi/pulumi"];
  fs.writeFileSync(path.join(program, "package.json"), JSON.stringify({ name: "packed-consumer", private: true, dependencies: { "@pulumi/pulumi": sdkVersion, "pulumi-dynamic-compute": `file:../${tarball}` } }, null, 2));
  npm(["install", "--no-audit", "--no-fund", "--prefer-offline", "--omit=dev"], program);
  // The Automation API language server runs the program in the test runner's process, so the
  // program must share that process's @pulumi/pulumi (a second copy would not be connected).
  const sdk = path.join(program, "node_modules", "@pulumi", "pulumi");
  fs.rmSync(sdk, { recursive: true, force: true });
  fs.symlinkSync(path.join(repoRoot, "node_modules", "@pulumi", "pulumi"), sdk, "dir");
  fs.copyFileSync(path.join(repoRoot, "examples", "compute", "Pulumi.yaml"), path.join(program, "Pulumi.yaml"));
  fs.copyFileSync(path.join(repoRoot, "examples", "compute", "index.ts"), path.join(program, "index.ts"));
  return tarball;
}

function providerText(resource: { outputs?: Record<string, unknown> }): string {
  return String(resource.outputs?.__provider);
}

describe("the packed package in a Pulumi program", () => {
  let emulator: TestEmulator;
  let stack: TestStack;
  let tarball: string;

  beforeAll(async () => {
    tarball = installPackedPackage();
    emulator = await startTestEmulator({ opDelayMs: 100 });
    stack = await TestStack.create({ program, inPlace: true, env: emulator.env, config: { "compute:token": { value: emulator.env.COMPUTE_API_TOKEN, secret: true } } });
    // Only stack config holds the token: the provider must resolve it at call time from there.
    delete stack.env.COMPUTE_API_TOKEN;
  });

  afterAll(async () => {
    await stack?.cleanup();
    await emulator?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("ships only compiled JavaScript and types", () => {
    const files = execFileSync("tar", ["-tzf", path.join(work, tarball)], { encoding: "utf8" }).split("\n");
    expect(files).toContain("package/dist/index.js");
    expect(files).toContain("package/dist/index.d.ts");
    expect(files).toContain("package/dist/provider-runtime.js");
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  });

  it("runs pulumi up with the installed package; got and p-retry load from the CommonJS build", async () => {
    const up = expectOk(await stack.up());
    expect(up.outputs?.state).toBe("running");
    // The provider process resolved the package from the program's node_modules, not this repo.
    const installed = fs.realpathSync(path.join(program, "node_modules", "pulumi-dynamic-compute"));
    expect(installed.startsWith(repoRoot + path.sep + ".work")).toBe(true);
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
    execFileSync(process.execPath, [path.join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", repoRoot, "--outDir", path.join(program, "node_modules", "pulumi-dynamic-compute", "dist")]);
    const preview = expectOk(await stack.preview());
    expect(preview.changeSummary).toEqual({ same: 2 });
    expectOk(await stack.up());
    const [after] = await stack.resourcesOfType(TYPE);
    expect(providerText(after)).toBe(providerText(before));
  });
});
