/**
 * ExoscaleInstance and ExoscaleInstanceSnapshot end to end: the real engine runs examples/exoscale
 * against the emulator. Each step changes one piece of stack config and checks the exported state
 * and which API operations the emulator recorded (and how often): create with protection and a
 * snapshot, no-change preview without API calls, scale/disk/labels in one update, power state,
 * revert, password reset, reboot, label removal, template reset vs replace, TPM, refresh after
 * out-of-band changes, adoption, and a destroy that is refused while protected.
 */
import { expectOk, TestStack } from "../helpers/engine";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import type { RecordedCall } from "../../src/emulator";
import { ExoscaleClient } from "../../src/exoscale/client";
import { uuidOf } from "../../src/exoscale/schema";

const INSTANCE = "pulumi-nodejs:dynamic/exoscale:Instance";
const SNAPSHOT = "pulumi-nodejs:dynamic/exoscale:InstanceSnapshot";
const UUID = "[0-9a-f-]{36}";

/** How many calls of `method` hit a path matching `pattern` (e.g. ":scale$"). */
function count(calls: RecordedCall[], method: string, pattern: string): number {
  const regex = new RegExp(pattern.replace(/\{id\}/g, UUID));
  return calls.filter((call) => call.method === method && regex.test(call.path)).length;
}

/** Mutating calls only (operation polls and reads left out), as "METHOD /path" with ids masked. */
function mutations(calls: RecordedCall[]): string[] {
  return calls
    .filter((c) => c.method !== "GET")
    .map((c) => `${c.method} ${c.path.replace(new RegExp(UUID, "g"), "{id}")}`);
}

