/**
 * Pure Incus logic: input validation as `check` reports it, the replace/update table as `diff`
 * decides it, and the mapping between inputs, outputs and the daemon's objects. No daemon: the
 * socket variables point nowhere, so any network call would fail these tests.
 */
import type * as pulumi from "@pulumi/pulumi";
import { setStackConfig } from "../../src/core/credentials";
import { UNKNOWN } from "../../src/core/validation";
import type { ApiInstance } from "../../src/incus/client";
import {
  createBody,
  desiredDefinition,
  instanceId,
  keysNeedingRestart,
  onlyDaemonKeysChanged,
  parseInstanceId,
  powerAction,
  toOutputs,
  writablePart,
  operationInfo,
  parseSnapshotId,
  sameInstant,
  snapshotId,
  toSnapshotOutputs,
} from "../../src/incus/mapping";
import { Instance, InstanceSnapshot } from "../../src/incus/providers";
import { IncusInstanceInputs } from "../../src/incus/schema";
import { lastNumber, memberName } from "../../src/incus/snapshot-provider";
import { onFakeClock, useFakeClock } from "../helpers/fake-clock";

const instances = Instance as Required<pulumi.dynamic.ResourceProvider>;
const snapshots = InstanceSnapshot as Required<pulumi.dynamic.ResourceProvider>;
const FINGERPRINT = "3fe106adcf0a8f6f0f8e1db55be4138fb47aea77aba118b06daf5941621296cc";

beforeAll(() => {
  process.env.INCUS_SOCKET = "/nonexistent/incus-unit-test.socket";
  delete process.env.INCUS_REMOTE;
  setStackConfig({ get: () => undefined });
});

afterAll(() => setStackConfig(undefined));

/** A daemon instance as GET /1.0/instances/{name} returns it, volatile keys and all. */
function apiInstance(overrides: Partial<ApiInstance> = {}): ApiInstance {
  return {
    name: "web",
    type: "container",
    status: "Running",
    status_code: 103,
    architecture: "x86_64",
    created_at: "2026-11-25T00:00:00Z",
    last_used_at: "2026-11-25T00:00:01Z",
    location: "none",
    project: "default",
    description: "",
    ephemeral: false,
    stateful: false,
    profiles: ["default"],
    config: {
      "image.os": "busybox",
      "volatile.base_image": FINGERPRINT,
      "volatile.uuid": "4fd862ba-58d0-4a1c-a8ed-35734fa02415",
      "volatile.last_state.power": "RUNNING",
      "volatile.idmap.next": "[]",
      "user.app": "web",
      "user.pulumi-creation-token": "0123456789abcdef0123",
    },
    devices: {},
    expanded_config: {},
    expanded_devices: { root: { type: "disk", path: "/", pool: "default" } },
    ...overrides,
  };
}

async function check(inputs: Record<string, unknown>) {
  return instances.check({}, { ...inputs, __identity: "p/s/web" });
}

function parse(inputs: Record<string, unknown>): IncusInstanceInputs {
  return IncusInstanceInputs.parse(inputs);
}

