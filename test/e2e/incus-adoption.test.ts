/**
 * Adoption on each real daemon, LXD 5.0 and Incus 6.0: an instance (stopped, with config the program does not set) and a
 * snapshot made outside Pulumi are taken over with adoptId without any change, and
 * `pulumi preview --expect-no-changes` passes, also after a refresh; an adoption that differs where
 * nothing can change in place (type, stateful) is refused naming the property, and nothing is
 * deleted. The instance's id goes to IncusInstance.get and to getIncusInstanceOutput.
 */
import { expectOk, TestStack } from "../helpers/engine";
import { testDaemons, uniqueName } from "../contract/incus-daemon";

describe.each(testDaemons())("adoption on $label", (daemon) => {
  const name = uniqueName("e2e-adopt");
  const other = uniqueName("e2e-other");
  let stack: TestStack;
  let before: Record<string, any>;

  /** What adoption must not change: creation time, power state, config and the snapshot list. */
  const daemonView = async (instance: string) => {
    const found = await daemon.instance(instance);
    const snapshots = (await daemon.raw("GET", `/1.0/instances/${instance}/snapshots?recursion=1`)).body
      .metadata as Array<{ name: string; created_at: string }>;
    return {
      created: found.created_at,
      status: found.status,
      config: Object.fromEntries(Object.entries(found.config).filter(([key]) => !key.startsWith("volatile."))),
      description: found.description,
      profiles: found.profiles,
      snapshots: snapshots.map((s) => `${s.name} ${s.created_at}`),
    };
  };

  beforeAll(async () => {
    await daemon.launch(name, { start: false, config: { "user.team": "ops", "limits.memory": "64MiB" } });
    await daemon.rawAndWait("POST", `/1.0/instances/${name}/snapshots`, { name: "before" });
    await daemon.launch(other, { start: false });
    before = await daemonView(name);
    stack = await TestStack.create({
      program: "test/e2e/programs/incus-adoption",
      env: { INCUS_SOCKET: daemon.socket },
      config: { name, other },
    });
  }, 120_000);

  afterAll(async () => {
    // Made outside this stack: forget them in Pulumi, then remove them from the daemon.
    await stack?.cli(["state", "delete", "--all", "--yes", "--force", "--stack", stack.stack], { allowFailure: true });
    await stack?.cleanup();
    await daemon.removeInstances([name, other]);
  });

  it("takes over the instance and its snapshot without changing them", async () => {
    const up = expectOk(await stack.up());
    expect(up.outputs).toMatchObject({
      id: name,
      state: "stopped",
      snapshotId: `${name}/before`,
      againId: name,
      lookedUpName: name,
    });
    expect(up.outputs?.image).toBe((await daemon.instance(name)).config["volatile.base_image"]);
    expect(await daemonView(name)).toEqual(before);
  });

  it("previews no change afterwards (pulumi preview --expect-no-changes), also after a refresh", async () => {
    expectOk(await stack.preview({ expectNoChanges: true }));
    // The refresh finds nothing to record either: the state already says what the objects are.
    const refresh = expectOk(await stack.refresh());
    expect(Object.keys(refresh.summary?.resourceChanges ?? {})).toEqual(["same"]);
    expectOk(await stack.preview({ expectNoChanges: true }));
    expect(await daemonView(name)).toEqual(before);
  });

  it.each([
    ["type", "type", "virtual-machine"],
    ["stateful", "stateful", "true"],
  ])("refuses an adoption that differs in %s, changing and deleting nothing", async (mismatch, property, detail) => {
    const otherBefore = await daemonView(other);
    await stack.setConfig("mismatch", mismatch);
    const up = await stack.up();
    expect(up.ok).toBe(false);
    expect(up.error).toMatch(/does not match the inputs in ways that cannot change in place, so nothing was changed/);
    expect(up.error).toContain(`${property}: it has`);
    expect(up.error).toContain(detail);
    expect(await daemonView(name)).toEqual(before);
    expect(await daemonView(other)).toEqual(otherBefore);
    await stack.removeConfig("mismatch");
  });
});
