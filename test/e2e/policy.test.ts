/**
 * The compute-guardrails policy pack on the real engine: `preview`/`up` with `--policy-pack` over a
 * ComputeInstance program against the emulator. The mandatory protection policy blocks an
 * unprotected production instance before anything is created; config files change what
 * "production" means; the advisory stack policies report missing snapshots and stopped instances.
 */
import type { ApiModule } from "../../src/emulator/api";
import { ALL_APIS } from "../../src/emulator/modules";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { expectOk, type OperationResult, TestStack } from "../helpers/engine";
import { ensurePolicyPack, writePolicyConfig } from "./policy-support";

const TYPE = "pulumi-nodejs:dynamic/compute:Instance";
const PROGRAM = "examples/policy-demo";

/** A stand-in for the cloud console: stops an instance behind Pulumi's back (the Instances API has no stop call). */
const consoleApi: ApiModule = {
  name: "console",
  prefixes: ["/_console/"],
  register(router, ctx) {
    router.on("POST", "/_console/compute/instances/{id}/stop", (request) => {
      const state = ctx.store.slice<{ instances: Record<string, { status: { state: string } }> }>("compute", () => ({
        instances: {},
      }));
      const instance = state.instances[request.params.id];
      if (!instance) return { status: 404, body: { message: "no such instance" } };
      instance.status.state = "stopped";
      ctx.store.changed();
      return { status: 200, body: instance };
    });
  },
  errorBody: (_status, message) => ({ message }),
  env: () => ({}),
};

/** The text of the Policies section the engine printed (or "" when it printed none). */
function policyReport(result: OperationResult): string {
  const text = `${result.output}\n${result.error ?? ""}`;
  const start = text.indexOf("Policies:");
  return start < 0 ? "" : text.slice(start);
}

