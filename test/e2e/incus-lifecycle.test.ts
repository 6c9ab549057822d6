/**
 * IncusInstance lifecycle options end to end, on each real daemon (LXD 5.0 and Incus 6.0) through
 * the `pulumi` CLI: a snapshot schedule the daemon runs by itself (its snapshots are no drift and
 * are never deleted by Pulumi), drift of a managed key seen by `pulumi refresh`, a restart for
 * config the instance takes only at start, and an image change rebuilt in place. The daemon, and
 * for the restart the host's view of the container's init process, say what really happened.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expectOk, repoRoot, TestStack } from "../helpers/engine";
import { type TestDaemon, testDaemons, uniqueName } from "../contract/incus-daemon";

const PROGRAM = "test/e2e/programs/incus-lifecycle";
const SNAPSHOT = "pulumi-nodejs:dynamic/incus:InstanceSnapshot";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function snapshotNames(daemon: TestDaemon, name: string): Promise<string[]> {
  const listed = (await daemon.raw("GET", `/1.0/instances/${name}/snapshots`)).body.metadata as string[];
  return listed.map((url) => url.split("/").pop() as string).sort();
}

/** The container's init process as the host sees it: its pid and its open-files limit. */
async function initProcess(daemon: TestDaemon, name: string): Promise<{ pid: number; nofile: string }> {
  const pid = (await daemon.raw("GET", `/1.0/instances/${name}/state`)).body.metadata.pid as number;
  const limits = fs.readFileSync(`/proc/${pid}/limits`, "utf8");
  return { pid, nofile: /^Max open files\s+(\S+)/m.exec(limits)?.[1] ?? "?" };
}

/** Imports a busybox image that differs from `busybox` (its own description, so another fingerprint) as `alias`. */
function importVariantImage(daemon: TestDaemon, alias: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "variant-image-"));
  const script = path.join(repoRoot, "scripts", "lib", "busybox-image.sh");
  const cli = daemon.kind === "incus" ? "incus" : "lxc";
  const env = { ...process.env, [daemon.kind === "incus" ? "INCUS_DIR" : "LXD_DIR"]: path.dirname(daemon.socket) };
  const imported = spawnSync(
    "bash",
    [
      "-c",
      `source "$1" && build_busybox_image "$2" "$3" && ${cli} image import "$2/busybox.tar.gz" --alias "$4"`,
      "bash",
      script,
      dir,
      `the rebuild test (${alias})`,
      alias,
    ],
    { env, encoding: "utf8" },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  if (imported.status !== 0) throw new Error(`importing ${alias}: ${imported.stderr}`);
}

describe.each(testDaemons())("snapshot schedule and refresh drift on $label", (daemon) => {
  const name = uniqueName("sched");
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.create({
      program: PROGRAM,
      env: { INCUS_SOCKET: daemon.socket },
      config: { name, schedule: "* * * * *", snapshotName: "own0" },
    });
  });

  afterAll(async () => {
    await stack?.cleanup();
    await daemon.removeInstances([name]);
  });

  it("sets the schedule as snapshots.* keys, and the daemon's expiry on the program's snapshot is no drift", async () => {
    const up = expectOk(await stack.up());
    const instance = await daemon.instance(name);
    expect(instance.config).toMatchObject({
      "snapshots.schedule": "* * * * *",
      "snapshots.pattern": "auto%d",
      "snapshots.expiry": "1d",
    });
    // snapshots.expiry applies to the program's snapshot too: reported, not planned away.
    expect(Date.parse(up.outputs?.snapshotExpiry as string)).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(expectOk(await stack.preview()).changeSummary).toEqual({ same: 3 });
  });

  it("leaves the daemon's scheduled snapshots out of every plan and refresh", async () => {
    // The daemon checks its schedules once a minute.
    const deadline = Date.now() + 150_000;
    while (!(await snapshotNames(daemon, name)).includes("auto0") && Date.now() < deadline) await sleep(5_000);
    expect(await snapshotNames(daemon, name)).toEqual(["auto0", "own0"]);
    const refresh = expectOk(await stack.refresh());
    expect(refresh.summary?.resourceChanges).toEqual({ same: 3 });
    expect(expectOk(await stack.preview()).changeSummary).toEqual({ same: 3 });
  });

  it("reports a managed key changed with `config set` as drift on refresh, and sets it back on up", async () => {
    await daemon.rawAndWait("PATCH", `/1.0/instances/${name}`, { config: { "user.app": "changed-outside" } });
    const refresh = expectOk(await stack.refresh());
    expect(refresh.summary?.resourceChanges).toMatchObject({ update: 1 });
    const [web] = (await stack.exportState()).deployment.resources?.filter((r) => r.urn.endsWith("::web")) ?? [];
    expect((web as { outputs?: { config?: Record<string, string> } }).outputs?.config?.["user.app"]).toBe(
      "changed-outside",
    );
    expect(expectOk(await stack.preview()).changeSummary).toMatchObject({ update: 1 });
    expectOk(await stack.up());
    expect((await daemon.instance(name)).config["user.app"]).toBe("web");
  });

  it("never deletes the daemon's snapshots: destroying the program's snapshot leaves them", async () => {
    const [own] = await stack.resourcesOfType(SNAPSHOT);
    expectOk(await stack.destroy({ target: [own.urn] }));
    const left = await snapshotNames(daemon, name);
    expect(left).not.toContain("own0");
    expect(left).toContain("auto0");
    expect(left.every((snapshot) => /^auto\d+$/.test(snapshot))).toBe(true);
    expect(await daemon.instance(name)).toBeDefined();
  });
});

