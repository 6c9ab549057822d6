/**
 * Every emulated Koyeb route's responses validated against Koyeb's spec
 * (test/fixtures/koyeb.json): lists, get, events, the Error/ErrorWithFields bodies, and the
 * exec stream's frames against ExecCommand's "Stream result of ExecCommandReply".
 */
import WebSocket from "ws";
import { KOYEB_APP, KOYEB_SERVICES } from "../../src/emulator/koyeb";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { OpenApiSpec } from "../helpers/openapi";

const spec = new OpenApiSpec("koyeb.json");

describe("emulated Koyeb API against the vendor spec", () => {
  let emulator: TestEmulator;
  const get = async (path: string, token = emulator.env.KOYEB_TOKEN) => {
    const response = await fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as any };
  };
  const valid = async (path: string, status = 200): Promise<any> => {
    const response = await get(path);
    expect(response.status).toBe(status);
    expect(spec.validateResponse("GET", path.split("?")[0], response.status, response.body)).toEqual([]);
    return response.body;
  };

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it("ListInstances: default page, filters, order and the time window", async () => {
    const first = await valid("/v1/instances");
    expect(first).toMatchObject({ limit: 10, offset: 0, order: "desc", count: 22 });
    expect(first.instances).toHaveLength(10);
    const last = await valid("/v1/instances?limit=10&offset=20");
    expect(last.instances).toHaveLength(2);
    const web = await valid(
      `/v1/instances?service_id=${KOYEB_SERVICES.web.id}&statuses=HEALTHY&statuses=UNHEALTHY&limit=100&order=asc`,
    );
    expect(web.count).toBe(5);
    expect(
      web.instances.every(
        (i: { service_id: string; app_id: string }) =>
          i.service_id === KOYEB_SERVICES.web.id && i.app_id === KOYEB_APP.id,
      ),
    ).toBe(true);
    const replica = await valid(
      `/v1/instances?deployment_id=${web.instances[0].xyz_deployment_id}&replica_index=0&limit=100`,
    );
    expect(replica.count).toBe(2);
    // Running at 09:00 on day one: web v1 (2) and worker v1 (4).
    const early = await valid(
      "/v1/instances?starting_time=2026-03-01T09:00:00Z&ending_time=2026-03-01T09:00:00Z&limit=100",
    );
    expect(early.count).toBe(6);
  });

  it("GetInstance: the full instance, without emulator-only fields", async () => {
    const [item] = (await valid("/v1/instances?limit=1&statuses=HEALTHY")).instances;
    const { instance } = await valid(`/v1/instances/${item.id}`);
    expect(instance).toMatchObject({
      id: item.id,
      status: "HEALTHY",
      hypervisor: expect.any(String),
      started_at: expect.any(String),
    });
    expect(instance.env).toBeUndefined();
  });

  it("instances, list items and events carry the spec's keys in its order (protobuf field order)", async () => {
    const all = (await valid("/v1/instances?limit=100")).instances;
    for (const item of all) expect(spec.keyProblems("InstanceListItem", item, { ordered: true })).toEqual([]);
    // succeeded_at and terminated_at are sent once the instance got there (a running one has neither);
    // no recording shows whether the live API sends null for them instead.
    const mayOmit = ["succeeded_at", "terminated_at"];
    const statuses = new Set<string>();
    for (const item of all) {
      const { instance } = await valid(`/v1/instances/${item.id}`);
      expect(spec.keyProblems("Instance", instance, { ordered: true, mayOmit })).toEqual([]);
      if (instance.succeeded_at && instance.terminated_at) statuses.add("both");
      statuses.add(instance.status);
    }
    expect([...statuses].sort()).toEqual(["ERROR", "HEALTHY", "SLEEPING", "STOPPED", "UNHEALTHY", "both"]);
    for (const event of (await valid("/v1/instance_events?limit=100")).events)
      expect(spec.keyProblems("InstanceEvent", event, { ordered: true })).toEqual([]);
  });

  it("ListInstanceEvents: pages with has_next, filtered by instance and type", async () => {
    const page = await valid("/v1/instance_events?limit=50");
    expect(page).toMatchObject({ limit: 50, offset: 0, has_next: true });
    const [item] = (await valid("/v1/instances?limit=1&statuses=STOPPED")).instances;
    const events = await valid(`/v1/instance_events?instance_ids=${item.id}&order=asc&limit=100`);
    expect(events.events.map((e: { type: string }) => e.type)).toEqual([
      "scheduled",
      "allocated",
      "started",
      "healthy",
      "stopping",
      "stopped",
    ]);
    expect(events.has_next).toBe(false);
    const stopped = await valid("/v1/instance_events?types=stopped&limit=100");
    expect(stopped.events.length).toBe(11);
  });

  it("answers Error and ErrorWithFields bodies", async () => {
    const missing = await get("/v1/instances/nope");
    expect(missing).toMatchObject({ status: 404, body: { status: 404, code: "not_found" } });
    expect(spec.validateResponse("GET", "/v1/instances/nope", 404, missing.body)).toEqual([]);
    const invalid = await get("/v1/instances?limit=0&statuses=RUNNING&order=up");
    expect(invalid.status).toBe(400);
    expect(spec.validateResponse("GET", "/v1/instances", 400, invalid.body)).toEqual([]);
    expect(invalid.body.fields.map((f: { field: string }) => f.field)).toEqual(["limit", "order"]);
    const unknownStatus = await get("/v1/instances?statuses=RUNNING");
    expect(unknownStatus.body.fields[0]).toMatchObject({ field: "statuses" });
    const denied = await get("/v1/instance_events", "wrong-token");
    expect(denied).toMatchObject({ status: 401, body: { status: 401 } });
    expect(spec.validateResponse("GET", "/v1/instance_events", 401, denied.body)).toEqual([]);
  });

  it("exec frames match the ExecCommand stream schema", async () => {
    const [item] = (await valid("/v1/instances?limit=1&statuses=HEALTHY")).instances;
    const frames: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(`${emulator.url.replace("http", "ws")}/v1/streams/instances/exec?id=${item.id}`, [
        "Bearer",
        emulator.env.KOYEB_TOKEN,
      ]);
      socket.on("open", () => {
        socket.send(JSON.stringify({ body: { command: ["sh", "-c", "echo out; echo err >&2; exit 2"] } }));
        socket.send(JSON.stringify({ body: { stdin: { close: true } } }));
      });
      socket.on("message", (data) => frames.push(JSON.parse((data as Buffer).toString())));
      socket.on("close", () => resolve());
      socket.on("error", reject);
    });
    expect(frames).toEqual([
      { result: { stdout: { data: Buffer.from("out\n").toString("base64") }, exited: false } },
      { result: { stderr: { data: Buffer.from("err\n").toString("base64") }, exited: false } },
      { result: { exited: true, exit_code: 2 } },
    ]);
    for (const frame of frames)
      expect(spec.validateResponse("GET", "/v1/streams/instances/exec", 200, frame)).toEqual([]);
  });
});