describe("check", () => {
  it("fills in the defaults and turns config numbers and booleans into strings", async () => {
    const result = await check({
      name: "web",
      image: "busybox",
      config: { "limits.cpu": 2, "boot.autostart": false },
      devices: { data: { type: "disk", path: "/data", source: "/srv", readonly: true } },
    });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({
      type: "container",
      state: "running",
      config: { "limits.cpu": "2", "boot.autostart": "false" },
      devices: { data: { type: "disk", path: "/data", source: "/srv", readonly: "true" } },
      __identity: "p/s/web",
    });
  });

  it.each([
    [{ state: "paused" }, "state", /running, stopped/],
    [{ type: "vm" }, "type", /container, virtual-machine/],
    [{ name: "9lives" }, "name", /start with a letter/],
    [{ name: "web-" }, "name", /not end with a dash/],
    [{ image: undefined }, "image", /required to create an instance/],
    [{ imageProtocol: "simplestreams" }, "imageProtocol", /only applies together with imageServer/],
    [{ imageServer: "ftp://images" }, "imageServer", /http\(s\) URL/],
    [{ config: { "volatile.uuid": "x" } }, "config.volatile.uuid", /belong to the daemon/],
    [{ config: { "security.protection.delete": "true" } }, "config.security.protection.delete", /deletionProtection/],
    [{ config: { "user.pulumi-creation-token": "x" } }, "config.user.pulumi-creation-token", /reserved/],
    [{ devices: { data: { path: "/data" } } }, "devices.data.type", /needs a "type"/],
    [{ adoptId: "other" }, "adoptId", /names instance "other" but name is "web"/],
    [{ adoptId: "prod/web", project: "dev" }, "adoptId", /project "prod" but project is "dev"/],
    [{ adoptId: "a/b/c" }, "adoptId", /"name" or "project\/name"/],
    [{ stopTimeout: 0 }, "stopTimeout", /./],
    // A property the resource does not have is named in the reason: its value may be a secret.
    [{ imagee: "busybox" }, "", /^imagee: unknown property "imagee" \(did you mean image\?\)$/],
  ])("rejects %j at %s, saying what is allowed", async (change, property, reason) => {
    const result = await check({ name: "web", image: "busybox", ...change });
    expect(result.failures).toContainEqual({ property, reason: expect.stringMatching(reason) });
  });

  it("accepts adoption without an image", async () => {
    expect((await check({ name: "web", adoptId: "web" })).failures).toEqual([]);
    expect((await check({ name: "web", adoptId: "prod/web", project: "prod" })).failures).toEqual([]);
  });

  it("skips values that are unknown during preview", async () => {
    expect((await check({ name: UNKNOWN, image: UNKNOWN, config: { "user.app": UNKNOWN } })).failures).toEqual([]);
  });

  it("validates snapshots: names without '/', ISO expiry, adoptId agreeing with instance and name", async () => {
    const bad = await snapshots.check(
      {},
      { instance: "web", name: "a/b", expiresAt: "tomorrow", adoptId: "web/other", __identity: "x" },
    );
    expect((bad.failures ?? []).map((f) => f.property).sort()).toEqual(["adoptId", "expiresAt", "name"]);
    const good = await snapshots.check(
      {},
      { instance: "web", name: "before upgrade", expiresAt: "2030-01-01T00:00:00Z", __identity: "x" },
    );
    expect(good.failures).toEqual([]);
  });
});

