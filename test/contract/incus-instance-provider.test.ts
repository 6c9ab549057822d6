/**
 * The IncusInstance and IncusInstanceSnapshot providers driven in-process, exactly as the engine
 * calls them (check → create/read/update/delete), against both real daemons (LXD 5.0, Incus 6.0),
 * for the paths an e2e run cannot reach on purpose: a create whose response was lost, a name taken
 * by someone else, an instance that was made but would not start, objects that vanished behind our
 * back, an image protocol the daemon does not speak.
 */
import type * as pulumi from "@pulumi/pulumi";
import { creationToken } from "../../src/core/creation-token";
import { NotFoundError } from "../../src/core/errors";
import { getIncusInstance, listIncusInstances } from "../../src/incus";
import { IncusClient } from "../../src/incus/client";
import { Instance, InstanceSnapshot } from "../../src/incus/providers";
import { testDaemons, uniqueName } from "./incus-daemon";

type Provider = Required<pulumi.dynamic.ResourceProvider>;
const instances = Instance as Provider;
const snapshots = InstanceSnapshot as Provider;
const names: string[] = [];

function fresh(prefix: string): string {
  const name = uniqueName(prefix);
  names.push(name);
  return name;
}

/** What the engine would pass to create: checked inputs with the hidden identity. */
async function checked(provider: Provider, resourceName: string, inputs: Record<string, unknown>) {
  const result = await provider.check({}, { ...inputs, __identity: `incus-contract/test/${resourceName}` });
  expect(result.failures).toEqual([]);
  return result.inputs as Record<string, unknown>;
}

/** Lines logged at debug level while `fn` runs. */
async function debugLines<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  process.env.DYNAMIC_COMPUTE_DEBUG = "1";
  try {
    return { result: await fn(), lines };
  } finally {
    delete process.env.DYNAMIC_COMPUTE_DEBUG;
    spy.mockRestore();
  }
}

