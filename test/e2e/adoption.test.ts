/**
 * Adoption on the real engine against the emulator: objects made outside Pulumi (seeded through
 * `POST /_emulator/objects`, with labels, tags, user data, a bigger disk and a stopped state the
 * program does not set) are taken over with adoptId without any change; the next
 * `pulumi preview --expect-no-changes` passes, also after a refresh. An adoption whose inputs differ
 * in a way that cannot change in place is refused naming the property, for each resource, and
 * nothing is deleted; a later change that would replace an adopted object is refused at preview.
 */
import { expectOk, TestStack } from "../helpers/engine";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { seededSnapshotId } from "../../src/emulator/scaleway";
import type { RecordedCall } from "../../src/emulator";

const ROOT = seededSnapshotId("fr-par-1", "ubuntu-noble-root");
const OTHER_ROOT = seededSnapshotId("fr-par-1", "debian-bookworm-root");

/** Calls that change something (everything but reads and operation polls). */
const mutations = (calls: RecordedCall[]) =>
  calls.filter((c) => c.method !== "GET" && !c.path.startsWith("/_emulator/")).map((c) => `${c.method} ${c.path}`);

describe("adoption of objects made outside Pulumi", () => {
  let emulator: TestEmulator;
  let stack: TestStack;
  let seeded: Record<string, unknown>;

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 100 });
    const made = await emulator.seedObjects({
      exoscale: {
        instances: [
          {
            name: "legacy-web",
            instanceType: "standard.tiny",
            template: "Linux Debian 12 (Bookworm) 64-bit",
            diskSize: 50,
            labels: { team: "ops", cost: "shared" },
            userData: "#cloud-config\npackages: [htop]\n",
            state: "stopped",
            snapshots: [{ name: "before-upgrade" }],
          },
          {
            name: "other-web",
            instanceType: "standard.tiny",
            template: "Linux Debian 12 (Bookworm) 64-bit",
            snapshots: [{ name: "other-snapshot" }],
          },
        ],
      },
      scaleway: {
        images: [
          { name: "legacy-image", rootVolume: ROOT, tags: ["ops", "golden"], arch: "arm64", public: true },
          { name: "other-image", rootVolume: OTHER_ROOT },
        ],
      },
      compute: {
        instances: [
          {
            name: "legacy-vm",
            type: "cx21",
            image: "ubuntu-22.04",
            labels: { team: "ops" },
            userData: "#!/bin/sh\necho legacy\n",
            vcpus: 2,
          },
          { name: "other-vm", type: "cx21", image: "ubuntu-22.04", labels: { team: "ops" } },
        ],
      },
    });
    const [web, otherWeb] = made.exoscale?.instances ?? [];
    const [image, otherImage] = made.scaleway?.images ?? [];
    const [vm, otherVm] = made.compute?.instances ?? [];
    seeded = {
      exoscale: web.id,
      snapshot: web.snapshots[0].id,
      image: image.id,
      rootVolume: ROOT,
      compute: vm.id,
      other: { exoscale: otherWeb.id, snapshot: otherWeb.snapshots[0].id, image: otherImage.id, compute: otherVm.id },
    };
    stack = await TestStack.create({
      program: "test/e2e/programs/adoption",
      env: emulator.env,
      config: { seeded: JSON.stringify(seeded) },
    });
  });

  afterAll(async () => {
    // The adopted objects were made outside this stack: forget them rather than delete them.
    await stack?.cli(["state", "delete", "--all", "--yes", "--force", "--stack", stack.stack], { allowFailure: true });
    await stack?.cleanup();
    await emulator?.close();
  });

  it("takes over every object without changing anything the program leaves unset", async () => {
    await emulator.clearCalls();
    const up = expectOk(await stack.up());
    expect(up.outputs).toMatchObject({
      webId: seeded.exoscale,
      webLabels: { team: "ops", cost: "shared" },
      webDiskSize: 50,
      webState: "stopped",
      snapshotId: seeded.snapshot,
      imageId: seeded.image,
      imageTags: ["ops", "golden"],
      vmId: seeded.compute,
      vmLabels: { team: "ops" },
    });
    expect(mutations(await emulator.calls())).toEqual([]);
    expect(up.output).toMatch(/adopting existing instance ch-gva-2\/[0-9a-f-]{36}/);
    const state = await emulator.state();
    const web = state.exoscale.instances[String(seeded.exoscale).split("/")[1]];
    expect(web).toMatchObject({ state: "stopped", diskSize: 50, labels: { team: "ops", cost: "shared" } });
  });

  it("previews no change afterwards (pulumi preview --expect-no-changes), also after a refresh", async () => {
    expectOk(await stack.preview({ expectNoChanges: true }));
    // The refresh finds nothing to record either: the state already says what the objects are.
    const refresh = expectOk(await stack.refresh());
    expect(Object.keys(refresh.summary?.resourceChanges ?? {})).toEqual(["same"]);
    expectOk(await stack.preview({ expectNoChanges: true }));
  });

  it.each([
    ["exoscale", "template", "Linux Debian 12"],
    ["snapshot", "instanceId", ""],
    ["scaleway", "rootVolume", OTHER_ROOT],
    ["compute", "labels", '{"team":"ops"}'],
  ])(
    "refuses to adopt %s objects that differ where nothing changes in place (%s), deleting nothing",
    async (kind, property, detail) => {
      await stack.setConfig("mismatch", kind);
      await emulator.clearCalls();
      const before = await emulator.state();
      const up = await stack.up();
      expect(up.ok).toBe(false);
      const failure = up.error ?? "";
      expect(failure).toMatch(/does not match the inputs in ways that cannot change in place, so nothing was changed/);
      expect(failure).toContain(`${property}: it has`);
      expect(failure).toContain(detail);
      expect(mutations(await emulator.calls())).toEqual([]);
      expect(await emulator.state()).toEqual(before);
      const urns = (await stack.exportState()).deployment.resources?.map((r) => r.urn) ?? [];
      expect(urns.filter((urn) => urn.endsWith("::mismatch"))).toEqual([]);
      await stack.removeConfig("mismatch");
    },
  );

  it("refuses at preview a change that would replace an adopted object, instead of deleting it", async () => {
    await stack.setConfig("computeType", "cx41");
    await emulator.clearCalls();
    const preview = await stack.preview();
    expect(preview.ok).toBe(false);
    expect(preview.error).toMatch(
      /type: changing it replaces the adopted object; remove adoptId from the program to let Pulumi replace it/,
    );
    const up = await stack.up();
    expect(up.ok).toBe(false);
    expect(mutations(await emulator.calls())).toEqual([]);
    await stack.removeConfig("computeType");
  });

  it("applies a change the program asks for in place, keeping what it still leaves unset", async () => {
    await stack.setConfig("instanceType", "standard.small");
    await emulator.clearCalls();
    const up = expectOk(await stack.up());
    expect(up.outputs).toMatchObject({
      webLabels: { team: "ops", cost: "shared" },
      webDiskSize: 50,
      webState: "stopped",
    });
    // A stopped instance scales without a stop or a start.
    expect(mutations(await emulator.calls()).map((m) => m.replace(/[0-9a-f-]{36}/g, "{id}"))).toEqual([
      "PUT /v2/instance/{id}:scale",
    ]);
    expectOk(await stack.preview({ expectNoChanges: true }));
  });
});
