/**
 * Secrets: a full lifecycle (create, update with a password reset and a replacement, refresh,
 * preview, a refresh with a wrong API secret, destroy) of every resource, plus previews of a misspelt
 * property holding a secret (`userdata` for `userData`) on every resource kind, with the credentials in
 * secret stack config (`exoscale:apiSecret`, `scaleway:secretKey`, `compute:token`; the matching
 * environment variables removed) and secret user data, run with the engine's verbose logging
 * (`-v=9 --logflow`) and the provider's debug logging. Afterwards no API secret, token, Exoscale
 * password or user data (plain or base64) may appear in plain text in `pulumi stack export`, any
 * `__provider`, the engine's log files, anything the engine printed, or any file of the stack's
 * backend and home. Also: the emulator refuses tampered and expired EXO2 signatures with a 403.
 */
import { randomBytes, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { seededSnapshotId } from "../../src/emulator/scaleway";
import { authorizationHeader, expiryFromNow } from "../../src/exoscale/signer";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import type { OperationResult } from "../helpers/engine";
import { expectOk, type FleetEntry, FleetStack, Tally } from "../helpers/reliability";

const SECRET_ENV = ["EXOSCALE_API_SECRET", "SCW_SECRET_KEY", "SCALEWAY_API_KEY", "COMPUTE_API_TOKEN"];
const VERBOSE = { logVerbosity: 9, logFlow: true };

/** Every file below `dir`, recursively. */
function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesBelow(full) : entry.isFile() ? [full] : [];
  });
}

