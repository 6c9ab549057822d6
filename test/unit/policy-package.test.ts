/**
 * The policy pack ships in the npm package: its compiled files and manifest are in "files", its
 * version is the package's (@pulumi/policy reports the pack's version from policy/package.json), and
 * its framework is an optional peer dependency whose range covers the version the pack is built with.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");
const manifest = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));

describe("the policy pack in the npm package", () => {
  const pkg = manifest("package.json");
  const pack = manifest("policy/package.json");

  it("has the package's version", () => {
    expect(pack.version).toBe(pkg.version);
  });

  it("ships the compiled pack, its manifest and PulumiPolicy.yaml, not its sources", () => {
    expect(pkg.files).toEqual(
      expect.arrayContaining(["policy/dist", "policy/package.json", "policy/PulumiPolicy.yaml"]),
    );
    expect(pkg.files.filter((entry: string) => entry.startsWith("policy/src"))).toEqual([]);
    expect(pack.main).toBe("dist/index.js");
    // npm reads policy/.npmignore instead of policy/.gitignore, which leaves dist/ out of git.
    expect(fs.readFileSync(path.join(root, "policy", ".npmignore"), "utf8")).not.toMatch(/^dist/m);
  });

  it("declares @pulumi/policy as an optional peer dependency covering the version the pack is built with", () => {
    const [, lowest] = /^>=(\S+) <2\.0\.0$/.exec(pkg.peerDependencies["@pulumi/policy"]) ?? [];
    expect(lowest).toBe(pack.dependencies["@pulumi/policy"]);
    expect(pkg.peerDependenciesMeta["@pulumi/policy"]).toEqual({ optional: true });
    expect(pkg.dependencies["@pulumi/policy"]).toBeUndefined();
  });
});
