/**
 * The same program, the same steps, on both daemons: an IncusInstance, its IncusInstanceSnapshot
 * and listIncusOperations({ recursion: 1 }) through `pulumi up`, a config change in place, a
 * refresh after the container was stopped outside Pulumi, a second `up` that starts it again, a
 * `preview --expect-no-changes` and `destroy`, on LXD 5.0 and on Incus 6.0. What the engine
 * planned and what each daemon ended up with is recorded per step, and must match between them.
 */
import { expectOk, type OperationResult, TestStack } from "../helpers/engine";
import { type TestDaemon, testDaemons, uniqueName } from "../contract/incus-daemon";

const INSTANCE = "pulumi-nodejs:dynamic/incus:Instance";
const PROGRAM = "test/e2e/programs/incus-parity";

/** Per daemon label: each step's planned or applied changes and what the daemon had afterwards. */
const observed = new Map<
  string,
  Array<{ step: string; changes?: Record<string, number>; status?: string; tier?: string; snapshots?: string[] }>
>();

/** A command that keeps running in the instance, so that listIncusOperations has something of its own to list. */
async function startSleep(daemon: TestDaemon, name: string): Promise<string> {
  const response = await daemon.raw("POST", `/1.0/instances/${name}/exec`, {
    command: ["sleep", "600"],
    "wait-for-websocket": false,
    interactive: false,
    "record-output": false,
  });
  expect(response.status).toBe(202);
  return response.body.metadata.id;
}

describe.each(testDaemons())("the Incus program on $label", (daemon) => {
  const name = uniqueName("parity");
  const steps: NonNullable<ReturnType<typeof observed.get>> = [];
  let stack: TestStack;

  /** Records a step with the daemon's view of the instance after it. */
  async function record(step: string, result: OperationResult) {
    const instance = await daemon.instance(name);
    const snapshots = instance
      ? (await daemon.raw("GET", `/1.0/instances/${name}/snapshots`)).body.metadata
      : undefined;
    const changes = result.changeSummary ?? result.summary?.resourceChanges;
    steps.push({ step, changes, status: instance?.status, tier: instance?.config["user.tier"], snapshots });
  }

  beforeAll(async () => {
    observed.set(daemon.label, steps);
    stack = await TestStack.create({ program: PROGRAM, env: { INCUS_SOCKET: daemon.socket }, config: { name } });
  });

  afterAll(async () => {
    await stack?.cleanup();
    await daemon.removeInstances([name]);
  });

  it("creates the running instance and its snapshot, and lists the daemon's operations", async () => {
    const up = expectOk(await stack.up());
    await record("up", up);
    expect(up.outputs).toMatchObject({ name, state: "running", snapshotName: "s0", runningExecs: [] });
    const instance = await daemon.instance(name);
    expect(instance.status).toBe("Running");
    expect(up.outputs?.uuid).toBe(instance.config["volatile.uuid"]);
    expect((await daemon.raw("GET", `/1.0/instances/${name}/snapshots`)).body.metadata).toEqual([
      `/1.0/instances/${name}/snapshots/s0`,
    ]);
  });

  it("changes config in place, keeping the instance and its snapshot", async () => {
    const before = await daemon.instance(name);
    await stack.setConfig("tier", "api");
    const preview = expectOk(await stack.preview());
    await record("preview tier", preview);
    expect(preview.changeSummary).toEqual({ same: 2, update: 1 });
    const up = expectOk(await stack.up());
    await record("up tier", up);
    const after = await daemon.instance(name);
    expect(after).toMatchObject({
      status: "Running",
      config: { "user.tier": "api", "volatile.uuid": before.config["volatile.uuid"] },
    });
  });

  it("sees on refresh that the container was stopped outside Pulumi, and the next up starts it again", async () => {
    await daemon.rawAndWait("PUT", `/1.0/instances/${name}/state`, { action: "stop", force: true });
    const refresh = expectOk(await stack.refresh());
    await record("refresh", refresh);
    const [refreshed] = await stack.resourcesOfType(INSTANCE);
    expect(refreshed.outputs).toMatchObject({ state: "stopped", status: "Stopped" });

    const up = expectOk(await stack.up());
    await record("up again", up);
    expect(up.outputs?.state).toBe("running");
    expect((await daemon.instance(name)).status).toBe("Running");
  });

  it("plans no change with preview --expect-no-changes, with a command of its own running", async () => {
    const sleeping = await startSleep(daemon, name);
    const preview = expectOk(await stack.preview({ expectNoChanges: true }));
    await record("preview --expect-no-changes", preview);
    expect(preview.changeSummary).toEqual({ same: 3 });
    // listIncusOperations ran in the program and found the command: an up now records it.
    const up = expectOk(await stack.up());
    expect(up.outputs?.runningExecs).toEqual([sleeping]);
    expect(up.summary?.resourceChanges).toEqual({ same: 3 });
  });

  it("destroys the instance and its snapshot", async () => {
    const destroy = expectOk(await stack.destroy());
    await record("destroy", destroy);
    expect(await daemon.instance(name)).toBeUndefined();
    expect(await stack.resourcesOfType(INSTANCE)).toHaveLength(0);
  });
});

describe("LXD 5.0 and Incus 6.0", () => {
  it("went through the same plans and ended in the same states", () => {
    const [lxd, incus] = testDaemons().map((daemon) => observed.get(daemon.label));
    expect(lxd).toHaveLength(7);
    // Snapshot URLs name the instance, whose name is unique per daemon run.
    const comparable = (steps: typeof lxd) =>
      steps?.map(({ snapshots, ...step }) => ({ ...step, snapshots: snapshots?.map((url) => url.split("/").pop()) }));
    expect(comparable(incus)).toEqual(comparable(lxd));
  });
});
