/**
 * The Exoscale providers against the emulator, on the paths the engine tests cannot reach easily:
 * a lost create response is adopted (no duplicate), a failed create operation is cleaned up (no
 * orphan), a failure after creation keeps the instance in state, transitional states are waited
 * out, operation failures carry the vendor's reason and message, errors carry status and request
 * id, deleting a snapshot of a deleted instance succeeds, and check makes no API call.
 */
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { ExoscaleClient } from "../../src/exoscale/client";
import { Instance, InstanceSnapshot } from "../../src/exoscale/providers";
import { FAIL_LABEL } from "../../src/emulator/exoscale/operations";
import { AdoptionMismatchError, AuthError, InvalidArgumentsError, OperationFailedError } from "../../src/core/errors";
import { uuidOf } from "../../src/exoscale/schema";
import {
  getExoscaleConsoleUrl,
  getExoscaleInstance,
  listExoscaleInstances,
  revealExoscaleInstancePassword,
} from "../../src/exoscale/functions";

const BASE = {
  zone: "ch-gva-2",
  name: "web",
  instanceType: "standard.small",
  template: "Linux Ubuntu 22.04 LTS 64-bit",
  diskSize: 10,
  state: "running",
};

describe("Exoscale providers against the emulator", () => {
  let emulator: TestEmulator;
  let client: ExoscaleClient;
  let identity = 0;
  const inputs = (extra: Record<string, unknown> = {}) => ({
    ...BASE,
    ...extra,
    __identity: `proj/stack/web-${identity++}`,
  });
  const live = async () =>
    Object.values<{ id: string; name: string; state: string }>((await emulator.state()).exoscale.instances);

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 50 });
    Object.assign(process.env, emulator.env, { DYNAMIC_COMPUTE_QUIET: "1" });
    client = ExoscaleClient.forZone("ch-gva-2");
  });
  afterAll(() => emulator?.close());
  beforeEach(async () => {
    await emulator.clearFaults();
    await emulator.clearCalls();
  });

  it("checks inputs without any API call", async () => {
    const result = await Instance.check!({}, { ...BASE, diskSize: 9, __identity: "p/s/x" });
    expect(result.failures).toEqual([{ property: "diskSize", reason: "must be at least 10 GiB" }]);
    expect(await emulator.calls()).toEqual([]);
  });

  it("adopts the instance when the create response is lost, instead of creating a duplicate", async () => {
    await emulator.addFault({ match: { method: "POST", path: "/v2/instance" }, fault: "lost-response" });
    const created = await Instance.create(inputs({ name: "lost-response" }));
    expect(created.id).toMatch(/^ch-gva-2\/[0-9a-f-]{36}$/);
    expect((await live()).filter((i) => i.name === "lost-response").map((i) => i.id)).toEqual([uuidOf(created.id)]);
    const posts = (await emulator.calls()).filter((c) => c.method === "POST" && c.path === "/v2/instance");
    expect(posts).toEqual([expect.objectContaining({ fault: "lost-response" })]);
    expect(created.outs.state).toBe("running");
  });

  it("deletes the instance when its create operation fails, and reports the vendor's reason", async () => {
    const attempt = Instance.create(inputs({ name: "broken", labels: { [FAIL_LABEL]: "create-instance" } }));
    await expect(attempt).rejects.toThrow(
      /create instance broken: operation .* ended in state "failure" \[fault\] - create-instance: injected failure/,
    );
    expect((await live()).filter((i) => i.name === "broken")).toEqual([]);
    expect((await emulator.calls()).filter((c) => c.method === "DELETE")).toHaveLength(1);
  });

  it("keeps the instance in state when a step after creation fails", async () => {
    const attempt = Instance.create(
      inputs({ name: "half", deletionProtection: true, labels: { [FAIL_LABEL]: "add-instance-protection" } }),
    );
    const error = await attempt.then(
      () => undefined,
      (e) => e,
    );
    expect(error).toMatchObject({
      id: expect.any(String),
      properties: expect.objectContaining({ name: "half", state: "running" }),
      reasons: [expect.stringMatching(/add destruction protection/)],
    });
    // Protection was not applied, so the state does not claim it: the next update re-applies it.
    expect(error.properties.deletionProtection).toBeUndefined();
    expect((await live()).filter((i) => i.name === "half").map((i) => `ch-gva-2/${i.id}`)).toEqual([error.id]);
  });

  it("waits out a transitional state before acting, and restores the power state after a scale", async () => {
    const { id, outs } = await Instance.create(inputs({ name: "transitions" }));
    await client.stopInstance(uuidOf(id)); // left "stopping", not waited for
    const { outs: updated } = await Instance.update!(id, outs, {
      ...inputs({ name: "transitions" }),
      instanceType: "standard.large",
    });
    expect(updated).toMatchObject({ state: "running", instanceType: "standard.large" });
    const actions = (await emulator.calls()).filter((c) => c.method === "PUT").map((c) => c.path.split(":")[1]);
    expect(actions).toEqual(["stop", "scale", "start"]);
    expect((await emulator.calls()).filter((c) => c.status >= 400)).toEqual([]);
  });

  it("raises OperationFailedError with the operation's reason and message", async () => {
    const { id } = await Instance.create(inputs({ name: "failing-stop", labels: { [FAIL_LABEL]: "stop-instance" } }));
    const error = await client
      .waitForOperation(await client.stopInstance(uuidOf(id)), { what: "stop", timeoutMs: 5000 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OperationFailedError);
    expect(error).toMatchObject({
      cloud: "exoscale",
      operation: "stopInstance",
      vendorCode: "fault",
      vendorMessage: expect.stringContaining("stop-instance: injected failure"),
    });
  });

  it("reports API errors with status, vendor message, operation and request id", async () => {
    const { id, outs } = await Instance.create(inputs({ name: "protected", deletionProtection: true }));
    const error = await Instance.delete!(id, outs).catch((e) => e);
    expect(error.message).toMatch(
      /was not deleted: it is protected against destruction server-side\. Not deleted: the instance \(it has no snapshots\)\. Earlier in this run pulumi-dynamic-compute deleted nothing\. To delete it, set deletionProtection: false/,
    );
    expect(error.message).toMatch(
      /exoscale deleteInstance failed: HTTP 403 - Operation delete-instance .* \(request id [0-9a-f-]{36}\)/,
    );
    const { outs: unprotected } = await Instance.update!(id, outs, {
      ...inputs({ name: "protected" }),
      deletionProtection: false,
    });
    await Instance.delete!(id, unprotected);
    expect((await live()).find((i) => i.id === uuidOf(id))).toBeUndefined();
    expect(await Instance.read!(id, unprotected)).toEqual({});
  });

  it("deletes a snapshot whose instance is already gone without error", async () => {
    const { id, outs } = await Instance.create(inputs({ name: "snap-owner" }));
    const snapshot = await InstanceSnapshot.create({ instanceId: id, zone: "ch-gva-2", __identity: "p/s/snap" });
    expect(snapshot.outs).toMatchObject({ state: "ready", size: 10, instanceId: id });
    await Instance.delete!(id, outs);
    await expect(InstanceSnapshot.delete!(snapshot.id, snapshot.outs)).resolves.toBeUndefined();
    expect(await InstanceSnapshot.read!(snapshot.id, snapshot.outs)).toEqual({});
  });

  it("adopts an existing instance by zone/id: unset inputs keep its values, a difference that cannot change in place is refused", async () => {
    const { id } = await Instance.create(inputs({ name: "existing", diskSize: 30, labels: { team: "ops" } }));
    await emulator.clearCalls();
    // Only what the program sets counts: labels and disk size stay as they are, nothing is written.
    const program = {
      adoptId: id,
      zone: "ch-gva-2",
      name: "existing",
      instanceType: "standard.small",
      template: BASE.template,
      __identity: "p/s/adopter",
    };
    const checked = await Instance.check!({}, program);
    const adopted = await Instance.create(checked.inputs);
    expect(adopted.id).toBe(id);
    expect(adopted.outs).toMatchObject({ diskSize: 30, labels: { team: "ops" }, __adopted: true });
    expect((await emulator.calls()).filter((c) => c.method !== "GET")).toEqual([]);
    // The next diff (same program) shows no change although diskSize and labels have defaults / are unset.
    expect(await Instance.diff!(adopted.id, adopted.outs, checked.inputs)).toMatchObject({
      changes: false,
      replaces: [],
    });

    const shrink = await Instance.check!({}, { ...program, diskSize: 20 });
    const refused = await Instance.create(shrink.inputs).catch((e) => e);
    expect(refused).toBeInstanceOf(AdoptionMismatchError);
    expect(refused.properties).toEqual(["diskSize"]);
    expect(refused.message).toMatch(/diskSize: .*30.*20/);
    const otherZone = await Instance.check!({}, { ...program, zone: "de-fra-1" });
    await expect(Instance.create(otherZone.inputs)).rejects.toMatchObject({ properties: ["zone"] });
    expect((await emulator.calls()).filter((c) => c.method !== "GET")).toEqual([]);
  });

  it("reads, updates and deletes by a bare UUID (stacks written before ids carried the zone) and reports the zone/uuid id", async () => {
    const { id, outs } = await Instance.create(inputs({ name: "legacy-id" }));
    const bare = uuidOf(id);
    const read = await Instance.read!(bare, outs);
    expect(read.id).toBe(id);
    const { outs: renamed } = await Instance.update!(bare, outs, { ...inputs({ name: "legacy-id-2" }) });
    expect(renamed.name).toBe("legacy-id-2");
    await Instance.delete!(bare, renamed);
    expect((await live()).find((i) => i.id === bare)).toBeUndefined();
  });

  it("explains an unknown instance type or template with the available names", async () => {
    await expect(Instance.create(inputs({ instanceType: "standard.gigantic" }))).rejects.toThrow(
      /instanceType: "standard.gigantic" is not an instance type .* standard.medium/,
    );
    await expect(Instance.create(inputs({ template: "Windows 95" }))).rejects.toThrow(
      /template: no template named "Windows 95" .*Linux Debian 12/,
    );
  });

  it("answers the functions: get, list with label filters, console URL, password", async () => {
    const { id } = await Instance.create(
      inputs({ name: "lookup", labels: { role: "db" }, userData: "#!/bin/sh\necho hi\n" }),
    );
    const info = await getExoscaleInstance({ id });
    expect(info).toMatchObject({
      id,
      uuid: uuidOf(id),
      zone: "ch-gva-2",
      name: "lookup",
      labels: { role: "db" },
      instanceTypeName: "standard.small",
      userData: "#!/bin/sh\necho hi\n",
    });
    expect(info).not.toHaveProperty("creationToken");
    expect(await getExoscaleInstance({ id: uuidOf(id), zone: "ch-gva-2" })).toEqual(info);
    expect((await listExoscaleInstances({ zone: "ch-gva-2", labels: { role: "db" } })).map((i) => i.id)).toEqual([id]);
    const consoleUrl = await getExoscaleConsoleUrl({ id });
    expect(consoleUrl.url).toMatch(/^wss:\/\//);
    expect(await revealExoscaleInstancePassword({ id })).toEqual({
      id,
      password: (await emulator.state()).exoscale.passwords[uuidOf(id)],
    });
    await emulator.clearCalls();
    const bad = await getExoscaleInstance({ id: uuidOf(id) }).catch((e) => e);
    expect(bad).toBeInstanceOf(InvalidArgumentsError);
    expect(bad).toMatchObject({ code: "ERR_INVALID_ARGUMENTS", argument: "zone" });
    expect(bad.message).toMatch(/getExoscaleInstance: invalid arguments: zone: is required with a bare UUID id/);
    await expect(listExoscaleInstances({ zone: "mars-1" })).rejects.toThrow(/zone: must be one of ch-gva-2/);
    expect(await emulator.calls()).toEqual([]);
  });

  it("fails with AuthError naming the problem when the secret is wrong", async () => {
    const saved = process.env.EXOSCALE_API_SECRET;
    process.env.EXOSCALE_API_SECRET = "wrong-secret-value";
    try {
      const error = await ExoscaleClient.forZone("ch-gva-2")
        .listInstances()
        .catch((e) => e);
      expect(error).toBeInstanceOf(AuthError);
      expect(error.message).toMatch(/exoscale listInstances failed: HTTP 403 - Invalid request signature/);
    } finally {
      process.env.EXOSCALE_API_SECRET = saved;
    }
  });

  it("names both places to configure when credentials are missing", () => {
    const saved = process.env.EXOSCALE_API_KEY;
    delete process.env.EXOSCALE_API_KEY;
    try {
      expect(() => ExoscaleClient.forZone("ch-gva-2")).toThrow(
        /`pulumi config set exoscale:apiKey …` or the EXOSCALE_API_KEY environment variable/,
      );
    } finally {
      process.env.EXOSCALE_API_KEY = saved;
    }
  });
});