describe("diff", () => {
  const inputs = parse({ name: "web", image: "busybox", config: { "user.app": "web" } });
  const olds = { ...toOutputs(apiInstance(), inputs, ["busybox"]), __identity: "p/s/web" };
  const news = (change: Record<string, unknown> = {}) => ({ ...inputs, ...change, __identity: "p/s/web" });

  it("plans nothing when only daemon-owned keys (volatile.*, image.*) exist besides the inputs", async () => {
    expect(olds.config).toEqual({ "user.app": "web" });
    expect(await instances.diff("web", olds, news())).toMatchObject({ changes: false, replaces: [] });
  });

  it("updates config, devices, profiles, description and state in place", async () => {
    for (const change of [
      { config: { "user.app": "api" } },
      { config: {} },
      { devices: { data: { type: "disk", path: "/d", source: "/s" } } },
      { profiles: ["default", "extra"] },
      { description: "x" },
      { state: "stopped" },
      { deletionProtection: true },
    ]) {
      expect(await instances.diff("web", olds, news(change))).toMatchObject({ changes: true, replaces: [] });
    }
  });

  it("leaves unset profiles, description and deletionProtection alone", async () => {
    const unset = { ...news(), profiles: undefined, description: undefined, deletionProtection: undefined };
    expect(
      await instances.diff(
        "web",
        { ...olds, profiles: ["default", "gpu"], description: "set elsewhere", deletionProtection: true },
        unset,
      ),
    ).toMatchObject({ changes: false });
  });

  it("treats an alias of the image, its fingerprint or a prefix of it as the same image (TF incus#475)", async () => {
    const adopted = { ...olds, image: FINGERPRINT };
    for (const image of ["busybox", FINGERPRINT, FINGERPRINT.slice(0, 12)]) {
      expect(await instances.diff("web", adopted, news({ image }))).toMatchObject({ changes: false });
    }
    expect(await instances.diff("web", olds, news({ image: "alpine" }))).toMatchObject({
      replaces: ["image"],
      deleteBeforeReplace: true,
    });
    expect(await instances.diff("web", olds, news({ image: UNKNOWN }))).toMatchObject({ replaces: ["image"] });
  });

  it("replaces on type, name and project; deletes first only when the name stays in the same project", async () => {
    expect(await instances.diff("web", olds, news({ type: "virtual-machine" }))).toMatchObject({
      replaces: ["type"],
      deleteBeforeReplace: true,
    });
    expect(await instances.diff("web", olds, news({ name: "web2" }))).toMatchObject({
      replaces: ["name"],
      deleteBeforeReplace: false,
    });
    expect(await instances.diff("web", olds, news({ project: "prod" }))).toMatchObject({
      replaces: ["project"],
      deleteBeforeReplace: false,
    });
    expect(await instances.diff("web", olds, news({ project: "default" }))).toMatchObject({ changes: false });
  });

  it("ignores creation-only and provider-only settings", async () => {
    const change = {
      imageServer: "https://images.example",
      imageProtocol: "simplestreams",
      adoptId: "web",
      stopTimeout: 5,
      timeouts: { create: 60 },
    };
    expect(await instances.diff("web", olds, news(change))).toMatchObject({ changes: false });
  });

  it("updates a snapshot's expiry in place and replaces it for anything else", async () => {
    const snapOlds = {
      instance: "web",
      name: "s1",
      project: "default",
      expiresAt: "2030-01-01T00:00:00Z",
      createdAt: "x",
    };
    const snapNews = (change: Record<string, unknown>) => ({
      instance: "web",
      name: "s1",
      expiresAt: "2030-01-01T00:00:00.000Z",
      __identity: "x",
      ...change,
    });
    expect(await snapshots.diff("web/s1", snapOlds, snapNews({}))).toMatchObject({ changes: false });
    expect(await snapshots.diff("web/s1", snapOlds, snapNews({ expiresAt: "2031-01-01T00:00:00Z" }))).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(await snapshots.diff("web/s1", snapOlds, snapNews({ name: "s2" }))).toMatchObject({ replaces: ["name"] });
    expect(await snapshots.diff("web/s1", snapOlds, snapNews({ stateful: true }))).toMatchObject({
      replaces: ["stateful"],
    });
  });
});