describe.each(testDaemons())("restart on config change and rebuild in place on $label", (daemon) => {
  const name = uniqueName("rebuild");
  const variant = uniqueName("busybox-variant");
  const rebuilds = daemon.extensions.includes("instances_rebuild");
  let stack: TestStack;

  beforeAll(async () => {
    importVariantImage(daemon, variant);
    stack = await TestStack.create({ program: PROGRAM, env: { INCUS_SOCKET: daemon.socket }, config: { name } });
    expectOk(await stack.up());
  });

  afterAll(async () => {
    await stack?.cleanup();
    await daemon.removeInstances([name]);
    const alias = await daemon.raw("GET", `/1.0/images/aliases/${variant}`);
    if (alias.status === 200) await daemon.rawAndWait("DELETE", `/1.0/images/${alias.body.metadata.target}`);
  });

  it("writes a key the container takes only at start, and warns instead of restarting by default", async () => {
    const before = await initProcess(daemon, name);
    await stack.setConfig("extraConfig", JSON.stringify({ "limits.kernel.nofile": "4096" }));
    const up = expectOk(await stack.up());
    expect(up.output).toMatch(/takes limits\.kernel\.nofile only at its next start/);
    expect((await daemon.instance(name)).config["limits.kernel.nofile"]).toBe("4096");
    expect(await initProcess(daemon, name)).toEqual(before);
  });

  it("restarts with restartOnConfigChange so the key applies, and not for a key applied live", async () => {
    await stack.setConfig("restartOnConfigChange", "true");
    await stack.setConfig("extraConfig", JSON.stringify({ "limits.kernel.nofile": "2048" }));
    const up = expectOk(await stack.up());
    expect(up.output).toMatch(/restarting .*: limits\.kernel\.nofile takes effect at start/);
    const restarted = await initProcess(daemon, name);
    expect(restarted.nofile).toBe("2048");
    expect((await daemon.instance(name)).status).toBe("Running");

    await stack.setConfig("extraConfig", JSON.stringify({ "limits.kernel.nofile": "2048", "limits.memory": "64MiB" }));
    expect(expectOk(await stack.up()).output).not.toMatch(/restarting/);
    expect(await initProcess(daemon, name)).toEqual(restarted);
  });

  it("plans an image change as an update with imageChangeStrategy rebuild, and refuses it where the daemon cannot rebuild", async () => {
    const before = await daemon.instance(name);
    await stack.setConfig("image", variant);
    expect(expectOk(await stack.preview()).changeSummary).toMatchObject({ replace: 1 });
    await stack.setConfig("imageChangeStrategy", "rebuild");
    const preview = await stack.preview();
    if (!rebuilds) {
      expect(preview.ok).toBe(false);
      expect(preview.output + preview.error).toMatch(
        new RegExp(`needs the API extension "instances_rebuild", which ${daemon.label} does not have`),
      );
      expect((await daemon.instance(name)).config["volatile.base_image"]).toBe(before.config["volatile.base_image"]);
      return;
    }
    expect(expectOk(preview).changeSummary).toEqual({ same: 1, update: 1 });
  });

  it("rebuilds in place: same instance, config and volatile keys, new image, running again", async () => {
    if (!rebuilds) return;
    const before = await daemon.instance(name);
    const up = expectOk(await stack.up());
    expect(up.output).toMatch(new RegExp(`rebuilding ${name} in place from image ${variant}`));
    const after = await daemon.instance(name);
    const target = (await daemon.raw("GET", `/1.0/images/aliases/${variant}`)).body.metadata.target;
    expect(after.config["volatile.base_image"]).toBe(target);
    expect(up.outputs?.imageFingerprint).toBe(target);
    expect(after.config["volatile.uuid"]).toBe(before.config["volatile.uuid"]);
    expect(after.created_at).toBe(before.created_at);
    expect(after.config["limits.kernel.nofile"]).toBe("2048");
    expect(after.status).toBe("Running");
    expect(expectOk(await stack.preview()).changeSummary).toEqual({ same: 2 });
  });

  it("refuses at preview to rebuild an instance that has snapshots, naming them, and keeps them", async () => {
    if (!rebuilds) return;
    await stack.setConfig("snapshotName", "keep0");
    expectOk(await stack.up());
    await stack.setConfig("image", "busybox");
    const preview = await stack.preview();
    expect(preview.ok).toBe(false);
    expect(preview.output + preview.error).toMatch(/cannot rebuild .* it has snapshots \(keep0\)/);
    expect(await snapshotNames(daemon, name)).toEqual(["keep0"]);
    await stack.setConfig("image", variant);
  });
});

