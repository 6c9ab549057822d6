/**
 * ComputeInstance end to end on the real engine against the emulator: create waits on the
 * operation, preview shows replace for any change, refresh notices an out-of-band delete, destroy
 * waits for the deletion operation.
 */
import { expectOk, TestStack } from "../helpers/engine";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

const TYPE = "pulumi-nodejs:dynamic/compute:Instance";

describe("ComputeInstance", () => {
  let emulator: TestEmulator;
  let stack: TestStack;

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 300 });
    stack = await TestStack.create({ program: "examples/compute", env: emulator.env });
  });

  afterAll(async () => {
    await stack?.cleanup();
    await emulator?.close();
  });

  it("creates an instance and waits for its operation with the /wait long-poll", async () => {
    const result = expectOk(await stack.up());
    expect(result.outputs?.state).toBe("running");
    expect(result.outputs?.privateIp).toMatch(/^10\.0\./);
    const [resource] = await stack.resourcesOfType(TYPE);
    expect(resource.id).toMatch(/^inst-/);
    const calls = await emulator.calls();
    expect(calls.filter((c) => c.method === "POST" && c.path === "/compute/v1/instances")).toHaveLength(1);
    expect(calls.some((c) => /\/compute\/1\.0\/operations\/[^/]+\/wait$/.test(c.path))).toBe(true);
    // userData was passed as a secret: it must not be readable in the exported state.
    expect(JSON.stringify(resource.outputs)).not.toContain("hello from cloud-init");
  });

  it("makes no API call for a no-change preview", async () => {
    await emulator.clearCalls();
    const result = expectOk(await stack.preview());
    expect(result.changeSummary).toEqual({ same: 2 });
    expect(await emulator.calls()).toEqual([]);
  });

  it("previews a change of type as a replacement, deleting first because the name stays", async () => {
    await stack.setConfig("type", "cx41");
    const preview = expectOk(await stack.preview());
    expect(preview.changeSummary).toMatchObject({ replace: 1 });
    const up = expectOk(await stack.up());
    expect(up.output).toMatch(/deleting original|replaced/);
    const state = await emulator.state();
    const live = Object.values<{ spec: { type: string } }>(state.compute.instances);
    expect(live.map((i) => i.spec.type)).toEqual(["cx41"]);
  });

  it("notices on refresh that the instance was deleted outside Pulumi", async () => {
    const [resource] = await stack.resourcesOfType(TYPE);
    const response = await fetch(`${emulator.env.COMPUTE_API_URL}/v1/instances/${resource.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${emulator.env.COMPUTE_API_TOKEN}` },
    });
    expect(response.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expectOk(await stack.refresh());
    expect(await stack.resourcesOfType(TYPE)).toHaveLength(0);
  });

  it("adopts an existing instance with adoptId and reads another one read-only with ComputeInstance.get", async () => {
    const make = async (name: string) => {
      const response = await fetch(`${emulator.env.COMPUTE_API_URL}/v1/instances`, {
        method: "POST",
        headers: { authorization: `Bearer ${emulator.env.COMPUTE_API_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ metadata: { name }, spec: { type: "cx31", image: "ubuntu-22.04" } }),
      });
      return ((await response.json()) as { id: string }).id;
    };
    const adoptId = await make("made-by-hand");
    const lookupId = await make("looked-up-only");
    await stack.setConfig("adoptId", adoptId);
    await stack.setConfig("adoptName", "made-by-hand");
    await stack.setConfig("lookupId", lookupId);
    await emulator.clearCalls();
    const up = expectOk(await stack.up());
    expect(up.outputs).toMatchObject({
      adoptedState: "running",
      lookedUpName: "looked-up-only",
      lookedUpState: "running",
    });
    const posts = (await emulator.calls()).filter((c) => c.method === "POST" && c.path === "/compute/v1/instances");
    expect(posts).toHaveLength(1); // the replaced "web" only: adoption creates nothing
    const adopted = (await stack.exportState()).deployment.resources?.find((r) => r.urn.endsWith("::adopted"));
    expect(adopted?.id).toBe(adoptId);

    await stack.removeConfig("adoptId");
    await stack.removeConfig("lookupId");
    expectOk(await stack.up());
    const live = Object.keys((await emulator.state()).compute.instances);
    expect(live).not.toContain(adoptId); // adopted, then removed from the program: deleted
    expect(live).toContain(lookupId); // read-only: never deleted
  });

  it("recreates it and destroys it, waiting for the delete operation", async () => {
    expectOk(await stack.up());
    expectOk(await stack.destroy());
    const instances = Object.values<{ metadata: { name: string } }>((await emulator.state()).compute.instances);
    expect(instances.map((i) => i.metadata.name)).toEqual(["looked-up-only"]);
  });
});