describe("instance model", () => {
  it("builds the create body from an alias, a fingerprint or a remote image", () => {
    const local = createBody(
      parse({ name: "web", image: "busybox", deletionProtection: true, config: { "user.a": "1" } }),
      "tok",
    );
    expect(local).toMatchObject({
      name: "web",
      type: "container",
      source: { type: "image", alias: "busybox" },
      start: false,
      config: { "user.a": "1", "user.pulumi-creation-token": "tok", "security.protection.delete": "true" },
    });
    expect(local.profiles).toBeUndefined();
    expect(createBody(parse({ name: "web", image: FINGERPRINT.slice(0, 16), state: "stopped" }), "tok")).toMatchObject({
      source: { type: "image", fingerprint: FINGERPRINT.slice(0, 16) },
      start: false,
    });
    expect(
      createBody(parse({ name: "web", image: "debian/12", imageServer: "https://images.linuxcontainers.org" }), "tok")
        .source,
    ).toEqual({
      type: "image",
      alias: "debian/12",
      server: "https://images.linuxcontainers.org",
      protocol: "simplestreams",
    });
  });

  it("keeps only managed config keys and devices in outputs, and reads the image and protection back", () => {
    const outs = toOutputs(
      apiInstance({
        status: "Stopped",
        devices: { data: { type: "disk", path: "/d", source: "/s" }, other: { type: "none" } },
        config: { ...apiInstance().config, "security.protection.delete": "true" },
      }),
      { config: { "user.app": "x", "user.missing": "y" }, devices: { data: { type: "disk" } } },
    );
    expect(outs.config).toEqual({ "user.app": "web" });
    expect(outs.devices).toEqual({ data: { type: "disk", path: "/d", source: "/s" } });
    expect(outs).toMatchObject({
      state: "stopped",
      status: "Stopped",
      image: FINGERPRINT,
      imageFingerprint: FINGERPRINT,
      deletionProtection: true,
      uuid: "4fd862ba-58d0-4a1c-a8ed-35734fa02415",
      location: undefined,
    });
    expect(JSON.stringify(outs)).not.toContain("volatile.");
    expect(toOutputs(apiInstance(), {}).deletionProtection).toBeUndefined();
    expect(toOutputs(apiInstance(), { deletionProtection: false }).deletionProtection).toBe(false);
  });

  it("writes back everything it does not manage, and removes only what the user stopped managing", () => {
    const current = apiInstance({
      devices: { old: { type: "disk", path: "/o", source: "/o" }, theirs: { type: "none" } },
      profiles: ["default", "gpu"],
      description: "kept",
    });
    const desired = desiredDefinition(
      current,
      parse({ name: "web", image: "busybox", config: { "user.new": "1" }, devices: {}, deletionProtection: true }),
      {
        config: { "user.app": "web" },
        devices: { old: { type: "disk" } },
      },
    );
    const { "user.app": _dropped, ...unmanaged } = current.config;
    expect(desired.config).toStrictEqual({ ...unmanaged, "user.new": "1", "security.protection.delete": "true" });
    expect(desired.config["volatile.uuid"]).toBe(current.config["volatile.uuid"]);
    expect(desired.devices).toEqual({ theirs: { type: "none" } });
    expect(desired.profiles).toEqual(["default", "gpu"]);
    expect(desired.description).toBe("kept");
    expect(writablePart(current).config).not.toBe(current.config);

    const unprotect = desiredDefinition(
      { ...current, config: { ...current.config, "security.protection.delete": "true" } },
      parse({ name: "web", image: "busybox", deletionProtection: false }),
    );
    expect(unprotect.config["security.protection.delete"]).toBeUndefined();
  });

  it("tells the daemon's own bookkeeping (volatile.* keys) from somebody's edit between a read and a write", () => {
    const read = apiInstance();
    const afterFailedStart = apiInstance({
      status: "Stopped",
      config: { ...read.config, "volatile.last_state.power": "STOPPED", "volatile.last_state.ready": "false" },
    });
    expect(onlyDaemonKeysChanged(read, afterFailedStart)).toBe(true);
    expect(onlyDaemonKeysChanged(read, apiInstance({ config: { ...read.config, "user.app": "theirs" } }))).toBe(false);
    expect(onlyDaemonKeysChanged(read, apiInstance({ config: { ...read.config, "limits.cpu": "2" } }))).toBe(false);
    expect(
      onlyDaemonKeysChanged(read, apiInstance({ devices: { data: { type: "disk", path: "/d", source: "/s" } } })),
    ).toBe(false);
    expect(onlyDaemonKeysChanged(read, apiInstance({ profiles: ["default", "gpu"] }))).toBe(false);
    expect(onlyDaemonKeysChanged(read, apiInstance({ description: "edited" }))).toBe(false);
  });

  it.each([
    ["Running", "running", undefined],
    ["Stopped", "stopped", undefined],
    ["Stopped", "running", { action: "start" }],
    ["Frozen", "running", { action: "unfreeze" }],
    ["Running", "stopped", { action: "stop", timeout: 30, force: false }],
    ["Frozen", "stopped", { action: "stop", force: true }],
    ["Error", "running", { action: "start" }],
  ] as const)("from %s to %s sends %j", (status, desired, action) => {
    expect(powerAction(status, desired, 30)).toEqual(action);
  });

  it("formats and parses instance and snapshot ids", () => {
    expect(instanceId("default", "web")).toBe("web");
    expect(instanceId("prod", "web")).toBe("prod/web");
    expect(parseInstanceId("prod/web")).toEqual({ project: "prod", name: "web" });
    expect(parseInstanceId("web")).toEqual({ project: undefined, name: "web" });
    expect(() => parseInstanceId("a/b/c")).toThrow(/not an Incus instance id/);
    expect(snapshotId("default", "web", "s1")).toBe("web/s1");
    expect(snapshotId("prod", "web", "s1")).toBe("prod/web/s1");
    expect(parseSnapshotId("prod/web/before upgrade")).toEqual({
      project: "prod",
      instance: "web",
      name: "before upgrade",
    });
  });

  it("maps snapshots: the zero time means no expiry, and the user's spelling of an instant is kept", () => {
    const base = { name: "s1", created_at: "2026-11-25T00:00:00Z", stateful: false };
    expect(
      toSnapshotOutputs({ ...base, expires_at: "0001-01-01T00:00:00Z" }, "web", "default", {}).expiresAt,
    ).toBeUndefined();
    expect(
      toSnapshotOutputs({ ...base, expires_at: "2030-01-01T00:00:00.000Z" }, "web", "default", {
        expiresAt: "2030-01-01T00:00:00Z",
      }).expiresAt,
    ).toBe("2030-01-01T00:00:00Z");
    expect(sameInstant("2030-01-01T01:00:00+01:00", "2030-01-01T00:00:00Z")).toBe(true);
    expect(sameInstant(undefined, "2030-01-01T00:00:00Z")).toBe(false);
  });

  it("maps operations to camelCase, reading the daemon's nulls as empty objects", () => {
    const info = operationInfo({
      id: "x",
      class: "token",
      description: "d",
      created_at: "c",
      updated_at: "u",
      status: "Running",
      status_code: 103,
      resources: null,
      metadata: null,
      may_cancel: true,
      err: "",
    });
    expect(info).toEqual({
      id: "x",
      class: "token",
      description: "d",
      createdAt: "c",
      updatedAt: "u",
      status: "Running",
      statusCode: 103,
      resources: {},
      metadata: {},
      mayCancel: true,
      err: "",
      location: undefined,
    });
  });
});

