/**
 * IncusInstance and IncusInstanceSnapshot end to end: the real engine (`pulumi up/preview/refresh/
 * destroy` on examples/incus) against each real daemon, LXD 5.0 and Incus 6.0, over its unix
 * socket. The daemon is looked at directly (not through the client under test) to check what
 * really happened.
 */
import { expectOk, TestStack } from "../helpers/engine";
import { testDaemons, uniqueName } from "../contract/incus-daemon";

const INSTANCE = "pulumi-nodejs:dynamic/incus:Instance";
const SNAPSHOT = "pulumi-nodejs:dynamic/incus:InstanceSnapshot";
const OPERATION_LINE = /operation [0-9a-f-]{36} \(create [^)]+\): (Success|done)/;

describe.each(testDaemons())("IncusInstance on $label", (daemon) => {
  const name = uniqueName("e2e-web");
  const legacy = uniqueName("e2e-legacy");
  let stack: TestStack;

  beforeAll(async () => {
    // The tests below read the operation lines, which only verbosity `detail` prints for quick steps.
    stack = await TestStack.create({
      program: "examples/incus",
      env: { INCUS_SOCKET: daemon.socket },
      config: { name, "dynamic-compute:verbosity": "detail" },
    });
  });

  afterAll(async () => {
    await stack?.cleanup();
    await daemon.removeInstances([name, `${name}-b`, legacy]);
  });

  it("rejects a bad state at preview time, naming the property and the allowed values", async () => {
    await stack.setConfig("state", "paused");
    const preview = await stack.preview();
    expect(preview.ok).toBe(false);
    expect(preview.output).toMatch(/state/);
    expect(preview.output).toMatch(/running, stopped/);
    expect(await daemon.instance(name)).toBeUndefined();
    await stack.removeConfig("state");
  });

  it("creates and starts a busybox container, waiting on the create operation", async () => {
    const up = expectOk(await stack.up());
    expect(up.outputs?.state).toBe("running");
    expect(up.output).toMatch(OPERATION_LINE);
    const instance = await daemon.instance(name);
    expect(instance.status).toBe("Running");
    expect(instance.config["user.app"]).toBe("web");
    expect(instance.config["user.pulumi-creation-token"]).toMatch(/^[0-9a-f]{20}$/);
    expect(up.outputs?.imageFingerprint).toBe(instance.config["volatile.base_image"]);

    const [resource] = await stack.resourcesOfType(INSTANCE);
    expect(resource.id).toBe(name);
    // Only the keys the program manages are in state: nothing volatile.* or image.* to drift.
    expect(Object.keys(resource.outputs?.config as object).sort()).toEqual(["boot.autostart", "user.app"]);
  });

  it("plans no change on a second preview, and none after a refresh (no volatile-key churn)", async () => {
    expect(expectOk(await stack.preview()).changeSummary).toEqual({ same: 2 });
    expectOk(await stack.refresh());
    expect(expectOk(await stack.preview()).changeSummary).toEqual({ same: 2 });
  });

  it("stops and starts the instance through `state`, in place", async () => {
    await stack.setConfig("state", "stopped");
    expect(expectOk(await stack.preview()).changeSummary).toMatchObject({ update: 1 });
    const stopped = expectOk(await stack.up());
    expect(stopped.outputs?.state).toBe("stopped");
    expect((await daemon.instance(name)).status).toBe("Stopped");

    await stack.setConfig("state", "running");
    const started = expectOk(await stack.up());
    expect(started.outputs?.state).toBe("running");
    const instance = await daemon.instance(name);
    expect(instance.status).toBe("Running");
    expect(started.outputs?.uuid).toBe(instance.config["volatile.uuid"]);
  });

  it("changes config in place, keeping the instance and its power state", async () => {
    const before = await daemon.instance(name);
    await stack.setConfig("app", "api");
    await stack.setConfig("cpu", "1");
    expect(expectOk(await stack.preview()).changeSummary).toMatchObject({ update: 1 });
    expectOk(await stack.up());
    const after = await daemon.instance(name);
    expect(after.config["user.app"]).toBe("api");
    expect(after.config["limits.cpu"]).toBe("1");
    expect(after.config["volatile.uuid"]).toBe(before.config["volatile.uuid"]);
    expect(after.status).toBe("Running");

    // Removing a managed key removes it from the instance.
    await stack.removeConfig("cpu");
    expectOk(await stack.up());
    expect((await daemon.instance(name)).config["limits.cpu"]).toBeUndefined();
  });

  it("takes a snapshot as a child of the instance", async () => {
    await stack.setConfig("snapshot", "true");
    const up = expectOk(await stack.up());
    expect(up.output).toMatch(/operation [0-9a-f-]{36} \(snapshot [^)]+\)/);
    const listed = await daemon.raw("GET", `/1.0/instances/${name}/snapshots`);
    expect(listed.body.metadata).toEqual([`/1.0/instances/${name}/snapshots/snap0`]);
    const [snapshot] = await stack.resourcesOfType(SNAPSHOT);
    const [instance] = await stack.resourcesOfType(INSTANCE);
    expect(snapshot.id).toBe(`${name}/snap0`);
    expect(snapshot.parent).toBe(instance.urn);
    expect(expectOk(await stack.preview()).changeSummary).toEqual({ same: 3 });
  });

  it("replaces the instance and its snapshot when the name changes, and plans both replaced for a type change", async () => {
    const renamed = `${name}-b`;
    await stack.setConfig("name", renamed);
    expect(expectOk(await stack.preview()).changeSummary).toMatchObject({ replace: 2 });
    expectOk(await stack.up());
    expect(await daemon.instance(name)).toBeUndefined();
    expect((await daemon.instance(renamed)).status).toBe("Running");
    expect((await daemon.raw("GET", `/1.0/instances/${renamed}/snapshots`)).body.metadata).toEqual([
      `/1.0/instances/${renamed}/snapshots/snap0`,
    ]);

    await stack.setConfig("name", name);
    expectOk(await stack.up());
    expect(await daemon.instance(renamed)).toBeUndefined();
    expect((await daemon.instance(name)).status).toBe("Running");

    // Same name, other type: the old instance must go first (deleteBeforeReplace), so the engine
    // replaces the snapshot that depends on it too. Preview only: VMs need QEMU, not on test machines.
    await stack.setConfig("type", "virtual-machine");
    const preview = expectOk(await stack.preview({ diff: true }));
    expect(preview.changeSummary).toMatchObject({ replace: 2 });
    expect(preview.output).toMatch(
      /\+-pulumi-nodejs:dynamic\/incus:Instance: \(replace\)[\s\S]*~ type\s*: "container" => "virtual-machine"/,
    );
    expect(preview.output).toMatch(/\+-pulumi-nodejs:dynamic\/incus:InstanceSnapshot: \(replace\)/);
    await stack.removeConfig("type");
  });

  it("notices on refresh that the instance was stopped outside Pulumi, and starts it again", async () => {
    await daemon.rawAndWait("PUT", `/1.0/instances/${name}/state`, { action: "stop", force: true });
    expectOk(await stack.refresh());
    const [refreshed] = await stack.resourcesOfType(INSTANCE);
    expect(refreshed.outputs?.state).toBe("stopped");
    expect(expectOk(await stack.preview()).changeSummary).toMatchObject({ update: 1 });
    expectOk(await stack.up());
    expect((await daemon.instance(name)).status).toBe("Running");
  });

  it("adopts an instance made outside Pulumi without recreating it, and plans no replacement", async () => {
    await daemon.launch(legacy);
    const before = await daemon.instance(legacy);
    await stack.setConfig("adoptName", legacy);
    const up = expectOk(await stack.up());
    expect(up.output).toMatch(/adopting existing instance/);
    expect(up.outputs?.adoptedUuid).toBe(before.config["volatile.uuid"]);
    const after = await daemon.instance(legacy);
    expect(after.created_at).toBe(before.created_at);
    // The image was read back and matched: the next plan is empty (TF incus#475 planned a replacement).
    expect(expectOk(await stack.preview()).changeSummary).toEqual({ same: 4 });
  });

  it("reads an instance with IncusInstance.get without managing it", async () => {
    await stack.setConfig("lookupName", legacy);
    const up = expectOk(await stack.up());
    expect(up.outputs?.lookedUpStatus).toBe("Running");
    const state = await stack.exportState();
    const read = (state.deployment.resources ?? []).find((r) => r.urn.endsWith("::looked-up")) as
      { external?: boolean; id?: string } | undefined;
    expect(read).toMatchObject({ id: legacy, external: true });
    await stack.removeConfig("lookupName");
    expectOk(await stack.up());
    // Dropping a read resource from the program leaves the instance alone.
    expect((await daemon.instance(legacy)).status).toBe("Running");
  });

  it("treats a fingerprint prefix of the adopted image as the same image, and refuses another image rather than replacing the adopted instance", async () => {
    const fingerprint = (await daemon.instance(legacy)).config["volatile.base_image"] as string;
    await stack.setConfig("adoptImage", "0123456789ab");
    const preview = await stack.preview();
    expect(preview.ok).toBe(false);
    expect(preview.error).toMatch(
      /image: changing it replaces the adopted object; remove adoptId from the program to let Pulumi replace it/,
    );
    await stack.setConfig("adoptImage", fingerprint.slice(0, 12));
    // A fingerprint prefix of the same image is the same image: no replacement.
    expect(expectOk(await stack.preview()).changeSummary).toEqual({ same: 4 });
    await stack.removeConfig("adoptImage");
  });

  it("refuses to delete a protected instance or, before it, its snapshot, without stopping it, then destroys once unprotected", async () => {
    // Dropping the adopted instance from the program deletes it, like any other resource.
    await stack.removeConfig("adoptName");
    await stack.setConfig("deletionProtection", "true");
    expectOk(await stack.up());
    expect(await daemon.instance(legacy)).toBeUndefined();
    expect((await daemon.instance(name)).config["security.protection.delete"]).toBe("true");
    const [protectedResource] = await stack.resourcesOfType(INSTANCE).then((rs) => rs.filter((r) => r.id === name));
    expect(protectedResource.protect).toBe(true);

    // Pulumi's protect (set by deletionProtection) stops the engine before the provider is asked.
    const engineRefusal = await stack.destroy();
    expect(engineRefusal.ok).toBe(false);
    expect(engineRefusal.output + engineRefusal.error).toMatch(/protected/);

    // With Pulumi's protect explicitly off, the provider itself refuses: first the snapshot, which
    // the engine deletes before its instance, so that it is not lost while the instance stays.
    await stack.setConfig("protect", "false");
    expectOk(await stack.up());
    const snapshotRefusal = await stack.destroy();
    expect(snapshotRefusal.ok).toBe(false);
    expect(snapshotRefusal.output + snapshotRefusal.error).toMatch(
      /snapshot \S+\/snap0 was not deleted: its instance \S+ is protected against deletion server-side \(security\.protection\.delete=true\).*Not deleted: this snapshot and its instance\. Earlier in this run pulumi-dynamic-compute deleted nothing\./,
    );
    expect((await daemon.raw("GET", `/1.0/instances/${name}/snapshots/snap0`)).status).toBe(200);

    // Removing only the snapshot from the program, while the instance stays, deletes it on purpose.
    await stack.setConfig("snapshot", "false");
    expectOk(await stack.up());
    expect((await daemon.raw("GET", `/1.0/instances/${name}/snapshots/snap0`)).status).toBe(404);

    // Then the instance's own refusal, before stopping anything.
    const providerRefusal = await stack.destroy();
    expect(providerRefusal.ok).toBe(false);
    expect(providerRefusal.output + providerRefusal.error).toMatch(
      /was not deleted: it is protected against deletion \(security\.protection\.delete=true\)\. Not stopped or deleted: the instance and its snapshots\./,
    );
    const survivor = await daemon.instance(name);
    expect(survivor.status).toBe("Running");

    await stack.setConfig("deletionProtection", "false");
    await stack.removeConfig("protect");
    expectOk(await stack.up());
    expectOk(await stack.destroy());
    expect(await daemon.instance(name)).toBeUndefined();
    expect(await stack.resourcesOfType(INSTANCE)).toHaveLength(0);
  });
});
