/**
 * What `pulumi preview` checks beyond the schema, through the real CLI on examples/exoscale against
 * the emulator: a misspelt instance type fails the preview with the message the resolver `up` uses
 * gives (only catalogue reads made), a missing credential fails the preview of a resource that would
 * be created or changed, and a no-change preview still makes no API call and needs no credential.
 * Also examples/scaleway: an image from a snapshot that does not exist fails the preview.
 */
import { randomUUID } from "node:crypto";
import { expectOk, TestStack } from "../helpers/engine";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { InvalidArgumentsError } from "../../src/core/errors";
import { ExoscaleClient } from "../../src/exoscale/client";

const MISSING_KEY =
  "Exoscale API key is not configured: set `pulumi config set exoscale:apiKey …` or the EXOSCALE_API_KEY environment variable.";

describe("pulumi preview checks catalogue names and credentials", () => {
  let emulator: TestEmulator;
  let stack: TestStack;
  const withoutKey = async <T>(run: () => Promise<T>): Promise<T> => {
    const key = stack.env.EXOSCALE_API_KEY;
    delete stack.env.EXOSCALE_API_KEY;
    try {
      return await run();
    } finally {
      stack.env.EXOSCALE_API_KEY = key;
    }
  };

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 50 });
    stack = await TestStack.create({
      program: "examples/exoscale",
      env: emulator.env,
      config: { instanceType: "standard.meduim" },
    });
  });

  afterAll(async () => {
    await stack?.cleanup();
    await emulator?.close();
  });

  it("fails the preview of a misspelt instance type with up's message, reading only the catalogue", async () => {
    // What create's resolver says, asked directly.
    Object.assign(process.env, emulator.env);
    const expected = await ExoscaleClient.forZone("ch-gva-2")
      .resolveInstanceType("standard.meduim")
      .then(
        () => undefined,
        (error: InvalidArgumentsError) => error.problems[0].reason,
      );
    expect(expected).toMatch(
      /^"standard\.meduim" is not an instance type available in ch-gva-2; use a UUID or one of /,
    );

    await emulator.clearCalls();
    const preview = await stack.preview();
    expect(preview.ok).toBe(false);
    expect(preview.output).toContain(`property instanceType value {standard.meduim} has a problem: ${expected}`);
    const calls = await emulator.calls();
    expect(calls.length).toBeGreaterThan(0);
    expect(
      calls.filter((call) => call.method !== "GET" || !/^\/v2\/(instance-type|template)$/.test(call.path)),
    ).toEqual([]);

    const up = await stack.up();
    expect(up.ok).toBe(false);
    expect(up.output).toContain(expected);
    expect((await emulator.calls()).filter((call) => call.method !== "GET")).toEqual([]);
    expect((await emulator.state()).exoscale.instances).toEqual({});
  });

  it("fails the preview of a resource to create when a credential is missing, naming what to set", async () => {
    await stack.setConfig("instanceType", "standard.small");
    await emulator.clearCalls();
    const preview = await withoutKey(() => stack.preview());
    expect(preview.ok).toBe(false);
    expect(preview.output).toContain(`exoscale:Instance resource 'web' has a problem: ${MISSING_KEY}`);
    expect(await emulator.calls()).toEqual([]);
  });

  it("makes no API call and needs no credential for a no-change preview, and checks them for a change", async () => {
    expectOk(await stack.up());
    await emulator.clearCalls();
    expect(expectOk(await stack.preview()).changeSummary).toEqual({ same: 3 });
    expect(expectOk(await withoutKey(() => stack.preview())).changeSummary).toEqual({ same: 3 });
    expect(await emulator.calls()).toEqual([]);

    // An in-place change needs the credentials; the type stays, so the catalogue is not read.
    await stack.setConfig("labels", JSON.stringify({ env: "prod" }));
    const changed = await withoutKey(() => stack.preview());
    expect(changed.ok).toBe(false);
    expect(changed.output).toContain(MISSING_KEY);
    expect(expectOk(await stack.preview()).changeSummary).toEqual({ update: 1, same: 2 });
    expect(await emulator.calls()).toEqual([]);

    // A scale to a misspelt type is caught at preview too, before the instance is stopped.
    await stack.setConfig("instanceType", "standard.larg");
    const scale = await stack.preview();
    expect(scale.ok).toBe(false);
    expect(scale.output).toContain('"standard.larg" is not an instance type available in ch-gva-2');
  });

  it("fails the preview of a Scaleway image made from a snapshot that does not exist, with the API's 404", async () => {
    const missing = randomUUID();
    const images = await TestStack.create({
      program: "examples/scaleway",
      env: emulator.env,
      config: { rootVolume: missing },
    });
    try {
      await emulator.clearCalls();
      const preview = await images.preview();
      expect(preview.ok).toBe(false);
      expect(preview.output).toMatch(
        new RegExp(
          `property rootVolume value \\{${missing}\\} has a problem: no snapshot ${missing} in fr-par-1 \\(scaleway getSnapshot failed: HTTP 404 \\[not_found\\] - resource is not found: instance_snapshot ${missing} \\(request id [0-9a-f-]+\\)\\)`,
        ),
      );
      // Besides the program's own lookup of a public image: one read of the snapshot, nothing written.
      const calls = await emulator.calls();
      expect(calls.filter((call) => call.path.includes("/snapshots"))).toEqual([
        expect.objectContaining({ method: "GET", path: `/instance/v1/zones/fr-par-1/snapshots/${missing}` }),
      ]);
      expect(calls.filter((call) => call.method !== "GET")).toEqual([]);
    } finally {
      await images.cleanup();
    }
  });
});
