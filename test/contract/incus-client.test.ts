/**
 * The Incus client against both real daemons, LXD 5.0 and Incus 6.0: both transports (unix socket;
 * HTTPS with a client certificate, a pinned or CA-verified server certificate, or a bearer token),
 * TLS that is always verified, typed errors with the daemon's message, the project parameter,
 * ETag-guarded writes, and the daemon's responses checked against the Incus REST API spec.
 */
import * as fs from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { AuthError, ConflictError, CredentialsError, NotFoundError, TransportError } from "../../src/core/errors";
import { IncusClient } from "../../src/incus/client";
import { resolveConnection } from "../../src/incus/connection";
import { DEFAULT_SOCKETS } from "../../src/incus/settings";
import { writablePart } from "../../src/incus/mapping";
import { createLogger } from "../../src/core/log";
import { OpenApiSpec } from "../helpers/openapi";
import { incusAccountIdentity } from "../../src/incus/account-identity";
import { refuseIdentityChange } from "../../src/core/account-guard";
import { AccountChangedError } from "../../src/core/errors";
import { makeCertificate, operationSpecErrors, testDaemon, testDaemons, uniqueName } from "./incus-daemon";

const spec = new OpenApiSpec("incus-rest-api.json");
const REMOTE_VARS = [
  "INCUS_REMOTE",
  "INCUS_SERVER_CERT",
  "INCUS_CA_CERT",
  "INCUS_CLIENT_CERT",
  "INCUS_CLIENT_KEY",
  "INCUS_API_KEY",
  "INCUS_SOCKET",
  "INCUS_PROJECT",
];

/** Runs `fn` with exactly these Incus variables set (the others unset), restoring them afterwards. */
async function withIncusEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(REMOTE_VARS.map((key) => [key, process.env[key]]));
  for (const key of REMOTE_VARS) delete process.env[key];
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe("without INCUS_SOCKET", () => {
  it("falls back to the first default socket that exists: Incus's, then LXD's", async () => {
    const existing = DEFAULT_SOCKETS.find((candidate) => fs.existsSync(candidate));
    expect(existing).toBeDefined();
    await withIncusEnv({}, async () => {
      expect(resolveConnection()).toEqual({ kind: "unix", socketPath: existing, project: undefined });
      expect((await IncusClient.fromSettings().getServer()).auth).toBe("trusted");
    });
  });
});

describe("the account identity of a socket", () => {
  it("tells LXD from Incus by their server certificates, and the guard refuses the other one", async () => {
    const identityOn = (kind: "lxd" | "incus") =>
      withIncusEnv({ INCUS_SOCKET: testDaemon(kind).socket }, () => incusAccountIdentity());
    const lxd = await identityOn("lxd");
    const incus = await identityOn("incus");
    expect(lxd).toMatch(/^incus server [0-9a-f]{16}$/);
    expect(incus).toMatch(/^incus server [0-9a-f]{16}$/);
    expect(incus).not.toBe(lxd);
    // Read once per socket: asked again, the same answer.
    expect(await identityOn("lxd")).toBe(lxd);

    const stored = { __account: "default", __accountId: lxd };
    expect(() => refuseIdentityChange(stored, lxd, 'incus:Instance "web"', "read")).not.toThrow();
    expect(() => refuseIdentityChange(stored, incus, 'incus:Instance "web"', "update")).toThrow(AccountChangedError);
    expect(() => refuseIdentityChange(stored, incus, 'incus:Instance "web"', "update")).toThrow(
      `lives in the default account (stack config and environment) at ${lxd}, but its provider now signs into the default account (stack config and environment) at ${incus}`,
    );
  });
});