describe("lifecycle options", () => {
  it.each([
    [{ snapshotSchedule: { schedule: "every day" } }, "snapshotSchedule.schedule", /cron expression of five fields/],
    [{ snapshotSchedule: { expiry: "7 days" } }, "snapshotSchedule.expiry", /duration such as "7d"/],
    [{ snapshotSchedule: { pattern: "a/b%d" } }, "snapshotSchedule.pattern", /must not contain '\/'/],
    [
      { snapshotSchedule: { schedule: "@daily" }, config: { "snapshots.schedule": "@hourly" } },
      "config.snapshots.schedule",
      /also set by snapshotSchedule.schedule/,
    ],
    [{ imageChangeStrategy: "reset" }, "imageChangeStrategy", /replace, rebuild/],
  ])("rejects %j at %s", async (change, property, reason) => {
    const result = await check({ name: "web", image: "busybox", ...change });
    expect(result.failures).toContainEqual({ property, reason: expect.stringMatching(reason) });
  });

  it("accepts cron lists and aliases, and writes the schedule as snapshots.* config", async () => {
    const schedule = {
      schedule: "0 6,18 * * *, @daily",
      expiry: "1d 12H",
      pattern: "nightly%d",
      scheduleStopped: true,
    };
    expect((await check({ name: "web", image: "busybox", snapshotSchedule: schedule })).failures).toEqual([]);
    const inputs = parse({ name: "web", image: "busybox", snapshotSchedule: schedule });
    expect(createBody(inputs, "t").config).toMatchObject({
      "snapshots.schedule": "0 6,18 * * *, @daily",
      "snapshots.expiry": "1d 12H",
      "snapshots.pattern": "nightly%d",
      "snapshots.schedule.stopped": "true",
    });
  });

  it("reads the schedule back without daemon keys, and removes a field that is dropped", () => {
    const instance = apiInstance({
      config: { ...apiInstance().config, "snapshots.schedule": "@daily", "snapshots.expiry": "7d" },
    });
    const previous = toOutputs(
      instance,
      parse({ name: "web", image: "busybox", snapshotSchedule: { schedule: "@daily", expiry: "7d" } }),
    );
    expect(previous.snapshotSchedule).toEqual({ schedule: "@daily", expiry: "7d" });
    const next = desiredDefinition(
      instance,
      parse({ name: "web", image: "busybox", snapshotSchedule: { schedule: "@daily" } }),
      previous,
    );
    expect(next.config["snapshots.expiry"]).toBeUndefined();
    expect(next.config["snapshots.schedule"]).toBe("@daily");
  });

  it("names the changed keys a running container takes only at start", () => {
    const current = apiInstance({ config: { "limits.kernel.nofile": "4096", "raw.lxc": "x", "user.app": "web" } });
    const desired = {
      ...writablePart(current),
      config: {
        "limits.memory": "1GiB",
        "limits.cpu": "2",
        "user.app": "api",
        "security.privileged": "true",
        "limits.kernel.nofile": "4096",
      },
    };
    expect(keysNeedingRestart("container", current, desired)).toEqual(["raw.lxc", "security.privileged"]);
    expect(keysNeedingRestart("virtual-machine", current, desired)).toEqual([
      "limits.cpu",
      "limits.memory",
      "raw.lxc",
      "security.privileged",
    ]);
  });

  it("plans an image change as a replacement unless imageChangeStrategy is rebuild", async () => {
    const inputs = parse({ name: "web", image: "busybox", config: { "user.app": "web" } });
    const olds = { ...toOutputs(apiInstance(), inputs, ["busybox"]), __identity: "p/s/web" };
    const replace = await instances.diff("web", olds, { ...inputs, image: "alpine", __identity: "p/s/web" });
    expect(replace).toMatchObject({ changes: true, replaces: ["image"] });
    // The rebuild is planned in place; the daemon is asked first (here there is none, so the plan
    // fails once the client's retries are spent: their backoff runs on the fake clock).
    useFakeClock();
    try {
      await expect(
        onFakeClock(
          instances.diff("web", olds, {
            ...inputs,
            image: "alpine",
            imageChangeStrategy: "rebuild",
            __identity: "p/s/web",
          }),
        ),
      ).rejects.toThrow(/incus-unit-test\.socket/);
    } finally {
      jest.useRealTimers();
    }
    // Changing only the options plans nothing.
    const options = { ...inputs, restartOnConfigChange: true, imageChangeStrategy: "rebuild", __identity: "p/s/web" };
    expect(await instances.diff("web", olds, options)).toMatchObject({ changes: false });
  });

  it("records a snapshot's expiry as an input only when the program sets it", () => {
    const snapshot = {
      name: "s0",
      created_at: "2026-11-25T00:00:00Z",
      expires_at: "2026-11-26T00:00:00Z",
      stateful: false,
    };
    const fromDaemon = toSnapshotOutputs(snapshot, "web", "default", {});
    expect(fromDaemon).toMatchObject({ expiresAt: undefined, expiry: "2026-11-26T00:00:00Z" });
    const set = toSnapshotOutputs(snapshot, "web", "default", { expiresAt: "2026-11-26T00:00:00.000Z" });
    expect(set).toMatchObject({ expiresAt: "2026-11-26T00:00:00.000Z", expiry: "2026-11-26T00:00:00Z" });
  });
});

