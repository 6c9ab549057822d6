/**
 * `npm run demo`, the first of the README's repository commands, as a user runs it (after the bootstrap that `npm test`
 * has already done): the engine folder's `pulumi` CLI runs examples/quickstart against the embedded
 * emulator. It goes up, a destroy is refused and deletes nothing while everything is protected, then
 * protection is lifted and everything is destroyed, leaving the emulator as it was.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../helpers/engine";

function runDemo(): Promise<{ code: number | null; output: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "scripts", "demo.js")], {
      cwd: repoRoot,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000 }));
  });
}

describe("npm run demo", () => {
  it("goes up, refuses a destroy while protected without deleting anything, then unprotects and destroys everything", async () => {
    const { code, output, seconds } = await runDemo();
    if (code !== 0) throw new Error(`demo exited ${code} after ${seconds}s:\n${output.slice(-4000)}`);
    // The CLI's own output of `pulumi up` in examples/quickstart.
    expect(output).toMatch(/^Updating \(demo\):$/m);
    expect(output).toMatch(/Resources:\s+\+ 5 created/);
    expect(output).toContain('exoscalePassword: "[secret]"');
    expect(output).toMatch(
      /refused as expected: (?=.*web-snapshot)(?=.*\bapp\b)(?=.*app-image).* cannot be deleted because they are protected/,
    );
    expect(output).toMatch(/still in the emulator after the refused destroy: (\d+) of \1\n/);
    expect(output).toMatch(/Resources:\s+- 5 deleted/);
    expect(output).toContain("objects the demo created that are still in the emulator: 0");
    // The instance's user data is a secret input: never printed.
    expect(output).not.toContain("packages: [nginx]");
    expect(output).toMatch(/^The engine folder: \/.+\/bin$/m);
    console.log(`[demo] finished in ${seconds.toFixed(1)}s`);
  });
});
