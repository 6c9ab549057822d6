/**
 * The Koyeb example on the real engine against the emulator: the program lists the app's healthy
 * instances, reads one and its events, and runs a command in it over the exec websocket; its
 * outputs are the instance status and the command's output. A preview makes no exec unless the
 * program asks with runInPreview, and says so.
 */
import { expectOk, TestStack } from "../helpers/engine";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { KOYEB_APP, KOYEB_SERVICES } from "../../src/emulator/koyeb";

describe("Koyeb example program", () => {
  let emulator: TestEmulator;
  let stack: TestStack;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    stack = await TestStack.create({
      program: "examples/koyeb",
      env: emulator.env,
      config: { appId: KOYEB_APP.id, serviceId: KOYEB_SERVICES.web.id },
    });
  });

  afterAll(async () => {
    await stack?.cleanup();
    await emulator?.close();
  });

  it("looks up a healthy instance and exports its status, events and an exec result", async () => {
    const result = expectOk(await stack.up());
    const outputs = result.outputs as Record<string, unknown>;
    expect(outputs.status).toBe("HEALTHY");
    expect(["fra", "was"]).toContain(outputs.region);
    // The command expanded the instance's own environment.
    expect(outputs.execStdout).toBe(`hello from web in ${outputs.region as string}`);
    expect(outputs.execExitCode).toBe(0);
    // getKoyebInstanceOutput resolved through the engine from a Promise of the id.
    expect(outputs.instanceType).toBe("small");
    expect(outputs.eventTypes).toEqual(["scheduled", "allocated", "started", "healthy"]);
    const calls = await emulator.calls();
    expect(calls.find((c) => c.path === "/v1/instances")?.query).toContain(`app_id=${KOYEB_APP.id}`);
    expect(calls.some((c) => c.path === `/v1/instances/${outputs.instanceId as string}`)).toBe(true);
    expect(calls.some((c) => c.path === "/v1/instance_events")).toBe(true);
    expect(calls.filter((c) => c.path === "/v1/streams/instances/exec")).toHaveLength(1);
    // The token is never printed.
    expect(result.output).not.toContain(emulator.env.KOYEB_TOKEN);
  });

  it("runs no command during a preview, and says so; runInPreview runs it", async () => {
    await emulator.clearCalls();
    const preview = expectOk(await stack.preview());
    const calls = await emulator.calls();
    expect(calls.some((c) => c.path === "/v1/instances")).toBe(true);
    expect(calls.some((c) => c.path === "/v1/streams/instances/exec")).toBe(false);
    expect(preview.output).toMatch(
      /execKoyebInstance: \["sh","-c",.*\] on instance \S+ is not run during a preview \(set runInPreview: true to run it\)/,
    );

    await stack.setConfig("execInPreview", "true");
    await emulator.clearCalls();
    const asked = expectOk(await stack.preview());
    expect((await emulator.calls()).filter((c) => c.path === "/v1/streams/instances/exec")).toHaveLength(1);
    expect(asked.output).not.toMatch(/is not run during a preview/);
    await stack.removeConfig("execInPreview");
  });

  it("reports a failing command's exit code and output as outputs, not as an error", async () => {
    await stack.setConfig("command", "echo partial; echo broken >&2; exit 3");
    const result = expectOk(await stack.up());
    expect(result.outputs?.execStdout).toBe("partial");
    expect(result.outputs?.execExitCode).toBe(3);
  });
});