describe("snapshot series (retain)", () => {
  it.each([
    [{ trigger: "d1" }, "trigger", /only applies together with retain/],
    [{ retain: 0 }, "retain", /./],
    [{ retain: 2, expiresAt: "2030-01-01T00:00:00Z" }, "expiresAt", /cannot be combined with retain/],
    [{ retain: 2, adoptId: "web/s" }, "adoptId", /cannot be combined with retain/],
  ])("rejects %j at %s", async (change, property, reason) => {
    const result = await snapshots.check({}, { instance: "web", name: "s", ...change, __identity: "x" });
    expect(result.failures).toContainEqual({ property, reason: expect.stringMatching(reason) });
  });

  it("numbers the series after the highest number it holds, ignoring other names", () => {
    expect(lastNumber("nightly", [])).toBe(0);
    expect(lastNumber("nightly", ["nightly-2", "nightly-10", "nightly-x", "other-40"])).toBe(10);
    expect(memberName("nightly", 11)).toBe("nightly-11");
  });

  it("plans a trigger change and a lower retain in place, and switching to or from a series as a replacement", async () => {
    const olds = {
      instance: "web",
      name: "nightly",
      retain: 2,
      trigger: "d1",
      project: "default",
      createdAt: "2026-11-25T00:00:00Z",
      snapshots: ["nightly-1"],
      __identity: "x",
    };
    const news = (change: Record<string, unknown>) => ({
      instance: "web",
      name: "nightly",
      retain: 2,
      trigger: "d1",
      ...change,
      __identity: "x",
    });
    expect(await snapshots.diff("web/nightly", olds, news({ trigger: "d2" }))).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(await snapshots.diff("web/nightly", olds, news({ retain: 1 }))).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(await snapshots.diff("web/nightly", olds, news({ retain: undefined, trigger: undefined }))).toMatchObject({
      replaces: ["retain"],
    });
  });
});