describe.each(testDaemons())("snapshot retention on $label", (daemon) => {
  const name = uniqueName("retain");
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.create({
      program: PROGRAM,
      env: { INCUS_SOCKET: daemon.socket },
      config: { name, snapshotName: "nightly", retain: "2", trigger: "day-1", "dynamic-compute:verbosity": "detail" },
    });
  });

  afterAll(async () => {
    await stack?.cleanup();
    await daemon.removeInstances([name]);
  });

  it("keeps exactly `retain` snapshots of the series, deleting the oldest only once the new one exists", async () => {
    expect(expectOk(await stack.up()).outputs?.series).toEqual(["nightly-1"]);
    // A snapshot made outside the program, with a name like the series': never the program's to delete.
    await daemon.rawAndWait("POST", `/1.0/instances/${name}/snapshots`, { name: "manual" });
    await daemon.rawAndWait("POST", `/1.0/instances/${name}/snapshots`, { name: "nightly-0" });

    await stack.setConfig("trigger", "day-2");
    expect(expectOk(await stack.preview()).changeSummary).toMatchObject({ update: 1 });
    expect(expectOk(await stack.up()).outputs?.series).toEqual(["nightly-1", "nightly-2"]);

    await stack.setConfig("trigger", "day-3");
    const third = expectOk(await stack.up());
    expect(third.outputs?.series).toEqual(["nightly-2", "nightly-3"]);
    const created = third.output.indexOf(`creating snapshot ${name}/nightly-3`);
    const deleted = third.output.indexOf(`deleting the oldest snapshot of the series, ${name}/nightly-1`);
    expect(created).toBeGreaterThan(-1);
    expect(deleted).toBeGreaterThan(created);
    expect(await snapshotNames(daemon, name)).toEqual(["manual", "nightly-0", "nightly-2", "nightly-3"]);
    expect(expectOk(await stack.preview()).changeSummary).toEqual({ same: 3 });
  });

  it("deletes the surplus when retain goes down, and only the series' snapshots on destroy", async () => {
    await stack.setConfig("retain", "1");
    expect(expectOk(await stack.up()).outputs?.series).toEqual(["nightly-3"]);
    expect(await snapshotNames(daemon, name)).toEqual(["manual", "nightly-0", "nightly-3"]);

    const [own] = await stack.resourcesOfType(SNAPSHOT);
    expectOk(await stack.destroy({ target: [own.urn] }));
    expect(await snapshotNames(daemon, name)).toEqual(["manual", "nightly-0"]);
  });
});
