/**
 * The emulated Exoscale API against the vendor's OpenAPI spec: every route's request and response
 * bodies validate against its shapes in test/fixtures/exoscale-v2.json, preconditions answer the API's
 * 400/403/404 with a `{"message"}` body naming the field, and EXO2 signatures are enforced (tampered,
 * expired, unknown key, unsigned query → 403).
 */
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { OpenApiSpec } from "../helpers/openapi";
import { authorizationHeader, expiryFromNow } from "../../src/exoscale/signer";
import { TEMPLATES, INSTANCE_TYPES } from "../../src/emulator/exoscale/seed";

const spec = new OpenApiSpec("exoscale-v2.json", "/v2");
const UBUNTU = TEMPLATES[0].id;
const typeId = (name: string) => INSTANCE_TYPES.find((t) => `${t.family}.${t.size}` === name)!.id;

/**
 * Keys of the spec's `instance` the emulator has no value for. The API leaves unset fields out rather
 * than sending null; everything else must be there (the instance under test sets labels, user data,
 * SSH keys and a dual-stack IP, so none of those may be missing).
 */
const UNSET_INSTANCE_FIELDS = [
  "/manager",
  "/deploy-target",
  "/instance-type/gpus",
  "/template/application-consistent-snapshot-enabled",
  "/template/checksum",
  "/template/url",
];

interface Answer {
  status: number;
  body: any;
}

