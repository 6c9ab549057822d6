/**
 * The packed package in a standard Pulumi TypeScript project (what `pulumi new typescript` makes):
 * installed next to another @pulumi/pulumi version it leaves a single copy of the SDK (it is a peer
 * dependency), and a program using every export type-checks with both template tsconfigs, with no
 * skipLibCheck and no esModuleInterop, so no third-party declaration may leak into ours.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { repoRoot } from "../helpers/engine";
import { installedCopies, installProgram, packPackage } from "../helpers/pack";
import { PULUMI_TEMPLATE_COMPILER_OPTIONS as TEMPLATES, pulumiTemplateTsconfig } from "../helpers/pulumi-template";

const work = path.join(repoRoot, ".work", `pack-types-${process.pid}`);
const everyExport = path.join(repoRoot, "test", "e2e", "programs", "every-export", "index.ts");

/** `tsc --noEmit` in `dir` with one template; returns what it printed ("" when the program compiles). */
function typecheck(dir: string, template: keyof typeof TEMPLATES): string {
  const config = path.join(dir, `tsconfig.${template}.json`);
  fs.writeFileSync(config, JSON.stringify(pulumiTemplateTsconfig(template), null, 2));
  try {
    execFileSync(
      process.execPath,
      [path.join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", config, "--noEmit"],
      { cwd: dir, encoding: "utf8", stdio: "pipe" },
    );
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

/** Every name the installed package's root exports (values and types). */
function exportedNames(dir: string): string[] {
  const entry = path.join(dir, "node_modules", "pulumi-dynamic-compute", "dist", "index.d.ts");
  const program = ts.createProgram([entry], { module: ts.ModuleKind.CommonJS, noEmit: true });
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(program.getSourceFile(entry) as ts.SourceFile) as ts.Symbol;
  return checker.getExportsOfModule(symbol).map((s) => s.name);
}

describe("the packed package in a `pulumi new typescript` project", () => {
  let tarball: string;
  const program = path.join(work, "program");

  beforeAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
    tarball = packPackage(work);
    // As the template has it: the SDK pinned by the program, @types/node 18; 3.247.0 is not the version we develop with.
    installProgram(
      program,
      { "@pulumi/pulumi": "3.247.0", "pulumi-dynamic-compute": `file:../${tarball}` },
      { "@types/node": "^18" },
    );
    fs.copyFileSync(everyExport, path.join(program, "index.ts"));
  }, 600_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("leaves one copy of @pulumi/pulumi: the program's 3.247.0", () => {
    expect(installedCopies(program, "@pulumi/pulumi")).toEqual({ "node_modules/@pulumi/pulumi": "3.247.0" });
    const manifest = JSON.parse(
      fs.readFileSync(path.join(program, "node_modules", "pulumi-dynamic-compute", "package.json"), "utf8"),
    );
    expect(manifest.dependencies?.["@pulumi/pulumi"]).toBeUndefined();
    expect(manifest.peerDependencies?.["@pulumi/pulumi"]).toBe(">=3.139.0 <4.0.0");
  });

  it("ships no source map pointing at sources it does not ship", () => {
    const files = execFileSync("tar", ["-tzf", path.join(work, tarball)], { encoding: "utf8" }).split("\n");
    expect(files.filter((file) => file.endsWith(".map"))).toEqual([]);
  });

  it("type-checks a program that uses every export", () => {
    const text = fs.readFileSync(everyExport, "utf8");
    const unused = exportedNames(program).filter((name) => !new RegExp(`\\b${name}\\b`).test(text));
    expect(unused).toEqual([]);
  });

  it.each(Object.keys(TEMPLATES) as Array<keyof typeof TEMPLATES>)(
    "compiles with the %s template's tsconfig (no skipLibCheck, no esModuleInterop)",
    (template) => {
      expect(typecheck(program, template)).toBe("");
    },
  );

  it("compiles against the oldest SDK of the supported range, 3.139.0", () => {
    const oldest = path.join(work, "oldest");
    installProgram(
      oldest,
      { "@pulumi/pulumi": "3.139.0", "pulumi-dynamic-compute": `file:../${tarball}` },
      { "@types/node": "^18" },
    );
    fs.copyFileSync(everyExport, path.join(oldest, "index.ts"));
    expect(installedCopies(oldest, "@pulumi/pulumi")).toEqual({ "node_modules/@pulumi/pulumi": "3.139.0" });
    expect(typecheck(oldest, "current")).toBe("");
  }, 600_000);
});
