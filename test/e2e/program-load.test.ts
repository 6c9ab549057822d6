/**
 * What a Pulumi program pays for importing this package: every `pulumi up` loads it before the first
 * resource registers, and most programs only declare resources. The functions' call-time needs (zod
 * schemas, API clients, got) load on the first call instead; they took ~45 ms of the ~50 ms the
 * import cost before (test/bench part 6).
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..");

/** Runs `script` in a fresh Node process at the repository root and parses what it prints as JSON. */
function inFreshProcess(script: string): any {
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: repoRoot, encoding: "utf8" }));
}

describe("importing the package in a program", () => {
  it("loads no zod, no HTTP client and no schema or client module", () => {
    const loaded: string[] = inFreshProcess(`
      require("@pulumi/pulumi");
      const before = new Set(Object.keys(require.cache));
      require("pulumi-dynamic-compute");
      console.log(JSON.stringify(Object.keys(require.cache).filter((file) => !before.has(file))));
    `);
    const ours = loaded.filter((file) => !file.includes("node_modules"));
    expect(ours.some((file) => file.endsWith(path.join("dist", "index.js")))).toBe(true);
    expect(loaded.filter((file) => file.includes("node_modules"))).toEqual([]);
    expect(ours.filter((file) => /[/\\](schema|client|http|waiter|retry|websocket)\.js$/.test(file))).toEqual([]);
  });

  it("still validates and calls on the first use of a function", () => {
    const outcome = inFreshProcess(`
      const dc = require("pulumi-dynamic-compute");
      dc.getExoscaleInstance({ id: "not-a-zoned-id" }).then(
        () => console.log(JSON.stringify({ resolved: true })),
        (error) => console.log(JSON.stringify({ name: error.name, message: error.message,
          zodLoaded: Object.keys(require.cache).some((file) => file.includes("node_modules/zod/")) })),
      );
    `);
    expect(outcome).toMatchObject({ name: "InvalidArgumentsError", zodLoaded: true });
    expect(outcome.message).toMatch(/\bid\b/);
  });
});