describe("secrets never appear in plain text", () => {
  const rand = randomBytes(6).toString("hex");
  const credentials = {
    exoscaleApiKey: `EXOrel${rand}`,
    exoscaleApiSecret: `rel-exoscale-secret-${rand}-${randomBytes(12).toString("hex")}`,
    scalewaySecretKey: randomUUID(),
    computeToken: `rel-compute-token-${rand}-${randomBytes(12).toString("hex")}`,
  };
  const exoUserData = `#cloud-config\n# reliability secret ${randomBytes(10).toString("hex")}\npackages: [nginx]\n`;
  const vmUserData = `#!/bin/sh\necho "reliability secret ${randomBytes(10).toString("hex")}"\n`;
  const wrongSecret = `rel-wrong-secret-${randomBytes(12).toString("hex")}`;
  const misspeltSecret = `#cloud-config\nchpasswd: { list: "root:rel-${randomBytes(10).toString("hex")}" }\n`;
  const tally = new Tally("secrets");

  let emulator: TestEmulator;
  let fleet: FleetStack;
  let logsDir: string;
  /** Secret values to look for, by what they are. */
  const secrets = new Map<string, string>();
  /** Text to scan: everything the engine printed, exports, __provider texts. */
  const blobs: Array<{ where: string; text: string }> = [];

  const remember = (result: OperationResult) => {
    blobs.push({ where: `${result.op} output`, text: `${result.output}\n${result.error ?? ""}` });
    return result;
  };
  const run = async (op: "up" | "refresh" | "preview" | "destroy") => {
    tally.add("engineRuns");
    return remember(await fleet.stack.run(op, { ...VERBOSE, parallel: 8 }));
  };
  const collectPasswords = async (): Promise<string[]> => {
    const passwords = Object.values((await emulator.state()).exoscale.passwords as Record<string, string>);
    for (const password of passwords) secrets.set(`Exoscale password ${password.slice(0, 2)}…`, password);
    return passwords;
  };
  const collectExports = async (label: string) => {
    const plain = await fleet.stack.cli(["stack", "export", "--stack", fleet.stack.stack]);
    blobs.push({ where: `stack export after ${label}`, text: plain.stdout });
    const full = JSON.parse(
      (await fleet.stack.cli(["stack", "export", "--stack", fleet.stack.stack, "--show-secrets"])).stdout,
    );
    for (const resource of full.deployment.resources ?? []) {
      for (const side of ["inputs", "outputs"] as const) {
        const shim = resource[side]?.__provider;
        if (shim !== undefined)
          blobs.push({
            where: `__provider (${side}) of ${resource.urn} after ${label}`,
            text: typeof shim === "string" ? shim : JSON.stringify(shim),
          });
      }
    }
    return { plain: JSON.parse(plain.stdout), full };
  };

  const spec = (step: 1 | 2 | 3): FleetEntry[] => [
    {
      kind: "exoscale",
      name: "web",
      args: {
        zone: "ch-gva-2",
        name: ["secret-web", "secret-web-renamed", "secret-web-3"][step - 1],
        instanceType: "standard.small",
        template: "Linux Ubuntu 24.04 LTS 64-bit",
        passwordResetTrigger: Math.min(step, 2),
      },
      secretConfig: { userData: "exoUserData" },
    },
    { kind: "exoscaleSnapshot", name: "web-snap", instance: "web" },
    {
      kind: "scaleway",
      name: "img",
      args: {
        zone: "fr-par-1",
        name: "secret-img",
        rootVolume: seededSnapshotId("fr-par-1", "ubuntu-noble-root"),
        tags: step === 1 ? ["a"] : ["a", "b"],
      },
    },
    // A new name replaces the instance (create first, then delete: the names differ).
    {
      kind: "compute",
      name: "vm",
      args: { name: step === 1 ? "secret-vm" : "secret-vm-2", type: "cx31", image: "ubuntu-22.04" },
      secretConfig: { userData: "vmUserData" },
    },
  ];

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 50, credentials });
    const env: Record<string, string> = { ...emulator.env, DYNAMIC_COMPUTE_DEBUG: "1" };
    for (const name of SECRET_ENV) delete env[name];
    fleet = await FleetStack.create(env, {
      "exoscale:apiSecret": { value: credentials.exoscaleApiSecret, secret: true },
      "scaleway:secretKey": { value: credentials.scalewaySecretKey, secret: true },
      "compute:token": { value: credentials.computeToken, secret: true },
      exoUserData: { value: exoUserData, secret: true },
      vmUserData: { value: vmUserData, secret: true },
      misspelt: { value: misspeltSecret, secret: true },
    });
    // Nothing may come from the environment: the stack config is the only source.
    for (const name of SECRET_ENV) delete fleet.stack.env[name];
    // The engine's glog files (-v=9) go to TMPDIR.
    logsDir = path.join(fleet.stack.workRoot, "engine-logs");
    fs.mkdirSync(logsDir, { recursive: true });
    fleet.stack.env.TMPDIR = logsDir;
    secrets.set("Exoscale API secret", credentials.exoscaleApiSecret);
    secrets.set("Scaleway secret key", credentials.scalewaySecretKey);
    secrets.set("Instances API token", credentials.computeToken);
    secrets.set("wrong Exoscale API secret", wrongSecret);
    for (const [what, text] of [
      ["Exoscale user data", exoUserData],
      ["ComputeInstance user data", vmUserData],
      ["secret given to a misspelt property", misspeltSecret],
    ]) {
      secrets.set(what, text);
      secrets.set(`${what}, its secret line`, text.split("\n")[1]);
      secrets.set(`${what}, base64`, Buffer.from(text).toString("base64"));
    }
  });

  afterAll(async () => {
    tally.write();
    await fleet?.cleanup();
    await emulator?.close();
  });

  it("runs the whole lifecycle from secret stack config with verbose engine logs", async () => {
    fleet.setSpec(spec(1));
    expectOk(await run("up"));
    const [firstPassword] = await collectPasswords();
    const first = await collectExports("create");
    // Positive control: the secrets are in the state, encrypted, so a scan that finds none means something.
    const web = first.full.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::web"));
    const revealed = (value: { plaintext: string }) => JSON.parse(value.plaintext);
    expect(revealed(web.outputs.password)).toBe(firstPassword);
    expect(revealed(web.outputs.userData)).toBe(exoUserData);
    const webPlain = first.plain.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::web"));
    expect(webPlain.outputs.password).toMatchObject({ ciphertext: expect.any(String) });
    expect(webPlain.outputs.userData).toMatchObject({ ciphertext: expect.any(String) });

    fleet.setSpec(spec(2));
    const update = expectOk(await run("up"));
    expect(update.summary?.resourceChanges).toMatchObject({ update: 2, replace: 1 });
    // passwordResetTrigger changed: a new password, which must be as secret as the first.
    expect(await collectPasswords()).not.toContain(firstPassword);
    await collectExports("update");

    expectOk(await run("refresh"));
    await collectExports("refresh");
    const preview = expectOk(await run("preview"));
    expect(preview.changeSummary).toEqual({ same: 5 });
  });

  it("a wrong API secret fails with the API's 403, and the wrong secret is masked too", async () => {
    await fleet.stack.setConfig("exoscale:apiSecret", wrongSecret, true);
    fleet.setSpec(spec(3));
    const failed = await run("up");
    expect(failed.ok).toBe(false);
    // The first call of the update, before any change: the account's identity (GET /v2/organization).
    expect(failed.output).toMatch(
      /exoscale getOrganization failed: HTTP 403 - Invalid request signature \(request id [0-9a-f-]{36}\)/,
    );
    // Back to the right secret: `up` records it as the provider's config again (refresh and destroy
    // use the config recorded in state, see docs/reliability.md), then the rename goes through.
    await fleet.stack.setConfig("exoscale:apiSecret", credentials.exoscaleApiSecret, true);
    expectOk(await run("up"));
    await collectPasswords();
    await collectExports("rename");
  });

  it("reports a misspelt property holding a secret without its value, on every resource kind", async () => {
    // One preview per kind: the engine stops at the first resource whose check fails.
    const typos: Array<[FleetEntry, string]> = [
      [
        { kind: "exoscale", name: "typo-web", args: spec(3)[0].args, secretConfig: { userdata: "misspelt" } },
        "userdata",
      ],
      [{ kind: "exoscaleSnapshot", name: "typo-snap", instance: "web", secretConfig: { name: "misspelt" } }, "name"],
      [{ kind: "scaleway", name: "typo-img", args: spec(3)[2].args, secretConfig: { tag: "misspelt" } }, "tag"],
      [{ kind: "compute", name: "typo-vm", args: spec(3)[3].args, secretConfig: { userdata: "misspelt" } }, "userdata"],
      [
        {
          kind: "incus",
          name: "typo-ct",
          args: { name: "typo-ct", image: "busybox" },
          secretConfig: { configs: "misspelt" },
        },
        "configs",
      ],
      [
        {
          kind: "incusSnapshot",
          name: "typo-ct-snap",
          args: { instance: "typo-ct" },
          secretConfig: { expiresat: "misspelt" },
        },
        "expiresat",
      ],
    ];
    for (const [entry, property] of typos) {
      fleet.setSpec([...spec(3), entry]);
      const preview = await run("preview");
      expect(preview.ok).toBe(false);
      expect(preview.output).toContain(
        `resource '${entry.name}' has a problem: ${property}: unknown property "${property}"`,
      );
      tally.add("misspeltSecretPreviews");
    }
    fleet.setSpec(spec(3));
  });

  it("destroys everything, then finds no secret in plain text in anything the package controls", async () => {
    await collectPasswords();
    expectOk(await run("destroy"));
    const logFiles = filesBelow(logsDir);
    const engineLogBytes = logFiles.reduce((sum, file) => sum + fs.statSync(file).size, 0);
    // Verbose logging really happened: one -v=9 log per engine run.
    expect(logFiles.length).toBeGreaterThanOrEqual(7);
    expect(engineLogBytes).toBeGreaterThan(1_000_000);
    tally.add("engineLogFiles", logFiles.length);
    tally.add("engineLogMegabytes", Math.round(engineLogBytes / 1e6));

    // Pulumi's own dumps of payloads print every property value, secrets included, whatever the
    // provider: the engine's RPC marshaling ("Marshaling property for RPC[…Configure()…]:
    // exoscale:apiSecret={&{{…}}}", -v=9) and plans ("Planner decided to create|not to update …
    // (inputs=map[…])", -v=7), and the Node SDK's debug line for every registration ("RegisterResource
    // RPC finished: …; resp: …", -v=3 and `--debug`). They are counted apart; every other line of
    // the engine's logs (the provider's progress and debug lines among them) is scanned like the rest.
    const engineDump =
      /"msg":"(eventSink::Debug\(<\{%reset%\}>)?(Marshaling property for RPC|Unmarshaling property for RPC|Planner decided|RegisterResource RPC finished)/;
    let providerLines = 0;
    for (const file of logFiles) {
      const lines = fs.readFileSync(file, "utf8").split("\n");
      const dumps = lines.filter((line) => engineDump.test(line));
      const rest = lines.filter((line) => !engineDump.test(line));
      providerLines += rest.filter(
        (line) => line.includes("eventSink::Infoerr") && /\[(exoscale|scaleway|compute):/.test(line),
      ).length;
      tally.add(
        "engineDumpLinesWithSecrets",
        dumps.filter((line) =>
          [...secrets.values()].some(
            (value) => line.includes(value) || line.includes(JSON.stringify(value).slice(1, -1)),
          ),
        ).length,
      );
      blobs.push({ where: `${path.basename(file)} (engine log, RPC dumps left out)`, text: rest.join("\n") });
    }
    // Positive control: the provider's lines (with request-level debug) are in the engine's logs.
    expect(providerLines).toBeGreaterThan(50);
    expect(tally.get("engineDumpLinesWithSecrets")).toBeGreaterThan(0);

    // Every file the stack produced: backend (state, backups, history), home, config.
    const files = filesBelow(fleet.stack.workRoot).filter((file) => !file.startsWith(logsDir));
    for (const file of files)
      blobs.push({ where: path.relative(fleet.stack.workRoot, file), text: fs.readFileSync(file, "latin1") });
    tally.add("filesScanned", files.length + logFiles.length);
    tally.add("textsScanned", blobs.length);
    tally.add("secretValues", secrets.size);

    const found: string[] = [];
    for (const { where, text } of blobs) {
      for (const [what, value] of secrets) {
        // Also the JSON-escaped form (new lines as \n), as logs and state files write it.
        if (text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1)))
          found.push(`${what} in ${where}`);
      }
    }
    tally.add("secretsFoundInPlainText", found.length);
    expect(found).toEqual([]);
    expect(secrets.size).toBeGreaterThanOrEqual(12);
  });
});

