/**
 * The Koyeb functions against the emulator: every page of instances and events, filters, typed
 * results, exec with stdout/stderr/stdin and a non-zero exit code, error frames as errors with their
 * code, the socket closed on timeout (seen from a real websocket server), and argument errors
 * before any call. The token never appears in error messages.
 */
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { KOYEB_APP, KOYEB_SERVICES } from "../../src/emulator/koyeb";
import { AuthError, NotFoundError, WaitTimeoutError } from "../../src/core/errors";
import { KoyebExecError } from "../../src/koyeb/exec";
import {
  execKoyebInstance,
  getKoyebInstance,
  listKoyebInstanceEvents,
  listKoyebInstances,
} from "../../src/koyeb/functions";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

describe("Koyeb functions", () => {
  let emulator: TestEmulator;
  const saved = { ...process.env };

  beforeAll(async () => {
    emulator = await startTestEmulator();
    Object.assign(process.env, emulator.env);
  });
  afterAll(async () => {
    process.env = saved;
    await emulator?.close();
  });
  beforeEach(() => emulator.clearCalls());

  it("lists every instance across pages of pageSize", async () => {
    const instances = await listKoyebInstances({ pageSize: 5 });
    expect(instances).toHaveLength(22);
    expect(new Set(instances.map((i) => i.id)).size).toBe(22);
    const offsets = (await emulator.calls()).map((c) => new URLSearchParams(c.query).get("offset"));
    expect(offsets).toEqual(["0", "5", "10", "15", "20"]);
  });

  it("filters by app, service, statuses, order and time window, with typed results", async () => {
    const web = await listKoyebInstances({
      appId: KOYEB_APP.id,
      serviceId: KOYEB_SERVICES.web.id,
      statuses: ["HEALTHY", "UNHEALTHY"],
      order: "asc",
      pageSize: 2,
    });
    expect(web.map((i) => i.status).sort()).toEqual(["HEALTHY", "HEALTHY", "HEALTHY", "HEALTHY", "UNHEALTHY"]);
    expect(web[0]).toMatchObject({
      appId: KOYEB_APP.id,
      serviceId: KOYEB_SERVICES.web.id,
      region: expect.stringMatching(/^(fra|was)$/),
      replicaIndex: expect.any(Number),
      deploymentId: expect.any(String),
      messages: expect.any(Array),
    });
    const [first] = (await emulator.calls()).filter((c) => c.path === "/v1/instances");
    expect(new URLSearchParams(first.query).getAll("statuses")).toEqual(["HEALTHY", "UNHEALTHY"]);
    const early = await listKoyebInstances({
      startingTime: new Date("2026-03-01T09:00:00Z"),
      endingTime: "2026-03-01T09:00:00Z",
    });
    expect(early).toHaveLength(6);
  });

  it("gets one instance with the details only GetInstance has", async () => {
    const [item] = await listKoyebInstances({ statuses: ["SLEEPING"] });
    const instance = await getKoyebInstance({ id: item.id });
    expect(instance).toMatchObject({
      id: item.id,
      status: "SLEEPING",
      hypervisor: expect.stringMatching(/^hv-/),
      startedAt: expect.any(String),
    });
    await expect(getKoyebInstance({ id: "missing" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getKoyebInstance({ id: "missing" })).rejects.toThrow(
      /koyeb getInstance failed: HTTP 404 \[not_found\] - Instance not found \(request id /,
    );
  });

  it("lists every event across pages, filtered by instance and type", async () => {
    const all = await listKoyebInstanceEvents({ pageSize: 30 });
    expect(all.length).toBeGreaterThan(90);
    expect((await emulator.calls()).length).toBe(Math.ceil(all.length / 30));
    const [stopped] = await listKoyebInstances({ statuses: ["STOPPED"] });
    const events = await listKoyebInstanceEvents({
      instanceIds: [stopped.id],
      types: ["started", "stopped"],
      order: "asc",
      pageSize: 1,
    });
    expect(events.map((e) => [e.type, e.instanceId])).toEqual([
      ["started", stopped.id],
      ["stopped", stopped.id],
    ]);
  });

  it("runs commands: stdout, stderr, stdin and a non-zero exit code are results", async () => {
    const [healthy] = await listKoyebInstances({ statuses: ["HEALTHY"] });
    expect(await execKoyebInstance({ instanceId: healthy.id, command: ["echo", "hello"] })).toEqual({
      ran: true,
      stdout: "hello\n",
      stderr: "",
      exitCode: 0,
    });
    expect(
      await execKoyebInstance({ instanceId: healthy.id, command: ["cat"], stdin: "line one\nline two\n" }),
    ).toEqual({ ran: true, stdout: "line one\nline two\n", stderr: "", exitCode: 0 });
    expect(
      await execKoyebInstance({
        instanceId: healthy.id,
        command: "printenv KOYEB_INSTANCE_ID && echo nope >&2; exit 42",
      }),
    ).toEqual({ ran: true, stdout: `${healthy.id}\n`, stderr: "nope\n", exitCode: 42 });
    expect(await execKoyebInstance({ instanceId: healthy.id, command: ["ls", "/"] })).toEqual({
      ran: true,
      stdout: "",
      stderr: "sh: ls: not found\n",
      exitCode: 127,
    });
  });

  it("turns error frames into errors with their gRPC code and message", async () => {
    const [stopped] = await listKoyebInstances({ statuses: ["STOPPED"] });
    const refused = await execKoyebInstance({ instanceId: stopped.id, command: ["env"] }).catch((error) => error);
    expect(refused).toBeInstanceOf(KoyebExecError);
    expect(refused).toMatchObject({ grpcCode: 9, vendorCode: "FAILED_PRECONDITION" });
    expect(refused.message).toContain(`instance ${stopped.id} is STOPPED: exec needs a running instance`);
    const unknown = await execKoyebInstance({ instanceId: "no-such-instance", command: ["env"] }).catch(
      (error) => error,
    );
    expect(unknown).toMatchObject({ grpcCode: 5, vendorCode: "NOT_FOUND" });
  });

  it("rejects a wrong token at the handshake as AuthError without printing the token", async () => {
    const [healthy] = await listKoyebInstances({ statuses: ["HEALTHY"] });
    process.env.KOYEB_TOKEN = "a-wrong-token-0123456789";
    try {
      const error = await execKoyebInstance({ instanceId: healthy.id, command: ["env"] }).catch((e) => e);
      expect(error).toBeInstanceOf(AuthError);
      expect(error.message).toMatch(/koyeb execCommand failed: HTTP 401 \[unauthenticated\]/);
      expect(error.message).not.toContain("a-wrong-token-0123456789");
    } finally {
      process.env.KOYEB_TOKEN = emulator.env.KOYEB_TOKEN;
    }
  });

  it("closes the socket when the command does not exit in time", async () => {
    // A real websocket server that accepts the session and never answers.
    const server = new WebSocketServer({ port: 0, host: "127.0.0.1", handleProtocols: () => "Bearer" });
    const closed = new Promise<number>((resolve) =>
      server.on("connection", (socket) => socket.on("close", (code) => resolve(code))),
    );
    await new Promise((resolve) => server.once("listening", resolve));
    process.env.KOYEB_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const started = Date.now();
      const error = await execKoyebInstance({ instanceId: "i-1", command: ["sleep", "60"], timeout: 0.3 }).catch(
        (e) => e,
      );
      expect(error).toBeInstanceOf(WaitTimeoutError);
      expect(error.message).toContain("did not exit within 0.3s; the stream was closed");
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await closed).toBeGreaterThan(0);
    } finally {
      process.env.KOYEB_API_URL = emulator.env.KOYEB_API_URL;
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("rejects bad arguments before any call, naming them", async () => {
    await expect(listKoyebInstances({ statuses: ["RUNNING" as never] })).rejects.toThrow(
      "listKoyebInstances: invalid arguments: statuses[0]: must be one of ALLOCATING, STARTING, HEALTHY, UNHEALTHY, STOPPING, STOPPED, ERROR, SLEEPING",
    );
    await expect(listKoyebInstances({ pageSize: 1000 })).rejects.toThrow(/pageSize: /);
    await expect(listKoyebInstanceEvents({ order: "sideways" as never })).rejects.toThrow(
      'order: must be "asc" or "desc"',
    );
    await expect(execKoyebInstance({ instanceId: "", command: [] })).rejects.toThrow(
      /instanceId: must not be empty; command: must name a command/,
    );
    await expect(getKoyebInstance({ id: "x", extra: 1 } as never)).rejects.toThrow(
      "getKoyebInstance: invalid arguments: extra: unknown argument; allowed: id",
    );
    expect(await emulator.calls()).toEqual([]);
  });
});