describe.each(testDaemons())("on $label", (daemon) => {
  const instance = uniqueName("client");
  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), "pdc-incus-client-"));
  let trusted: { certPath: string; keyPath: string; pem: string };
  let fingerprint: string;
  let endpoint: { url: string; serverCertPath: string };

  beforeAll(async () => {
    endpoint = await daemon.httpsEndpoint();
    trusted = makeCertificate(certDir, "pdc-client-trusted");
    fingerprint = await daemon.trustCertificate(trusted.pem, uniqueName("pdc-client"));
    await daemon.launch(instance);
  }, 120_000);

  afterAll(async () => {
    await daemon.removeInstances([instance]);
    if (fingerprint) await daemon.untrustCertificate(fingerprint);
    fs.rmSync(certDir, { recursive: true, force: true });
  });

  describe("over the unix socket", () => {
    it("uses INCUS_SOCKET", async () => {
      const viaEnv = await withIncusEnv({ INCUS_SOCKET: daemon.socket }, async () =>
        IncusClient.fromSettings().getServer(),
      );
      expect(viaEnv.auth).toBe("trusted");
      expect(viaEnv.environment).toMatchObject({ server: daemon.kind, server_version: daemon.version });
    });

    it("turns the daemon's error envelope into a typed error with its message and the operation name", async () => {
      const error = await withIncusEnv({ INCUS_SOCKET: daemon.socket }, () =>
        IncusClient.fromSettings().getInstance("no-such-instance"),
      ).catch((e) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      // The daemon's own words, which differ: Incus names the instance and the project.
      const vendorMessage = {
        lxd: "Instance not found",
        incus: 'Failed to fetch instance "no-such-instance" in project "default": Instance not found',
      }[daemon.kind];
      expect(error).toMatchObject({ cloud: "incus", operation: "getInstance", statusCode: 404, vendorMessage });
      const response = await daemon.raw("GET", "/1.0/instances/no-such-instance");
      expect(spec.validateResponse("GET", "/1.0/instances/no-such-instance", 404, response.body)).toEqual([]);
    });

    it("sends the project on every call", async () => {
      const elsewhere = await withIncusEnv(
        { INCUS_SOCKET: daemon.socket, INCUS_PROJECT: "pdc-no-such-project" },
        async () => {
          const client = IncusClient.fromSettings();
          return { list: await client.listInstances(), get: await client.getInstance(instance).catch((e) => e) };
        },
      );
      expect(elsewhere.list).toEqual([]);
      expect(elsewhere.get).toBeInstanceOf(NotFoundError);
      const here = await withIncusEnv({ INCUS_SOCKET: daemon.socket }, async () =>
        IncusClient.fromSettings({ project: "default" }).getInstance(instance),
      );
      expect(here.value.name).toBe(instance);
    });
  });

  describe("over HTTPS", () => {
    const mtls = () => ({
      INCUS_REMOTE: endpoint.url,
      INCUS_SERVER_CERT: endpoint.serverCertPath,
      INCUS_CLIENT_CERT: trusted.certPath,
      INCUS_CLIENT_KEY: trusted.keyPath,
    });

    it("authenticates with a trusted client certificate and a pinned server certificate", async () => {
      const result = await withIncusEnv(mtls(), async () => {
        const client = IncusClient.fromSettings();
        return { server: await client.getServer(), instance: await client.getInstance(instance) };
      });
      expect(result.server.auth).toBe("trusted");
      expect(result.instance.value.name).toBe(instance);
    });

    it("accepts certificates given inline as PEM, and a CA bundle instead of a pin", async () => {
      const inline = {
        INCUS_REMOTE: endpoint.url,
        INCUS_CA_CERT: fs.readFileSync(endpoint.serverCertPath, "utf8"),
        INCUS_CLIENT_CERT: trusted.pem,
        INCUS_CLIENT_KEY: fs.readFileSync(trusted.keyPath, "utf8"),
      };
      expect((await withIncusEnv(inline, () => IncusClient.fromSettings().getServer())).auth).toBe("trusted");
    });

    it("always verifies the server: an unverifiable certificate fails at once, without retries", async () => {
      const { INCUS_SERVER_CERT: _pin, ...unpinned } = mtls();
      const started = Date.now();
      const error = await withIncusEnv(unpinned, () => IncusClient.fromSettings().getServer()).catch((e) => e);
      expect(error).toBeInstanceOf(TransportError);
      expect(error.message).toMatch(/self-signed certificate/);
      expect(Date.now() - started).toBeLessThan(3_000);

      // A pin that is not the server's certificate is refused too.
      const wrongPin = await withIncusEnv({ ...mtls(), INCUS_SERVER_CERT: trusted.certPath }, () =>
        IncusClient.fromSettings().getServer(),
      ).catch((e) => e);
      expect(wrongPin).toBeInstanceOf(TransportError);
    });

    it("refuses plain http and half a client certificate before sending anything", async () => {
      const plain = await withIncusEnv(
        { INCUS_REMOTE: endpoint.url.replace("https:", "http:"), INCUS_API_KEY: "t0ken-value" },
        async () => IncusClient.fromSettings(),
      ).catch((e) => e);
      expect(plain).toBeInstanceOf(CredentialsError);
      expect(plain.message).toMatch(/https/);
      const half = await withIncusEnv({ INCUS_REMOTE: endpoint.url, INCUS_CLIENT_CERT: trusted.certPath }, async () =>
        IncusClient.fromSettings(),
      ).catch((e) => e);
      expect(half).toBeInstanceOf(CredentialsError);
      expect(half.message).toMatch(/INCUS_CLIENT_KEY/);
    });

    it("is answered 403 with the daemon's message for a certificate the daemon does not trust", async () => {
      const stranger = makeCertificate(certDir, "pdc-client-stranger");
      const result = await withIncusEnv(
        { ...mtls(), INCUS_CLIENT_CERT: stranger.certPath, INCUS_CLIENT_KEY: stranger.keyPath },
        async () => {
          const client = IncusClient.fromSettings();
          return { server: await client.getServer(), list: await client.listInstances().catch((e) => e) };
        },
      );
      expect(result.server.auth).toBe("untrusted");
      expect(result.list).toBeInstanceOf(AuthError);
      expect(result.list).toMatchObject({
        statusCode: 403,
        vendorMessage: "not authorized",
        operation: "listInstances",
      });
      // What to run on this daemon to trust the certificate (untrusted clients are not told its version).
      const command = {
        lxd: "lxc config trust add client.crt",
        incus: "incus config trust add-certificate client.crt",
      }[daemon.kind];
      expect(result.list.message).toBe(
        `incus listInstances failed: HTTP 403: the client certificate (incus:clientCert / INCUS_CLIENT_CERT) is not trusted by ${daemon.product} (its version is shown to trusted clients only) at ${endpoint.url}: add it on the server with \`${command}\` - not authorized`,
      );
    });

    it("sends a bearer token (INCUS_API_KEY) as Authorization, never in logs", async () => {
      // Neither daemon here accepts a bearer token (below), so a loopback TLS server stands in to show
      // what goes on the wire.
      const token = "pdc-bearer-0123456789";
      const seen: Array<string | undefined> = [];
      const server = https.createServer(
        { cert: trusted.pem, key: fs.readFileSync(trusted.keyPath) },
        (request, response) => {
          seen.push(request.headers.authorization);
          response.setHeader("content-type", "application/json");
          response.end(
            JSON.stringify({
              type: "sync",
              status: "Success",
              status_code: 200,
              metadata: { auth: "trusted", api_extensions: [] },
            }),
          );
        },
      );
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const lines: string[] = [];
      const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      });
      try {
        const port = (server.address() as AddressInfo).port;
        // The test certificate names CN=pdc-client-trusted, not 127.0.0.1: only a pin can accept it.
        await withIncusEnv(
          {
            INCUS_REMOTE: `https://127.0.0.1:${port}`,
            INCUS_SERVER_CERT: trusted.certPath,
            INCUS_API_KEY: token,
            DYNAMIC_COMPUTE_DEBUG: "1",
          },
          () => IncusClient.fromSettings().getServer(),
        );
      } finally {
        spy.mockRestore();
        delete process.env.DYNAMIC_COMPUTE_DEBUG;
        server.close();
      }
      expect(seen).toEqual([`Bearer ${token}`]);
      expect(lines.join("")).toContain("GET /1.0");
      expect(lines.join("")).not.toContain(token);

      // Neither daemon here takes the token: LXD 5.0 has no bearer authentication at all, Incus takes
      // OIDC tokens only once an issuer is configured. The refusal says which.
      const againstDaemon = await withIncusEnv(
        { INCUS_REMOTE: endpoint.url, INCUS_SERVER_CERT: endpoint.serverCertPath, INCUS_API_KEY: token },
        async () => {
          const client = IncusClient.fromSettings();
          return { server: await client.getServer(), list: await client.listInstances().catch((e) => e) };
        },
      );
      expect(againstDaemon.server.auth).toBe("untrusted");
      expect(againstDaemon.list).toBeInstanceOf(AuthError);
      expect(againstDaemon.list.message).toMatch(
        daemon.kind === "lxd"
          ? /HTTP 403: LXD \(its version is shown to trusted clients only\) at https:\/\/127\.0\.0\.1:\d+ has no bearer-token authentication \(incus:apiKey \/ INCUS_API_KEY; it accepts tls\): use a client certificate .*`lxc config trust add client\.crt` - not authorized$/
          : /HTTP 403: Incus \(its version is shown to trusted clients only\) at https:\/\/127\.0\.0\.1:\d+ accepts a bearer token \(incus:apiKey \/ INCUS_API_KEY\) only as an OpenID Connect token, and has no OIDC issuer configured \(oidc\.issuer\): configure one, or use a client certificate .*`incus config trust add-certificate client\.crt` - not authorized$/,
      );
      expect(againstDaemon.list.message).not.toContain(token);
    });
  });

  describe("ETag-guarded writes", () => {
    it("fails a PUT with a stale ETag (412) and overwrites nothing; succeeds with a fresh one", async () => {
      await withIncusEnv({ INCUS_SOCKET: daemon.socket }, async () => {
        const client = IncusClient.fromSettings();
        const read = await client.getInstance(instance);
        expect(read.etag).toMatch(/^"?[0-9a-f]{64}"?$/);
        // Someone else changes the instance after we read it.
        const patched = await daemon.raw("PATCH", `/1.0/instances/${instance}`, { config: { "user.other": "theirs" } });
        expect(patched.status).toBe(200);

        const mine = writablePart(read.value);
        mine.config["user.mine"] = "ours";
        const stale = await client.updateInstance(instance, mine, read.etag).catch((e) => e);
        expect(stale).toBeInstanceOf(ConflictError);
        expect(stale).toMatchObject({ statusCode: 412, operation: "updateInstance" });
        const untouched = await daemon.instance(instance);
        expect(untouched.config["user.other"]).toBe("theirs");
        expect(untouched.config["user.mine"]).toBeUndefined();

        const fresh = await client.getInstance(instance);
        const next = writablePart(fresh.value);
        next.config["user.mine"] = "ours";
        const started = await client.updateInstance(instance, next, fresh.etag);
        expect(
          operationSpecErrors(spec, "PUT", `/1.0/instances/${instance}`, 202, {
            type: "async",
            status: "Operation created",
            status_code: 100,
            metadata: { ...started },
          }),
        ).toEqual([]);
        await client.waitFor(started, {
          what: "update",
          operation: "updateInstance",
          timeoutMs: 30_000,
          log: createLogger("test"),
        });
        const after = await daemon.instance(instance);
        expect(after.config).toMatchObject({ "user.other": "theirs", "user.mine": "ours" });
      });
    });
  });

  describe("the daemon's responses match the Incus spec", () => {
    it("for instance create/read/delete, state changes and snapshots", async () => {
      const got = await daemon.raw("GET", `/1.0/instances/${instance}`);
      expect(spec.validateResponse("GET", `/1.0/instances/${instance}`, 200, got.body)).toEqual([]);
      expect(got.headers.etag).toBeDefined();

      const snapshot = await daemon.raw("POST", `/1.0/instances/${instance}/snapshots`, { name: "spec-check" });
      expect(snapshot.status).toBe(202);
      expect(operationSpecErrors(spec, "POST", `/1.0/instances/${instance}/snapshots`, 202, snapshot.body)).toEqual([]);
      await daemon.raw("GET", `/1.0/operations/${snapshot.body.metadata.id}/wait?timeout=30`);
      const snapshotGot = await daemon.raw("GET", `/1.0/instances/${instance}/snapshots/spec-check`);
      expect(
        spec.validateResponse("GET", `/1.0/instances/${instance}/snapshots/spec-check`, 200, snapshotGot.body),
      ).toEqual([]);
      // (The spec helper matches paths without their query, so the recursion=1 form is the one checked.)
      const listed = await daemon.raw("GET", `/1.0/instances/${instance}/snapshots?recursion=1`);
      expect(listed.body.metadata.map((s: { name: string }) => s.name)).toEqual(["spec-check"]);
      expect(spec.validateResponse("GET", `/1.0/instances/${instance}/snapshots`, 200, listed.body)).toEqual([]);
      const deleted = await daemon.raw("DELETE", `/1.0/instances/${instance}/snapshots/spec-check`);
      expect(
        operationSpecErrors(spec, "DELETE", `/1.0/instances/${instance}/snapshots/spec-check`, 202, deleted.body),
      ).toEqual([]);
      await daemon.raw("GET", `/1.0/operations/${deleted.body.metadata.id}/wait?timeout=30`);

      const extra = `${instance}-spec`;
      const created = await daemon.raw("POST", "/1.0/instances", {
        name: extra,
        type: "container",
        source: { type: "image", alias: "busybox" },
      });
      expect(operationSpecErrors(spec, "POST", "/1.0/instances", 202, created.body)).toEqual([]);
      await daemon.raw("GET", `/1.0/operations/${created.body.metadata.id}/wait?timeout=60`);
      const removed = await daemon.raw("DELETE", `/1.0/instances/${extra}`);
      expect(operationSpecErrors(spec, "DELETE", `/1.0/instances/${extra}`, 202, removed.body)).toEqual([]);
      await daemon.raw("GET", `/1.0/operations/${removed.body.metadata.id}/wait?timeout=60`);
      expect(await daemon.instance(extra)).toBeUndefined();

      const stop = await daemon.raw("PUT", `/1.0/instances/${instance}/state`, { action: "stop", force: true });
      expect(operationSpecErrors(spec, "PUT", `/1.0/instances/${instance}/state`, 202, stop.body)).toEqual([]);
      await daemon.raw("GET", `/1.0/operations/${stop.body.metadata.id}/wait?timeout=30`);
      await daemon.rawAndWait("PUT", `/1.0/instances/${instance}/state`, { action: "start" });
    });
  });
});