describe("emulated Exoscale API v2", () => {
  let emulator: TestEmulator;
  let key: string;
  let secret: string;
  const checked = new Set<string>();

  /** A signed request; the response (and the request body) must match the spec. */
  async function call(
    method: string,
    path: string,
    body?: unknown,
    query: Record<string, string> = {},
    sign: (header: string) => string = (h) => h,
  ): Promise<Answer> {
    const url = new URL(`${emulator.url}/v2${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.append(name, value);
    const text = body === undefined ? undefined : JSON.stringify(body);
    const header = authorizationHeader(
      key,
      secret,
      { method, path: url.pathname, body: text, query: url.searchParams },
      expiryFromNow(),
    );
    const response = await fetch(url, {
      method,
      body: text,
      headers: { authorization: sign(header), ...(text ? { "content-type": "application/json" } : {}) },
    });
    const answer = { status: response.status, body: await response.json() };
    if (answer.status === 200) {
      expect(spec.validateResponse(method, url.pathname, 200, answer.body)).toEqual([]);
      if (body !== undefined) expect(spec.validateRequest(method, url.pathname, body)).toEqual([]);
      checked.add(`${method} ${spec.templateFor(method, url.pathname)}`);
    } else {
      expect(answer.body).toEqual({ message: expect.any(String) });
    }
    return answer;
  }

  /** Runs a mutation and waits for its operation; returns the final operation. */
  async function act(method: string, path: string, body?: unknown): Promise<any> {
    const started = await call(method, path, body);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({
      id: expect.any(String),
      state: "pending",
      reference: { id: expect.any(String) },
    });
    for (;;) {
      const op = await call("GET", `/operation/${started.body.id}`);
      if (op.body.state !== "pending") return op.body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 30 });
    key = emulator.env.EXOSCALE_API_KEY;
    secret = emulator.env.EXOSCALE_API_SECRET;
  });
  afterAll(() => emulator?.close());

  it("serves the catalogue: zones, instance types and the named public templates", async () => {
    const zones = await call("GET", "/zone");
    expect(zones.body.zones.map((z: { name: string }) => z.name)).toEqual(
      expect.arrayContaining(["ch-gva-2", "ch-dk-2", "de-fra-1", "de-muc-1", "at-vie-1", "at-vie-2", "bg-sof-1"]),
    );
    const types = await call("GET", "/instance-type");
    const names = types.body["instance-types"].map((t: { family: string; size: string }) => `${t.family}.${t.size}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "standard.micro",
        "standard.tiny",
        "standard.small",
        "standard.medium",
        "standard.large",
        "standard.extra-large",
        "cpu.huge",
        "memory.mega",
      ]),
    );
    expect((await call("GET", `/instance-type/${typeId("standard.medium")}`)).body).toMatchObject({
      family: "standard",
      size: "medium",
      cpus: 2,
      memory: 4 * 1024 ** 3,
    });
    const templates = await call("GET", "/template", undefined, { visibility: "public" });
    expect(templates.body.templates.map((t: { name: string }) => t.name)).toEqual([
      "Linux Ubuntu 22.04 LTS 64-bit",
      "Linux Ubuntu 24.04 LTS 64-bit",
      "Linux Debian 12 (Bookworm) 64-bit",
    ]);
    expect((await call("GET", `/template/${UBUNTU}`)).body.id).toBe(UBUNTU);
  });

  it("runs an instance through every operation with responses that match the spec", async () => {
    const created = await act("POST", "/instance", {
      name: "contract-1",
      "instance-type": { id: typeId("standard.small") },
      template: { id: UBUNTU },
      "disk-size": 20,
      labels: { env: "test" },
      "user-data": Buffer.from("#cloud-config\n").toString("base64"),
      "public-ip-assignment": "dual",
      "ssh-keys": [{ name: "alice" }],
      "security-groups": [{ id: "9d2f7a4e-5b1c-4e0a-8f3d-2c6b7a1e0f55" }],
    });
    expect(created).toMatchObject({
      state: "success",
      reference: { id: expect.any(String), link: expect.stringContaining("/v2/instance/"), command: "get-instance" },
    });
    const id = created.reference.id;
    const instance = (await call("GET", `/instance/${id}`)).body;
    expect(instance).toMatchObject({
      id,
      name: "contract-1",
      state: "running",
      "disk-size": 20,
      labels: { env: "test" },
      "instance-type": { family: "standard", size: "small" },
      template: { id: UBUNTU },
    });
    expect(instance["ipv6-address"]).toMatch(/^2a04:/);
    expect(spec.keyProblems("instance", instance, { mayOmit: UNSET_INSTANCE_FIELDS })).toEqual([]);

    for (const [name, value] of Object.entries({ labels: "env=test", "ip-address": instance["public-ip"] })) {
      expect(
        (await call("GET", "/instance", undefined, { [name]: value })).body.instances.map((i: { id: string }) => i.id),
      ).toEqual([id]);
    }
    expect((await call("GET", "/instance", undefined, { labels: "env=prod" })).body.instances).toEqual([]);
    expect((await call("GET", "/instance", undefined, { "manager-type": "instance-pool" })).body.instances).toEqual([]);
    expect(
      (await call("GET", "/instance", undefined, { "manager-id": "9d2f7a4e-5b1c-4e0a-8f3d-2c6b7a1e0f55" })).body
        .instances,
    ).toEqual([]);

    await act("PUT", `/instance/${id}`, {
      name: "contract-2",
      labels: { env: "prod" },
      "public-ip-assignment": "inet4",
    });
    expect((await call("GET", `/instance/${id}`)).body).toMatchObject({
      name: "contract-2",
      labels: { env: "prod" },
      "public-ip-assignment": "inet4",
    });
    await act("DELETE", `/instance/${id}/labels`);
    expect((await call("GET", `/instance/${id}`)).body.labels).toBeUndefined();

    await act("PUT", `/instance/${id}:reboot`);
    const password = (await call("GET", `/instance/${id}:password`)).body.password;
    expect(password).toEqual(expect.any(String));
    await act("PUT", `/instance/${id}:reset-password`);
    expect((await call("GET", `/instance/${id}:password`)).body.password).not.toBe(password);

    const snapshot = await act("POST", `/instance/${id}:create-snapshot`);
    expect(snapshot.reference.command).toBe("get-snapshot");
    const snapshotId = snapshot.reference.id;
    expect((await call("GET", `/snapshot/${snapshotId}`)).body).toMatchObject({
      id: snapshotId,
      state: "ready",
      size: 20,
      instance: { id },
    });
    expect(
      spec.keyProblems("snapshot", (await call("GET", `/snapshot/${snapshotId}`)).body, {
        mayOmit: ["/export", "/instance/*"],
      }),
    ).toEqual([]);
    expect((await call("GET", "/snapshot")).body.snapshots.map((s: { id: string }) => s.id)).toContain(snapshotId);
    expect((await call("GET", `/instance/${id}`)).body.snapshots).toEqual([{ id: snapshotId }]);

    await act("PUT", `/instance/${id}:stop`);
    expect((await call("GET", `/instance/${id}`)).body.state).toBe("stopped");
    await act("PUT", `/instance/${id}:scale`, { "instance-type": { id: typeId("standard.medium") } });
    await act("PUT", `/instance/${id}:resize-disk`, { "disk-size": 30 });
    await act("POST", `/instance/${id}:enable-tpm`);
    await act("POST", `/instance/${id}:revert-snapshot`, { id: snapshotId });
    await act("PUT", `/instance/${id}:reset`, { template: { id: TEMPLATES[2].id }, "disk-size": 40 });
    expect((await call("GET", `/instance/${id}`)).body).toMatchObject({
      state: "stopped",
      "disk-size": 40,
      "tpm-enabled": true,
      "instance-type": { size: "medium" },
      template: { id: TEMPLATES[2].id },
    });
    await act("PUT", `/instance/${id}:start`, {});
    expect((await call("GET", `/instance/${id}`)).body.state).toBe("running");

    const console = (await call("GET", `/console/${id}`)).body;
    expect(console.url).toMatch(new RegExp(`^wss://.*/console-proxy/${id}\\?expires=\\d+&signature=`));

    await act("PUT", `/instance/${id}:add-protection`);
    const refused = await call("DELETE", `/instance/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/protected/);
    await act("PUT", `/instance/${id}:remove-protection`);

    await act("DELETE", `/snapshot/${snapshotId}`);
    expect((await call("GET", `/snapshot/${snapshotId}`)).status).toBe(404);
    await act("POST", `/instance/${id}:create-snapshot`);
    await act("DELETE", `/instance/${id}`);
    expect((await call("GET", `/instance/${id}`)).status).toBe(404);
    // An instance's snapshots go with it.
    expect((await call("GET", "/snapshot")).body.snapshots).toEqual([]);
  });

  it("answers GET /organization with the signing key's organization, each with an id of its own", async () => {
    const first = (await call("GET", "/organization")).body;
    [key, secret] = [emulator.env.EXOSCALE_EMULATOR_SECOND_API_KEY, emulator.env.EXOSCALE_EMULATOR_SECOND_API_SECRET];
    try {
      const second = (await call("GET", "/organization")).body;
      expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(second.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(second.id).not.toBe(first.id);
      // Stable: the same key gets the same organization again.
      expect((await call("GET", "/organization")).body.id).toBe(second.id);
    } finally {
      [key, secret] = [emulator.env.EXOSCALE_API_KEY, emulator.env.EXOSCALE_API_SECRET];
    }
  });

  it("covers every compute instance route and the lookups", () => {
    const expected = [
      "GET /console/{id}",
      "POST /instance",
      "GET /instance",
      "DELETE /instance/{id}",
      "PUT /instance/{id}",
      "GET /instance/{id}",
      "DELETE /instance/{id}/{field}",
      "PUT /instance/{id}:add-protection",
      "POST /instance/{id}:create-snapshot",
      "POST /instance/{id}:enable-tpm",
      "GET /instance/{id}:password",
      "PUT /instance/{id}:reboot",
      "PUT /instance/{id}:remove-protection",
      "PUT /instance/{id}:reset",
      "PUT /instance/{id}:reset-password",
      "PUT /instance/{id}:resize-disk",
      "PUT /instance/{id}:scale",
      "PUT /instance/{id}:start",
      "PUT /instance/{id}:stop",
      "POST /instance/{instance-id}:revert-snapshot",
      "GET /operation/{id}",
      "GET /snapshot",
      "GET /snapshot/{id}",
      "DELETE /snapshot/{id}",
      "GET /instance-type",
      "GET /instance-type/{id}",
      "GET /template",
      "GET /template/{id}",
      "GET /zone",
      "GET /organization",
    ];
    expect([...checked].sort()).toEqual(expected.sort());
  });

  describe("preconditions answer like the API, naming the field", () => {
    let id: string;
    beforeAll(async () => {
      id = (
        await act("POST", "/instance", {
          "instance-type": { id: typeId("standard.micro") },
          template: { id: UBUNTU },
          "disk-size": 20,
        })
      ).reference.id;
    });

    it.each([
      ["start of a running instance", "PUT", ":start", {}, 400, /already running/],
      [
        "scale of a running instance",
        "PUT",
        ":scale",
        { "instance-type": { id: typeId("standard.small") } },
        400,
        /must be stopped, got running/,
      ],
      ["resize of a running instance", "PUT", ":resize-disk", { "disk-size": 30 }, 400, /must be stopped, got running/],
      [
        "a disk shrink",
        "PUT",
        ":resize-disk",
        { "disk-size": 10 },
        400,
        /^Invalid parameter disk-size: disks can only grow/,
      ],
      ["a disk beyond the maximum", "PUT", ":resize-disk", { "disk-size": 60000 }, 400, /^Invalid parameter disk-size/],
      [
        "an unknown instance type",
        "PUT",
        ":scale",
        { "instance-type": { id: "00000000-0000-4000-8000-000000000000" } },
        404,
        /Instance type .* not found/,
      ],
      ["TPM on a running instance", "POST", ":enable-tpm", undefined, 400, /must be stopped/],
      [
        "a revert to an unknown snapshot",
        "POST",
        ":revert-snapshot",
        { id: "00000000-0000-4000-8000-000000000000" },
        404,
        /Snapshot .* not found/,
      ],
    ])("rejects %s", async (_what, method, action, body, status, message) => {
      const answer = await call(method, `/instance/${id}${action}`, body);
      expect(answer.status).toBe(status);
      expect(answer.body.message).toMatch(message);
    });

    it("rejects a stop of a stopped instance", async () => {
      await act("PUT", `/instance/${id}:stop`);
      const answer = await call("PUT", `/instance/${id}:stop`);
      expect(answer).toEqual({ status: 400, body: { message: expect.stringMatching(/must be running, got stopped/) } });
    });

    it.each([
      [
        "without disk-size",
        { "instance-type": { id: typeId("standard.micro") }, template: { id: UBUNTU } },
        /disk-size/,
      ],
      [
        "with a disk below 10 GiB",
        { "instance-type": { id: typeId("standard.micro") }, template: { id: UBUNTU }, "disk-size": 5 },
        /disk-size/,
      ],
      [
        "with user data that is not base64",
        {
          "instance-type": { id: typeId("standard.micro") },
          template: { id: UBUNTU },
          "disk-size": 10,
          "user-data": "#!/bin/sh",
        },
        /user-data/,
      ],
      [
        "with an unknown public IP assignment",
        {
          "instance-type": { id: typeId("standard.micro") },
          template: { id: UBUNTU },
          "disk-size": 10,
          "public-ip-assignment": "ipv6",
        },
        /public-ip-assignment/,
      ],
      ["without a template", { "instance-type": { id: typeId("standard.micro") }, "disk-size": 10 }, /template\.id/],
    ])("rejects a create %s", async (_what, body, field) => {
      const answer = await call("POST", "/instance", body);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(field);
    });

    it("answers 404 for unknown ids and routes, 400 for malformed ids", async () => {
      expect((await call("GET", "/instance/00000000-0000-4000-8000-000000000000")).status).toBe(404);
      expect((await call("GET", "/instance/web-1")).body.message).toMatch(/^Invalid parameter id/);
      expect((await call("GET", "/no-such-thing")).status).toBe(404);
      expect((await call("DELETE", `/instance/${id}/name`)).body.message).toMatch(/cannot be reset/);
    });
  });

  describe("request signatures", () => {
    it.each([
      ["a tampered signature", (h: string) => h.replace(/signature=./, "signature=A"), /Invalid request signature/],
      [
        "an unknown key",
        (h: string) => h.replace(/credential=[^,]+/, "credential=EXOunknownkey000000000000"),
        /Invalid API key/,
      ],
      ["an expired signature", (h: string) => h.replace(/expires=\d+/, "expires=1000000000"), /Request expired/],
      ["no EXO2 header", () => "Bearer something", /Missing or malformed Authorization/],
    ])("rejects %s with 403", async (_what, sign, message) => {
      const answer = await call("GET", "/instance", undefined, {}, sign);
      expect(answer.status).toBe(403);
      expect(answer.body.message).toMatch(message);
    });

    it("rejects a request whose body was changed after signing", async () => {
      const header = authorizationHeader(
        key,
        secret,
        { method: "POST", path: "/v2/instance", body: '{"disk-size":10}' },
        expiryFromNow(),
      );
      const response = await fetch(`${emulator.url}/v2/instance`, {
        method: "POST",
        body: '{"disk-size":50}',
        headers: { authorization: header, "content-type": "application/json" },
      });
      expect(response.status).toBe(403);
    });

    it("rejects query parameters that were not signed", async () => {
      const header = authorizationHeader(key, secret, { method: "GET", path: "/v2/instance" }, expiryFromNow());
      const response = await fetch(`${emulator.url}/v2/instance?labels=env`, { headers: { authorization: header } });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ message: expect.stringMatching(/labels are not signed/) });
    });
  });
});