describe("ExoscaleInstance on the real engine", () => {
  let emulator: TestEmulator;
  let stack: TestStack;
  let client: ExoscaleClient;
  let instanceId: string;

  const web = async () => {
    const [resource] = await stack.resourcesOfType(INSTANCE);
    return resource;
  };
  const liveInstance = async () => (await emulator.state()).exoscale.instances[instanceId];
  const upWith = async (config: Record<string, string>) => {
    for (const [key, value] of Object.entries(config)) await stack.setConfig(key, value);
    await emulator.clearCalls();
    const result = expectOk(await stack.up());
    return { result, calls: await emulator.calls() };
  };

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 200 });
    Object.assign(process.env, emulator.env);
    client = ExoscaleClient.forZone("ch-gva-2");
    stack = await TestStack.create({ program: "examples/exoscale", env: emulator.env });
  });

  afterAll(async () => {
    await stack?.cleanup();
    await emulator?.close();
  });

  it("creates a protected instance with a ready snapshot, once, with a secret password", async () => {
    const { result, calls } = await upWith({});
    expect(result.outputs).toMatchObject({
      state: "running",
      instanceType: "standard.small",
      diskSize: 20,
      snapshotState: "ready",
      snapshotSize: 20,
      password: "[secret]",
    });
    expect(count(calls, "POST", "^/v2/instance$")).toBe(1);
    expect(count(calls, "PUT", ":add-protection$")).toBe(1);
    expect(count(calls, "POST", ":create-snapshot$")).toBe(1);
    expect(count(calls, "GET", ":password$")).toBe(1);
    // Steps that finish within seconds print nothing by default (a fleet's output stays readable).
    expect(result.output).not.toMatch(/\[exoscale:Instance(Snapshot)? /);
    const resource = await web();
    expect(resource.id).toMatch(/^ch-gva-2\/[0-9a-f-]{36}$/);
    instanceId = uuidOf(resource.id as string);
    expect(resource.protect).toBe(true);
    const snapshot = (await stack.resourcesOfType(SNAPSHOT))[0];
    expect(snapshot.parent).toBe(resource.urn);
    const live = await liveInstance();
    expect(live).toMatchObject({
      state: "running",
      diskSize: 20,
      labels: { env: "dev", team: "platform", "pulumi-creation-token": expect.any(String) },
    });
    // The password and the user data are encrypted in state; the creation token stays out of `labels`.
    const password = (await emulator.state()).exoscale.passwords[instanceId];
    expect(JSON.stringify(resource)).not.toContain(password);
    expect(JSON.stringify(resource)).not.toContain("nginx");
    expect(resource.outputs?.labels).toEqual({ env: "dev", team: "platform" });
  });

  it("makes no API call for a no-change preview", async () => {
    await emulator.clearCalls();
    const preview = expectOk(await stack.preview());
    expect(preview.changeSummary).toEqual({ same: 3 });
    expect(await emulator.calls()).toEqual([]);
  });

  it("previews type, disk and labels as an update, then applies them with stop, scale, resize, start", async () => {
    await stack.setConfig("instanceType", "standard.medium");
    await stack.setConfig("diskSize", "40");
    await stack.setConfig("labels", JSON.stringify({ env: "prod", team: "platform" }));
    const preview = expectOk(await stack.preview());
    expect(preview.changeSummary).toEqual({ update: 1, same: 2 });
    const { result, calls } = await upWith({});
    expect(mutations(calls)).toEqual([
      "PUT /v2/instance/{id}",
      "PUT /v2/instance/{id}:stop",
      "PUT /v2/instance/{id}:scale",
      "PUT /v2/instance/{id}:resize-disk",
      "PUT /v2/instance/{id}:start",
      "PUT /v2/instance/{id}:add-protection",
    ]);
    expect(result.outputs).toMatchObject({ state: "running", instanceType: "standard.medium", diskSize: 40 });
    expect(await liveInstance()).toMatchObject({
      diskSize: 40,
      labels: { env: "prod", team: "platform", "pulumi-creation-token": expect.any(String) },
    });
    expect((await web()).id).toBe(`ch-gva-2/${instanceId}`);
  });

  it("stops on state=stopped, and a second up does nothing", async () => {
    const { calls } = await upWith({ state: "stopped" });
    expect(count(calls, "PUT", ":stop$")).toBe(1);
    expect(count(calls, "PUT", ":start$")).toBe(0);
    expect((await liveInstance()).state).toBe("stopped");
    const again = await upWith({});
    expect(mutations(again.calls)).toEqual([]);
  });

  it("reverts to the snapshot: stop (already stopped: skipped), revert, then start when state=running", async () => {
    const snapshotId = (await stack.resourcesOfType(SNAPSHOT))[0].id as string;
    const { calls, result } = await upWith({ restoreSnapshotId: snapshotId, state: "running" });
    expect(mutations(calls)).toEqual([
      "POST /v2/instance/{id}:revert-snapshot",
      "PUT /v2/instance/{id}:start",
      "PUT /v2/instance/{id}:add-protection",
    ]);
    expect(result.outputs?.state).toBe("running");
  });

  it("resets the password on passwordResetTrigger and stores the new one as a secret", async () => {
    // `stack export --show-secrets` gives secrets as {<secret signature>, plaintext: <JSON text>}.
    const storedPassword = async () => {
      const resource = (await stack.exportState(true)).deployment.resources?.find((r) => r.type === INSTANCE);
      return JSON.parse((resource?.outputs?.password as { plaintext: string }).plaintext);
    };
    const before = await storedPassword();
    expect(before).toBe((await emulator.state()).exoscale.passwords[instanceId]);
    const { calls } = await upWith({ passwordResetTrigger: "1" });
    expect(count(calls, "PUT", ":reset-password$")).toBe(1);
    expect(count(calls, "GET", ":password$")).toBe(1);
    const after = await storedPassword();
    expect(after).toBe((await emulator.state()).exoscale.passwords[instanceId]);
    expect(after).not.toBe(before);
  });

  it("reboots on rebootTrigger, and removes all labels with DELETE /labels", async () => {
    const reboot = await upWith({ rebootTrigger: "1" });
    expect(mutations(reboot.calls)).toEqual(["PUT /v2/instance/{id}:reboot", "PUT /v2/instance/{id}:add-protection"]);
    const labels = await upWith({ labels: "{}" });
    expect(count(labels.calls, "DELETE", "^/v2/instance/{id}/labels$")).toBe(1);
    expect((await liveInstance()).labels).toEqual({});
  });

  it("previews a template change as a replacement (refused while protected), or as an in-place :reset with templateChangeStrategy=reset", async () => {
    await stack.setConfig("template", "Linux Debian 12 (Bookworm) 64-bit");
    await emulator.clearCalls();
    const replace = await stack.preview();
    expect(replace.ok).toBe(false);
    expect(replace.output).toMatch(/\+- pulumi-nodejs:dynamic\/exoscale:Instance web replace \[diff: ~template\]/);
    expect(replace.output).toMatch(/marked for protection/);
    // The replacement would create an instance: its type and template are looked up, nothing else.
    expect((await emulator.calls()).map((c) => `${c.method} ${c.path}`).sort()).toEqual([
      "GET /v2/instance-type",
      "GET /v2/template",
    ]);
    const { calls, result } = await upWith({ templateChangeStrategy: "reset" });
    expect(count(calls, "PUT", ":reset$")).toBe(1);
    expect(count(calls, "POST", "^/v2/instance$")).toBe(0);
    expect((await web()).outputs?.templateName).toBe("Linux Debian 12 (Bookworm) 64-bit");
    expect(result.outputs?.state).toBe("running");
  });

  it("enables TPM in place: stop, enable-tpm, start", async () => {
    const { calls } = await upWith({ tpmEnabled: "true" });
    expect(mutations(calls)).toEqual([
      "PUT /v2/instance/{id}:stop",
      "POST /v2/instance/{id}:enable-tpm",
      "PUT /v2/instance/{id}:start",
      "PUT /v2/instance/{id}:add-protection",
    ]);
    expect((await liveInstance()).tpmEnabled).toBe(true);
  });

  it("notices out-of-band changes on refresh and repairs them on the next up", async () => {
    await client.waitForOperation(await client.stopInstance(instanceId), {
      what: "stop out of band",
      timeoutMs: 10_000,
    });
    await client.waitForOperation(await client.updateInstance(instanceId, { labels: { owner: "someone-else" } }), {
      what: "relabel out of band",
      timeoutMs: 10_000,
    });
    await emulator.clearCalls();
    expectOk(await stack.refresh());
    expect(mutations(await emulator.calls())).toEqual([]);
    const refreshed = await web();
    expect(refreshed.outputs).toMatchObject({ state: "stopped", labels: { owner: "someone-else" } });
    const preview = expectOk(await stack.preview());
    expect(preview.changeSummary).toMatchObject({ update: 1 });
    const { calls } = await upWith({});
    expect(mutations(calls)).toEqual([
      "DELETE /v2/instance/{id}/labels",
      "PUT /v2/instance/{id}:start",
      "PUT /v2/instance/{id}:add-protection",
    ]);
    expect(await liveInstance()).toMatchObject({ state: "running", labels: {} });
  });

  it("adopts an existing instance without creating one or changing what the program leaves unset (its power state)", async () => {
    const typeId = await client.resolveInstanceType("standard.tiny");
    const templateId = await client.resolveTemplate("Linux Debian 12 (Bookworm) 64-bit");
    const created = await client.waitForOperation(
      await client.createInstance({
        name: "legacy-1",
        "instance-type": { id: typeId },
        template: { id: templateId },
        "disk-size": 10,
        "auto-start": false,
      }),
      { what: "create out of band", timeoutMs: 10_000 },
    );
    const adoptedId = created.reference?.id as string;
    const { calls, result } = await upWith({ adoptId: `ch-gva-2/${adoptedId}` });
    expect(count(calls, "POST", "^/v2/instance$")).toBe(0);
    expect(count(calls, "PUT", "^/v2/instance/{id}:start$")).toBe(0);
    expect(result.outputs?.adoptedId).toBe(`ch-gva-2/${adoptedId}`);
    expect((await emulator.state()).exoscale.instances[adoptedId].state).toBe("stopped");
  });

  it("refuses to destroy the protected instance, touching neither it nor its snapshot, and destroys everything once unprotected", async () => {
    await emulator.clearCalls();
    const refused = await stack.destroy();
    expect(refused.ok).toBe(false);
    expect(refused.error + refused.output).toMatch(/cannot be deleted\s+because it is protected/);
    // The unprotected adopted instance goes; nothing of the protected one (nor its child snapshot) is touched.
    const refusedCalls = await emulator.calls();
    expect(refusedCalls.filter((c) => c.method !== "GET" && c.path.includes(instanceId))).toEqual([]);
    expect(count(refusedCalls, "DELETE", "^/v2/snapshot/")).toBe(0);
    expect(await liveInstance()).toBeDefined();
    expect(Object.keys((await emulator.state()).exoscale.snapshots)).toHaveLength(1);

    // The adopted instance is gone now: stop adopting it, and lift the protection.
    const { calls } = await upWith({ adoptId: "", protect: "false" });
    expect(count(calls, "PUT", ":remove-protection$")).toBe(1);
    expect((await web()).protect).toBeFalsy();
    await emulator.clearCalls();
    expectOk(await stack.destroy());
    const destroyCalls = await emulator.calls();
    expect(count(destroyCalls, "DELETE", "^/v2/snapshot/{id}$")).toBe(1);
    expect(count(destroyCalls, "DELETE", "^/v2/instance/{id}$")).toBe(1);
    const state = await emulator.state();
    expect(state.exoscale.instances).toEqual({});
    expect(state.exoscale.snapshots).toEqual({});
  });
});