describe("EXO2 signature verification", () => {
  let emulator: TestEmulator;
  const key = "EXOsig0123456789abcdef0123";
  const secret = `sig-secret-${randomBytes(16).toString("hex")}`;

  beforeAll(async () => {
    emulator = await startTestEmulator({ credentials: { exoscaleApiKey: key, exoscaleApiSecret: secret } });
  });
  afterAll(async () => emulator?.close());

  const send = (method: string, pathAndQuery: string, body: string | undefined, authorization: string) =>
    fetch(`${emulator.url}${pathAndQuery}`, {
      method,
      body,
      headers: { authorization, ...(body ? { "content-type": "application/json" } : {}) },
    });
  const sign = (
    method: string,
    pathname: string,
    body: string | undefined,
    query: Array<[string, string]> = [],
    expires = expiryFromNow(),
    withSecret = secret,
  ) => authorizationHeader(key, withSecret, { method, path: pathname, body, query }, expires);

  it("accepts a correctly signed request (control)", async () => {
    const response = await send(
      "GET",
      "/v2/instance?labels=a%3Db",
      undefined,
      sign("GET", "/v2/instance", undefined, [["labels", "a=b"]]),
    );
    expect(response.status).toBe(200);
  });

  it.each([
    [
      "a body changed after signing",
      () => send("POST", "/v2/instance", '{"name":"evil"}', sign("POST", "/v2/instance", '{"name":"good"}')),
      /Invalid request signature/,
    ],
    [
      "a path changed after signing",
      () =>
        send(
          "GET",
          "/v2/instance/3f2b1c0d-9e8a-4b7c-8d6e-5f4a3b2c1d0e",
          undefined,
          sign("GET", "/v2/instance", undefined),
        ),
      /Invalid request signature/,
    ],
    [
      "a method changed after signing",
      () =>
        send(
          "DELETE",
          "/v2/instance/3f2b1c0d-9e8a-4b7c-8d6e-5f4a3b2c1d0e",
          undefined,
          sign("GET", "/v2/instance/3f2b1c0d-9e8a-4b7c-8d6e-5f4a3b2c1d0e", undefined),
        ),
      /Invalid request signature/,
    ],
    [
      "a query value changed after signing",
      () =>
        send(
          "GET",
          "/v2/instance?labels=a%3Dc",
          undefined,
          sign("GET", "/v2/instance", undefined, [["labels", "a=b"]]),
        ),
      /Invalid request signature/,
    ],
    [
      "a query parameter added after signing",
      () => send("GET", "/v2/instance?labels=a%3Db", undefined, sign("GET", "/v2/instance", undefined)),
      /not signed/,
    ],
    [
      "a signature made with another secret",
      () =>
        send(
          "GET",
          "/v2/instance",
          undefined,
          sign("GET", "/v2/instance", undefined, [], expiryFromNow(), `${secret}x`),
        ),
      /Invalid request signature/,
    ],
    [
      "an expiry moved later after signing",
      () =>
        send(
          "GET",
          "/v2/instance",
          undefined,
          sign("GET", "/v2/instance", undefined).replace(/expires=(\d+)/, (_m, e) => `expires=${Number(e) + 3600}`),
        ),
      /Invalid request signature/,
    ],
    [
      "an expired signature",
      () =>
        send(
          "GET",
          "/v2/instance",
          undefined,
          sign("GET", "/v2/instance", undefined, [], Math.floor(Date.now() / 1000) - 5),
        ),
      /Request expired/,
    ],
    [
      "an unknown API key",
      () =>
        send(
          "GET",
          "/v2/instance",
          undefined,
          sign("GET", "/v2/instance", undefined).replace(key, "EXOunknown000000000000000000"),
        ),
      /Invalid API key/,
    ],
  ])("refuses %s with a 403", async (_what, request, message) => {
    const response = await request();
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
  });
});
