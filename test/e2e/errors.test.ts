/**
 * One failure, one message: what `pulumi up` / `destroy` print for a failed delete (the API refuses
 * a protected instance) and a failed create (the provisioning operation fails) names the failure
 * once in the diagnostics, with the vendor's message, the HTTP status and the request id, and shows
 * no stack trace (the dynamic-provider host used to echo each error with a stack into sources the
 * package does not ship).
 */
import { expectOk, TestStack } from "../helpers/engine";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

/** The engine's "Diagnostics:" section of an operation's output. */
function diagnostics(output: string): string {
  const start = output.indexOf("Diagnostics:");
  const end = output.indexOf("\nResources:", start);
  return start < 0 ? "" : output.slice(start, end < 0 ? undefined : end);
}

const count = (text: string, fragment: string) => text.split(fragment).length - 1;

/** Stack frames ("    at f (file.js:1:2)") or source paths anywhere in the output. */
function stackTraces(output: string): string[] {
  return output
    .split("\n")
    .filter(
      (line) =>
        /^\s*(\S+\s+)?at (\S+ \()?\/?\S+\.(ts|js):\d+/.test(line.replace(/^.*pulumi:pulumi:Stack \S+\s+/, "")) ||
        /\.ts:\d+:\d+/.test(line),
    );
}

describe("how a failure is reported", () => {
  let emulator: TestEmulator;
  let stack: TestStack;

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 100 });
    stack = await TestStack.create({ program: "test/e2e/programs/failures", env: emulator.env });
    expectOk(await stack.up());
  });

  afterAll(async () => {
    // Lift the server-side protection so the cleanup can delete the instance.
    await stack?.cli(["state", "delete", "--all", "--yes", "--force", "--stack", stack.stack], { allowFailure: true });
    await emulator?.close();
  });

  it("prints a refused delete once, with the vendor's message, status and request id, and no stack", async () => {
    const destroy = await stack.destroy();
    expect(destroy.ok).toBe(false);
    const section = diagnostics(destroy.output);
    expect(count(section, "was not deleted: it is protected against destruction server-side")).toBe(1);
    expect(section).toMatch(
      /exoscale deleteInstance failed: HTTP 403 - Operation delete-instance on resource [0-9a-f-]{36} is forbidden .* \(request id [0-9a-f-]{36}\)/,
    );
    expect(stackTraces(destroy.output)).toEqual([]);
    expect(destroy.output).not.toMatch(/^\s*\S*\s*Error: /m);
  });

  it("prints a failed create once, with the operation's failure, and no stack", async () => {
    await stack.setConfig("image", "broken-image");
    const up = await stack.up();
    expect(up.ok).toBe(false);
    const section = diagnostics(up.output);
    expect(count(section, 'image "broken-image" could not be provisioned')).toBe(1);
    expect(stackTraces(up.output)).toEqual([]);
  });
});
