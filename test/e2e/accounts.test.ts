/**
 * Several accounts in one program, through the `pulumi` CLI: instances in two Exoscale accounts (the
 * emulator's two organizations) and on two Incus remotes (LXD over its socket, Incus over HTTPS with
 * a client certificate) at once. Each object must land in its own account and be deleted from it,
 * and functions given an account see that account's objects only; giving a resource the other
 * account of its cloud is refused in preview and in up, naming both, and an account of another cloud
 * at `new`; an account object given another organization's keys under the same name is refused at
 * the next refresh, naming both organizations; rotating the remote's client certificate changes no resource; no secret (API secrets,
 * client keys) appears in any state or log file of the run.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { expectOk, type OperationResult, TestStack } from "../helpers/engine";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { makeCertificate, testDaemon, uniqueName } from "../contract/incus-daemon";

/** Every file under `dir` (program modules left out), for the secret scan. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

/** Names of the emulated Exoscale instances of one organization's store slice. */
function instanceNames(slice: { instances?: Record<string, { name: string }> } | undefined): string[] {
  return Object.values(slice?.instances ?? {})
    .map((instance) => instance.name)
    .sort();
}

describe("one program, two Exoscale accounts and two Incus remotes", () => {
  const rand = randomBytes(6).toString("hex");
  const prefix = uniqueName("acct");
  const credentials = {
    exoscaleApiKey: `EXOfirst${rand}`,
    exoscaleApiSecret: `first-secret-${rand}-${randomBytes(12).toString("hex")}`,
    exoscaleSecondApiKey: `EXOsecond${rand}`,
    exoscaleSecondApiSecret: `second-secret-${rand}-${randomBytes(12).toString("hex")}`,
  };
  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), "pdc-accounts-"));
  const lxd = testDaemon("lxd");
  const incus = testDaemon("incus");
  const outputs: string[] = [];
  let emulator: TestEmulator;
  let stack: TestStack;
  /** Each resource's `__accountId`, by resource name, as stored after the first `up`. */
  let identities: Record<string, string> = {};
  const clientKeys: string[] = [];
  const trusted: string[] = [];

  // As a user would: `pulumi config set --secret incusClientKey < client.key`.
  const setClientKey = (key: string) => stack.setSecretConfigFromStdin("incusClientKey", key);
  /** A new client certificate the Incus daemon trusts; its key joins the secrets to look for. */
  const newClientCertificate = async (name: string) => {
    const client = makeCertificate(certDir, name);
    trusted.push(await incus.trustCertificate(client.pem, uniqueName(name)));
    clientKeys.push(fs.readFileSync(client.keyPath, "utf8"));
    return client;
  };

  const run = async (op: "preview" | "up" | "refresh" | "destroy", options: Record<string, unknown> = {}) => {
    const result = await stack.run(op, options);
    outputs.push(result.output);
    return result;
  };
  const slices = async () => {
    const state = await emulator.state();
    return { first: state.exoscale, second: state["exoscale-second-account"] };
  };

  beforeAll(async () => {
    emulator = await startTestEmulator({ credentials });
    const endpoint = await incus.httpsEndpoint();
    const client = await newClientCertificate("pdc-e2e-accounts");
    stack = await TestStack.create({
      program: "test/e2e/programs/accounts",
      // The environment names the default account only: the emulator's first key, and no Incus socket.
      env: { ...emulator.env, INCUS_SOCKET: "/nonexistent/incus.socket" },
      config: {
        prefix,
        exoscaleEndpoint: emulator.env.EXOSCALE_API_ENDPOINT,
        firstKey: credentials.exoscaleApiKey,
        firstSecret: { value: credentials.exoscaleApiSecret, secret: true },
        secondKey: credentials.exoscaleSecondApiKey,
        secondSecret: { value: credentials.exoscaleSecondApiSecret, secret: true },
        lxdSocket: lxd.socket,
        incusAddress: endpoint.url,
        incusServerCert: endpoint.serverCertPath,
        incusClientCert: client.certPath,
      },
    });
    setClientKey(clientKeys[0]);
  });

  afterAll(async () => {
    await stack?.cleanup();
    await emulator?.close();
    await lxd.removeInstances([`${prefix}-lxd`]);
    await incus.removeInstances([`${prefix}-incus`]);
    for (const fingerprint of trusted) await incus.untrustCertificate(fingerprint).catch(() => undefined);
    fs.rmSync(certDir, { recursive: true, force: true });
  });

  it("creates each instance in its own account", async () => {
    const up = expectOk(await run("up"));
    expect(up.outputs?.lxdName).toBe(`${prefix}-lxd`);
    // Functions given an account see that account's objects only.
    expect(up.outputs).toMatchObject({
      secondSeenBySecond: `${prefix}-second`,
      listedByFirst: [`${prefix}-first`],
      listedByLxd: [`${prefix}-lxd`],
      listedByIncus: [`${prefix}-incus`],
    });

    const { first, second } = await slices();
    expect(instanceNames(first)).toEqual([`${prefix}-first`]);
    expect(instanceNames(second)).toEqual([`${prefix}-second`]);
    // The snapshot took its instance's account.
    expect(Object.keys(second.snapshots)).toEqual([String(up.outputs?.snapshotId).split("/").pop()]);
    expect(Object.keys(first.snapshots)).toEqual([]);

    expect(await lxd.instance(`${prefix}-lxd`)).toBeDefined();
    expect(await lxd.instance(`${prefix}-incus`)).toBeUndefined();
    expect(await incus.instance(`${prefix}-incus`)).toBeDefined();
    expect(await incus.instance(`${prefix}-lxd`)).toBeUndefined();

    // Each resource records its account by name; nothing else about it.
    const resources = (await stack.exportState()).deployment.resources ?? [];
    const accounts = Object.fromEntries(
      resources
        .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))
        .map((r) => [r.urn.split("::").pop(), r.outputs?.__account]),
    );
    expect(accounts).toEqual({
      "in-first": "first",
      "in-second": "second",
      "in-second-snapshot": "second",
      "on-lxd": "lxd",
      "on-incus": "incus",
    });

    // And its account's identity on the cloud's side: the organization, or the server's certificate.
    identities = Object.fromEntries(
      resources
        .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))
        .map((r) => [r.urn.split("::").pop(), r.outputs?.__accountId]),
    );
    expect(identities).toEqual({
      "in-first": expect.stringMatching(/^exoscale organization [0-9a-f-]{36}$/),
      "in-second": expect.stringMatching(/^exoscale organization [0-9a-f-]{36}$/),
      "in-second-snapshot": identities["in-second"],
      "on-lxd": expect.stringMatching(/^incus server [0-9a-f]{16}$/),
      "on-incus": expect.stringMatching(/^incus server [0-9a-f]{16}$/),
    });
    expect(identities["in-first"]).not.toBe(identities["in-second"]);
    expect(identities["on-lxd"]).not.toBe(identities["on-incus"]);
  });

  it("refuses to move an instance to the other account (preview and up, naming both), and another cloud's account", async () => {
    const refusals = {
      exoscale:
        'exoscale:Instance "in-first" lives in account "first" (Exoscale), but its provider is now account "second" (Exoscale)',
      incus: 'incus:Instance "on-lxd" lives in account "lxd" (Incus), but its provider is now account "incus" (Incus)',
    };
    await emulator.clearCalls();
    for (const [cloud, refusal] of Object.entries(refusals)) {
      await stack.setConfig("move", cloud);
      for (const op of ["preview", "up"] as const) {
        const result: OperationResult = await run(op);
        expect(result.ok).toBe(false);
        expect(result.output).toContain(refusal);
      }
    }
    // Refused before any call: nothing read, changed or deleted in either account.
    expect((await emulator.calls()).filter((call) => call.method !== "GET")).toEqual([]);
    expect(instanceNames((await slices()).first)).toEqual([`${prefix}-first`]);
    expect(await lxd.instance(`${prefix}-lxd`)).toBeDefined();

    await stack.removeConfig("move");

    // An account of another cloud is refused when the program runs, before anything is registered.
    await stack.setConfig("wrongCloud", "true");
    const wrong = await run("preview");
    expect(wrong.ok).toBe(false);
    expect(wrong.output).toContain(
      'incus:Instance "wrong": its provider is the exoscale account "first", which cannot manage incus resources',
    );
    await stack.removeConfig("wrongCloud");
    expectOk(await run("preview", { expectNoChanges: true }));
  });

  it("refuses an account whose keys now sign into another organization, naming both", async () => {
    // The same account object, "first", given the second organization's key pair. `up` changes the
    // account object alone (its resources are not called: nothing to refuse yet) …
    await stack.setConfig("firstKey", credentials.exoscaleSecondApiKey);
    await stack.setConfig("firstSecret", credentials.exoscaleSecondApiSecret, true);
    const switched = expectOk(await run("up"));
    expect(switched.summary?.resourceChanges).toEqual({ same: expect.any(Number), update: 1 });
    // … and from then on every read, update or delete of its objects is refused, naming both organizations.
    await emulator.clearCalls();
    const refusal =
      `exoscale:Instance "in-first" lives in account "first" (Exoscale) at ${identities["in-first"]}, ` +
      `but its provider now signs into account "first" (Exoscale) at ${identities["in-second"]}: refusing to read it there`;
    for (const op of ["refresh", "up"] as const) {
      const result = await run(op, op === "up" ? { refresh: true } : {});
      expect(result.ok).toBe(false);
      expect(result.output).toContain(refusal);
    }
    // Nothing changed in either organization, and the state still holds the instance.
    expect((await emulator.calls()).filter((call) => call.method !== "GET")).toEqual([]);
    expect(instanceNames((await slices()).first)).toEqual([`${prefix}-first`]);
    expect(instanceNames((await slices()).second)).toEqual([`${prefix}-second`]);
    const kept = (await stack.exportState()).deployment.resources ?? [];
    expect(kept.some((r) => r.urn.endsWith("::in-first"))).toBe(true);

    // Given its own keys back, the account finds its instance again.
    await stack.setConfig("firstKey", credentials.exoscaleApiKey);
    await stack.setConfig("firstSecret", credentials.exoscaleApiSecret, true);
    expectOk(await run("up"));
    expectOk(await run("refresh"));
    expectOk(await run("preview", { expectNoChanges: true }));
  });

  it("changes nothing but the account when its credentials are rotated", async () => {
    // A new client certificate for the same Incus remote; the old one is then revoked on the daemon.
    const rotated = await newClientCertificate("pdc-e2e-accounts-rotated");
    await stack.setConfig("incusClientCert", rotated.certPath);
    setClientKey(clientKeys[1]);
    await incus.untrustCertificate(trusted[0]);

    const up = expectOk(await run("up"));
    // Only the account object's settings changed: every instance and snapshot is left as it is.
    expect(up.summary?.resourceChanges).toEqual({ same: expect.any(Number), update: 1 });
    expectOk(await run("refresh"));
    expectOk(await run("preview", { expectNoChanges: true }));
    expect(await incus.instance(`${prefix}-incus`)).toBeDefined();
  });

  it("destroys each instance in its own account, and no secret is in any state or log file", async () => {
    expectOk(await run("destroy"));
    const { first, second } = await slices();
    expect(instanceNames(first)).toEqual([]);
    expect(instanceNames(second)).toEqual([]);
    expect(Object.keys(second.snapshots)).toEqual([]);
    expect(await lxd.instance(`${prefix}-lxd`)).toBeUndefined();
    expect(await incus.instance(`${prefix}-incus`)).toBeUndefined();

    const secrets = {
      "first API secret": credentials.exoscaleApiSecret,
      "second API secret": credentials.exoscaleSecondApiSecret,
      ...Object.fromEntries(clientKeys.map((key, index) => [`Incus client key ${index + 1}`, key.split("\n")[1]])),
    };
    const files = filesUnder(stack.workRoot);
    expect(files.some((file) => file.endsWith(".json") && file.includes(`${path.sep}stacks${path.sep}`))).toBe(true);
    const found: string[] = [];
    for (const [what, value] of Object.entries(secrets)) {
      for (const file of files)
        if (fs.readFileSync(file, "latin1").includes(value))
          found.push(`${what} in ${path.relative(stack.workRoot, file)}`);
      outputs.forEach((output, index) => {
        if (output.includes(value)) found.push(`${what} in the output of run ${index + 1}`);
      });
    }
    expect(found).toEqual([]);
  });
});