describe.each(testDaemons())("on $label", (daemon) => {
  beforeAll(() => {
    process.env.INCUS_SOCKET = daemon.socket;
  });

  afterAll(async () => {
    await daemon.removeInstances(names);
  });

  describe("IncusInstance provider", () => {
    it("continues with the instance a lost create response left behind (its creation token), making no second one", async () => {
      const name = fresh("lost");
      const inputs = await checked(instances, "lost", { name, image: "busybox", config: { "user.role": "web" } });
      // The provider leaves its own bookkeeping (which inputs the program set) out of the token.
      const { __explicit: _explicit, ...defining } = inputs;
      const token = creationToken("incus-contract/test/lost", defining);
      // The earlier attempt: the daemon made the instance, the answer never reached us.
      await daemon.launch(name, { start: false, config: { "user.role": "web", "user.pulumi-creation-token": token } });
      const before = await daemon.instance(name);

      const { id, outs } = await instances.create(inputs);
      expect(id).toBe(name);
      expect(outs).toMatchObject({ name, state: "running", config: { "user.role": "web" }, creationToken: token });
      const after = await daemon.instance(name);
      expect(after.created_at).toBe(before.created_at);
      expect(after.status).toBe("Running");
    });

    it("refuses an instance of the same name that it did not create, and points at adoptId", async () => {
      const name = fresh("taken");
      await daemon.launch(name, { start: false });
      const inputs = await checked(instances, "taken", { name, image: "busybox" });
      await expect(instances.create(inputs)).rejects.toThrow(
        `an instance named "${name}" already exists in project "default"; set adoptId: "${name}" to take it over`,
      );
      expect((await daemon.instance(name)).status).toBe("Stopped");
    });

    it("keeps an instance that was made but would not start in state, and the next update fixes and starts it", async () => {
      const name = fresh("nostart");
      const broken = await checked(instances, "nostart", {
        name,
        image: "busybox",
        config: { "raw.lxc": "lxc.init.cmd = /nonexistent-init" },
      });
      const failure = await instances.create(broken).catch((e) => e);
      // The engine's "created but failed to initialise": the instance is recorded, not orphaned.
      expect(failure).toMatchObject({ id: name, properties: { name, state: "stopped" } });
      expect(failure.reasons[0]).toMatch(/start/i);
      expect((await daemon.instance(name)).status).toBe("Stopped");

      const fixed = await checked(instances, "nostart", { name, image: "busybox" });
      const { result, lines } = await debugLines(() => instances.update(name, failure.properties, fixed));
      expect(result.outs).toMatchObject({ state: "running", status: "Running" });
      const instance = await daemon.instance(name);
      expect(instance.config["raw.lxc"]).toBeUndefined();
      expect(instance.status).toBe("Running");
      // The definition was written with the ETag read just before (If-Match), never blindly.
      const put = lines.find((line) => line.includes(`→ PUT /1.0/instances/${name}?`));
      expect(put).toMatch(/"if-match":"\\?"?[0-9a-f]{64}/);
    });

    /**
     * A stopped instance with `user.role: web`, and the update to `user.role: db` run while `change`
     * hits the daemon once, right before the provider's first definition write: that write meets an
     * ETag that moved after the provider read the instance. Returns the update's outcome.
     */
    async function updateRacing(prefix: string, change: Record<string, string>) {
      const name = fresh(prefix);
      const inputs = (role: string) =>
        checked(instances, prefix, { name, image: "busybox", state: "stopped", config: { "user.role": role } });
      const { id, outs } = await instances.create(await inputs("web"));
      const next = await inputs("db");
      const original = IncusClient.prototype.updateInstance;
      const writes = jest.spyOn(IncusClient.prototype, "updateInstance").mockImplementation(async function (
        this: IncusClient,
        ...args
      ) {
        if (writes.mock.calls.length === 1) await daemon.raw("PATCH", `/1.0/instances/${name}`, { config: change });
        return original.apply(this, args);
      });
      try {
        const outcome = await debugLines(() => instances.update(id, outs, next)).catch((error: Error) => error);
        return { name, outcome, writes: writes.mock.calls.length, daemon: await daemon.instance(name) };
      } finally {
        writes.mockRestore();
      }
    }

    it("reports somebody's edit made between its read and its write (ETag), and overwrites nothing", async () => {
      const { outcome, daemon } = await updateRacing("race", { "limits.cpu": "1" });
      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as Error).message).toMatch(
        /HTTP 412.*changed by someone else after it was read \(ETag mismatch\)\. Nothing was overwritten/,
      );
      expect(daemon.config).toMatchObject({ "limits.cpu": "1", "user.role": "web" });
    });

    it("redoes a write refused only because the daemon touched its own volatile.* keys, from a fresh read", async () => {
      const { name, outcome, writes, daemon } = await updateRacing("volatile", { "volatile.apply_template": "copy" });
      if (outcome instanceof Error) throw outcome;
      expect(outcome.result.outs).toMatchObject({ config: { "user.role": "db" } });
      expect(outcome.lines.join("")).toContain(
        `${name} changed only in the daemon's own volatile.* keys since it was read; writing again from the fresh read`,
      );
      expect(writes).toBe(2);
      expect(daemon.config).toMatchObject({ "user.role": "db", "volatile.apply_template": "copy" });
    });

    it("names the daemon and its version when it does not speak the image protocol asked for", async () => {
      // LXD calls Incus's "incus" protocol "lxd"; neither daemon here has OCI images.
      const protocol = daemon.kind === "lxd" ? "incus" : "oci";
      const name = fresh("proto");
      const inputs = await checked(instances, "proto", {
        name,
        image: "busybox",
        imageServer: "https://127.0.0.1:1",
        imageProtocol: protocol,
      });
      const error = await instances.create(inputs).catch((e) => e);
      const instead =
        daemon.kind === "lxd"
          ? `"simplestreams" or "lxd" (LXD's name for the protocol Incus calls "incus")`
          : `"simplestreams" or "incus"`;
      expect(error.message).toBe(
        `incus createInstance failed: imageProtocol "${protocol}" is not supported by ${daemon.label}; use ${instead} - Unsupported protocol: ${protocol}`,
      );
      expect(await daemon.instance(name)).toBeUndefined();
    });

    it("reads an instance deleted behind its back as gone, and deleting it again succeeds", async () => {
      const name = fresh("gone");
      const inputs = await checked(instances, "gone", { name, image: "busybox", state: "stopped" });
      const { id, outs } = await instances.create(inputs);
      expect(outs.state).toBe("stopped");
      await daemon.rawAndWait("DELETE", `/1.0/instances/${name}`);
      expect(await instances.read(id, outs)).toEqual({});
      await expect(instances.delete(id, outs)).resolves.toBeUndefined();
    });
  });

  describe("IncusInstanceSnapshot provider", () => {
    it("says so when the instance does not exist", async () => {
      const inputs = await checked(snapshots, "missing", { instance: "pdc-no-such-instance", name: "s1" });
      await expect(snapshots.create(inputs)).rejects.toThrow(
        /cannot snapshot pdc-no-such-instance: the instance does not exist/,
      );
    });

    it("snapshots, updates the expiry in place, and deletes fine after the instance is gone", async () => {
      const name = fresh("snap");
      await daemon.launch(name);
      const inputs = await checked(snapshots, "snap", { instance: name, name: "s1" });
      const { id, outs } = await snapshots.create(inputs);
      expect(id).toBe(`${name}/s1`);
      expect(outs).toMatchObject({ instance: name, name: "s1", project: "default" });
      expect(outs.expiresAt).toBeUndefined();

      const later = await checked(snapshots, "snap", { instance: name, name: "s1", expiresAt: "2031-01-02T03:04:05Z" });
      const diff = await snapshots.diff(id, outs, later);
      expect(diff).toMatchObject({ changes: true, replaces: [] });
      const updated = await snapshots.update(id, outs, later);
      expect(updated.outs?.expiresAt).toBe("2031-01-02T03:04:05Z");
      const onDaemon = await daemon.raw("GET", `/1.0/instances/${name}/snapshots/s1`);
      expect(Date.parse(onDaemon.body.metadata.expires_at)).toBe(Date.parse("2031-01-02T03:04:05Z"));

      await daemon.removeInstances([name]);
      expect(await snapshots.read(id, updated.outs)).toEqual({});
      await expect(snapshots.delete(id, updated.outs)).resolves.toBeUndefined();
    });
  });

  describe("instance functions", () => {
    it("get and list instances in camelCase, without the daemon's volatile keys", async () => {
      const name = fresh("fn");
      await daemon.launch(name, { config: { "user.team": "platform" } });
      const onDaemon = await daemon.instance(name);
      const info = await getIncusInstance({ id: name });
      expect(info).toMatchObject({
        id: name,
        name,
        project: "default",
        type: "container",
        status: "Running",
        state: "running",
        config: { "user.team": "platform" },
        deletionProtection: false,
        profiles: ["default"],
      });
      expect(info.imageFingerprint).toBe(onDaemon.config["volatile.base_image"]);
      expect(info.uuid).toBe(onDaemon.config["volatile.uuid"]);
      expect(Object.keys(info.config).filter((key) => key.startsWith("volatile."))).toEqual([]);
      expect(await getIncusInstance({ id: `default/${name}` })).toEqual(info);
      expect(await getIncusInstance({ name, project: "default" })).toEqual(info);
      await expect(getIncusInstance({ name: `default/${name}` })).rejects.toMatchObject({
        code: "ERR_INVALID_ARGUMENTS",
        argument: "name",
      });

      expect((await listIncusInstances()).map((i) => i.name)).toContain(name);
      expect((await listIncusInstances({ allProjects: true })).find((i) => i.name === name)?.project).toBe("default");
      await expect(getIncusInstance({ name: "pdc-no-such-instance" })).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