describe("compute-guardrails policy pack", () => {
  let pack: string;
  let emulator: TestEmulator;
  const stacks: TestStack[] = [];
  const newStack = async (stack: string, config: Record<string, string> = {}) => {
    const created = await TestStack.create({ program: PROGRAM, env: emulator.env, stack, config });
    stacks.push(created);
    return created;
  };
  const withPack = (stack: TestStack, config?: Record<string, unknown>) => ({
    policyPacks: [pack],
    ...(config ? { policyPackConfigs: [writePolicyConfig(stack.workRoot, `cfg-${Date.now()}`, config)] } : {}),
  });

  beforeAll(async () => {
    pack = ensurePolicyPack();
    emulator = await startTestEmulator({ opDelayMs: 200, modules: [...ALL_APIS, consoleApi] });
  });

  afterAll(async () => {
    for (const stack of stacks) await stack.cleanup();
    await emulator?.close();
  });

  describe("in a stack named prod", () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await newStack("prod");
    });

    it("fails preview with the mandatory violation when the instance is unprotected, before any API call", async () => {
      await emulator.clearCalls();
      const result = await stack.preview(withPack(stack));
      expect(result.ok).toBe(false);
      const report = policyReport(result);
      expect(report).toContain("[mandatory]");
      expect(report).toContain("production-instances-protected");
      expect(report).toContain(
        `Production instance "web" (${TYPE}) is not protected against deletion: it lacks the Pulumi \`protect\` option and \`deletionProtection: true\`.`,
      );
      expect(report).toContain('It counts as production because the stack "prod" matches "prod".');
      expect(report).toContain("Fix: add `deletionProtection: true` to its arguments");
      expect(await emulator.calls()).toEqual([]);
    });

    it("blocks `up` too, so nothing is created", async () => {
      const result = await stack.up(withPack(stack));
      expect(result.ok).toBe(false);
      expect(policyReport(result)).toContain("production-instances-protected");
      expect(await stack.resourcesOfType(TYPE)).toHaveLength(0);
      expect(Object.keys((await emulator.state()).compute?.instances ?? {})).toHaveLength(0);
    });

    it("still fails when deletionProtection is true but protect is explicitly false", async () => {
      await stack.setConfig("protect", "true");
      await stack.setConfig("protectOption", "false");
      const result = await stack.preview(withPack(stack));
      expect(result.ok).toBe(false);
      const report = policyReport(result);
      expect(report).toContain("it lacks the Pulumi `protect` option.");
      expect(report).toContain("Fix: set `protect: true` in its resource options (or remove `protect: false`)");
      await stack.removeConfig("protectOption");
    });

    it("passes preview and up once deletionProtection (and so protect) is set", async () => {
      const preview = expectOk(await stack.preview(withPack(stack)));
      // The pack ran and found nothing: the engine lists it as passed.
      expect(policyReport(preview)).toMatch(/✅ compute-guardrails@v0\.1\.0/);
      expect(policyReport(preview)).not.toContain("production-instances-protected");
      expectOk(await stack.up(withPack(stack)));
      const [instance] = await stack.resourcesOfType(TYPE);
      expect(instance.protect).toBe(true);
      expect(instance.inputs?.deletionProtection).toBe(true);
    });

    it("reports a missing snapshot as advisory only when ComputeInstance is opted in, and not once one is a child", async () => {
      // By default ComputeInstance is ignored: its API has no snapshots.
      expect(policyReport(expectOk(await stack.preview(withPack(stack))))).not.toContain(
        "production-snapshots-present",
      );
      const optIn = { "production-snapshots-present": { ignoreTypes: [] } };
      const missing = expectOk(await stack.preview(withPack(stack, optIn)));
      const report = policyReport(missing);
      expect(report).toContain("[advisory]");
      expect(report).toContain("production-snapshots-present");
      expect(report).toContain(`Production instance "web" (${TYPE}) has no snapshot`);
      await stack.setConfig("snapshot", "true");
      const present = expectOk(await stack.preview(withPack(stack, optIn)));
      expect(policyReport(present)).not.toContain("production-snapshots-present");
      await stack.removeConfig("snapshot");
    });

    it("warns about a production instance stopped outside Pulumi, unless the stop is allowed", async () => {
      const [instance] = await stack.resourcesOfType(TYPE);
      const response = await fetch(`${emulator.url}/_console/compute/instances/${instance.id}/stop`, {
        method: "POST",
      });
      expect(response.status).toBe(200);
      expectOk(await stack.refresh());
      const [refreshed] = await stack.resourcesOfType(TYPE);
      expect(refreshed.outputs?.state).toBe("stopped");

      const warned = expectOk(await stack.preview(withPack(stack)));
      const report = policyReport(warned);
      expect(report).toContain("production-instances-not-stopped");
      expect(report).toContain(`Production instance "web" (${TYPE}) is stopped.`);
      expect(report).toContain('add "web" to allowStopped');

      const allowed = expectOk(
        await stack.preview(withPack(stack, { "production-instances-not-stopped": { allowStopped: ["web"] } })),
      );
      expect(policyReport(allowed)).not.toContain("production-instances-not-stopped");
      const disabled = expectOk(
        await stack.preview(withPack(stack, { "production-instances-not-stopped": "disabled" })),
      );
      expect(policyReport(disabled)).not.toContain("production-instances-not-stopped");
    });
  });

  describe("config variants", () => {
    it("treats a custom stack pattern as production", async () => {
      const stack = await newStack("live-eu");
      expectOk(await stack.preview(withPack(stack)));
      const custom = { "production-instances-protected": { stackPatterns: ["live-*"] } };
      const result = await stack.preview(withPack(stack, custom));
      expect(result.ok).toBe(false);
      expect(policyReport(result)).toContain('It counts as production because the stack "live-eu" matches "live-*".');
    });

    it("treats an env=production label as production in any stack, with configurable keys and values", async () => {
      const stack = await newStack("staging", { env: "production" });
      const byLabel = await stack.preview(withPack(stack));
      expect(byLabel.ok).toBe(false);
      expect(policyReport(byLabel)).toContain("It counts as production because it is labelled env=production.");
      // Only "prod" means production now, so env=production no longer does.
      expectOk(await stack.preview(withPack(stack, { "production-instances-protected": { labelValues: ["prod"] } })));
      // And a team label can be made the deciding one.
      const byTeam = await stack.preview(
        withPack(stack, { "production-instances-protected": { labelKeys: ["team"], labelValues: ["platform"] } }),
      );
      expect(byTeam.ok).toBe(false);
      expect(policyReport(byTeam)).toContain("it is labelled team=platform");
    });

    it("downgrades to a warning when the pack config sets the policy advisory", async () => {
      const stack = await newStack("prod-eu");
      const result = expectOk(await stack.preview(withPack(stack, { "production-instances-protected": "advisory" })));
      const report = policyReport(result);
      expect(report).toContain("[advisory]");
      expect(report).toContain('the stack "prod-eu" matches "prod-*"');
    });

    it("rejects config of the wrong type with the engine's validation error", async () => {
      const stack = await newStack("qa");
      const result = await stack.preview(
        withPack(stack, { "production-instances-protected": { stackPatterns: "prod" } }),
      );
      expect(result.ok).toBe(false);
      expect(result.error).toContain("error: validating policy config");
      expect(result.output).toContain(
        "compute-guardrails 0.1.0  production-instances-protected: stackPatterns: Invalid type. Expected: array, given: string",
      );
    });
  });
});
