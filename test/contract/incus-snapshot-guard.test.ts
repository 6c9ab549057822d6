/**
 * A snapshot of a protected instance (`security.protection.delete`), against both real daemons, with
 * the providers called in-process the way the engine calls them in one run: while the instance is
 * protected and not kept in the run, the snapshot's delete is refused and nothing is deleted; once
 * the engine has diffed the instance without a replacement (the program keeps it), deleting the
 * snapshot alone goes through; and with the protection lifted, it goes through too.
 */
import type * as pulumi from "@pulumi/pulumi";
import { DeletionProtectedError } from "../../src/core/errors";
import { resetRunJournal } from "../../src/core/run-journal";
import { Instance, InstanceSnapshot } from "../../src/incus/providers";
import { testDaemons, uniqueName } from "./incus-daemon";

type Provider = Required<pulumi.dynamic.ResourceProvider>;
const instances = Instance as Provider;
const snapshots = InstanceSnapshot as Provider;

async function checked(provider: Provider, resourceName: string, inputs: Record<string, unknown>) {
  const result = await provider.check({}, { ...inputs, __identity: `incus-contract/prod/${resourceName}` });
  expect(result.failures).toEqual([]);
  return result.inputs as Record<string, unknown>;
}

describe.each(testDaemons())("on $label", (daemon) => {
  const names: string[] = [];
  let name: string;

  const snapshotExists = async (snapshot: string) =>
    (await daemon.raw("GET", `/1.0/instances/${name}/snapshots/${snapshot}`)).status === 200;
  const snapshot = async (snapshotName: string) =>
    snapshots.create(await checked(snapshots, snapshotName, { instance: name, name: snapshotName }));

  beforeAll(async () => {
    process.env.INCUS_SOCKET = daemon.socket;
    name = uniqueName("guard");
    names.push(name);
    await daemon.launch(name, { start: false, config: { "security.protection.delete": "true" } });
  });

  // Each test is one engine run: a new provider process starts with nothing recorded.
  beforeEach(() => resetRunJournal());

  afterAll(async () => {
    await daemon.removeInstances(names);
  });

  it("refuses to delete the snapshot of a protected instance that is going too, and deletes nothing", async () => {
    const { id, outs } = await snapshot("daily");
    const error = await snapshots.delete(id, outs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeletionProtectedError);
    expect((error as Error).message).toBe(
      `snapshot ${name}/daily was not deleted: its instance ${name} is protected against deletion server-side (security.protection.delete=true), so deleting it would fail and the snapshot would be lost while the instance stays. ` +
        "Not deleted: this snapshot and its instance. Earlier in this run pulumi-dynamic-compute deleted nothing. " +
        'To retire the instance, first set deletionProtection: false on it and run `pulumi up`, then remove it and its snapshots from the program (docs/policy-pack.md, "Retiring a protected instance"). ' +
        "To delete only this snapshot, keep the instance in the program, remove just the snapshot, and run `pulumi up`.",
    );
    expect(await snapshotExists("daily")).toBe(true);
    expect(await daemon.instance(name)).toBeDefined();
  });

  it("deletes one snapshot on purpose when the run keeps its instance (diffed, no replacement)", async () => {
    const inputs = await checked(instances, "web", { name, image: "busybox", deletionProtection: true });
    const diff = await instances.diff(name, { ...inputs, state: "stopped" }, { ...inputs, state: "stopped" });
    expect(diff.replaces).toEqual([]);
    const { id, outs } = await snapshot("hourly");
    await expect(snapshots.delete(id, outs)).resolves.toBeUndefined();
    expect(await snapshotExists("hourly")).toBe(false);
    expect(await snapshotExists("daily")).toBe(true);
  });

  it("still refuses when the run replaces the instance", async () => {
    const inputs = await checked(instances, "web", { name, image: "busybox", deletionProtection: true });
    const diff = await instances.diff(name, { ...inputs, type: "virtual-machine" }, inputs);
    expect(diff.replaces).toContain("type");
    const { id, outs } = await snapshot("replaced");
    await expect(snapshots.delete(id, outs)).rejects.toThrow(/was not deleted: its instance .* is protected/);
    expect(await snapshotExists("replaced")).toBe(true);
  });

  it("deletes the snapshots once the protection is lifted, before the instance goes", async () => {
    await daemon.raw("PATCH", `/1.0/instances/${name}`, { config: { "security.protection.delete": "false" } });
    for (const snapshotName of ["daily", "replaced"]) {
      const id = `${name}/${snapshotName}`;
      const outs = (await snapshots.read(id, { instance: name, name: snapshotName, project: "default" })).props;
      await expect(snapshots.delete(id, outs)).resolves.toBeUndefined();
      expect(await snapshotExists(snapshotName)).toBe(false);
    }
  });

  it("says what this run deleted before a refusal", async () => {
    await daemon.raw("PATCH", `/1.0/instances/${name}`, { config: { "security.protection.delete": "true" } });
    const first = await snapshot("first");
    const second = await snapshot("second");
    // The first delete belongs to the same run, made before the protection came back.
    await daemon.raw("PATCH", `/1.0/instances/${name}`, { config: { "security.protection.delete": "false" } });
    await snapshots.delete(first.id, first.outs);
    await daemon.raw("PATCH", `/1.0/instances/${name}`, { config: { "security.protection.delete": "true" } });
    await expect(snapshots.delete(second.id, second.outs)).rejects.toThrow(
      `Earlier in this run pulumi-dynamic-compute deleted: incus:InstanceSnapshot ${name}/first.`,
    );
    expect(await snapshotExists("second")).toBe(true);
  });

  it("refuses the protected instance's own delete before stopping it, saying what this run deleted", async () => {
    const { id, outs } = await snapshot("third");
    await daemon.raw("PATCH", `/1.0/instances/${name}`, { config: { "security.protection.delete": "false" } });
    await snapshots.delete(id, outs);
    await daemon.raw("PATCH", `/1.0/instances/${name}`, { config: { "security.protection.delete": "true" } });
    await expect(instances.delete(name, { name, project: "default" })).rejects.toThrow(
      `instance ${name} was not deleted: it is protected against deletion (security.protection.delete=true). Not stopped or deleted: the instance and its snapshots. ` +
        `Earlier in this run pulumi-dynamic-compute deleted: incus:InstanceSnapshot ${name}/third.`,
    );
    expect(await daemon.instance(name)).toBeDefined();
  });
});
