/**
 * The real daemons the Incus tests run against, both of them: LXD 5.0 (Debian's `lxd`) and Incus 6.0
 * (Debian's bookworm-backports). Each comes from its own variable, else from its start script:
 *
 * - `LXD_SOCKET`, else `scripts/start-lxd.sh`;
 * - `INCUS_SOCKET`, else `scripts/start-incus.sh`. An INCUS_SOCKET that names an LXD daemon (the
 *   convention from before Incus ran here) is taken as the LXD daemon when LXD_SOCKET is unset.
 *
 * scripts/run-tests.js exports both. Each daemon is asked what it is (GET /1.0) when this module
 * loads, so test names can say "on LXD 5.0.2" / "on Incus 6.0.4" (`describe.each(testDaemons())`).
 * Raw requests go over the daemon's unix socket with node:http, independent of the client under
 * test, so tests can make out-of-band changes and look at what the daemon really has.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import type { OpenApiSpec } from "../helpers/openapi";

export type DaemonKind = "lxd" | "incus";

/** Each daemon's product name, socket variable, start script and HTTPS port. */
export const DAEMONS: Record<DaemonKind, { name: string; variable: string; script: string; httpsPort: number }> = {
  lxd: { name: "LXD", variable: "LXD_SOCKET", script: "start-lxd.sh", httpsPort: 8443 },
  incus: { name: "Incus", variable: "INCUS_SOCKET", script: "start-incus.sh", httpsPort: 8444 },
};

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** One real daemon: its socket, what it says it is, and raw requests to it. */
export class TestDaemon {
  /** "LXD" / "Incus". */
  readonly product: string;
  /** "LXD 5.0.2" / "Incus 6.0.4", as test names (`describe.each(…)("on $label")`) and the client's messages say it. */
  readonly label: string;

  constructor(
    readonly kind: DaemonKind,
    readonly socket: string,
    /** server_version from GET /1.0, e.g. "6.0.4". */
    readonly version: string,
    /** The API extensions it advertises in GET /1.0. */
    readonly extensions: readonly string[],
  ) {
    this.product = DAEMONS[kind].name;
    this.label = `${this.product} ${version}`;
  }

  toString(): string {
    return this.label;
  }

  /** One request to the daemon over its socket, with no retries and no client logic. */
  raw(method: string, requestPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
    return rawRequest(this.socket, method, requestPath, body, headers);
  }

  /** Sends a request answered by an operation and waits for it to end; returns the final operation. */
  async rawAndWait(method: string, requestPath: string, body?: unknown) {
    const response = await this.raw(method, requestPath, body);
    if (response.status >= 400)
      throw new Error(`${this.label}: ${method} ${requestPath}: ${response.status} ${JSON.stringify(response.body)}`);
    if (response.body.type !== "async") return response.body.metadata;
    const waited = await this.raw("GET", `/1.0/operations/${response.body.metadata.id}/wait?timeout=60`);
    // Incus answers the wait for a failed operation with an error envelope; LXD with the operation.
    const failure =
      waited.body.type === "error"
        ? waited.body.error
        : waited.body.metadata.status_code !== 200
          ? `${waited.body.metadata.status}: ${waited.body.metadata.err}`
          : undefined;
    if (failure !== undefined) throw new Error(`${this.label}: ${method} ${requestPath}: operation ended ${failure}`);
    return waited.body.metadata;
  }

  /** The instance as the daemon has it, or undefined. */
  async instance(name: string) {
    const response = await this.raw("GET", `/1.0/instances/${encodeURIComponent(name)}`);
    return response.status === 404 ? undefined : response.body.metadata;
  }

  /** Launches a busybox container outside Pulumi. */
  async launch(name: string, options: { start?: boolean; config?: Record<string, string> } = {}) {
    await this.rawAndWait("POST", "/1.0/instances", {
      name,
      type: "container",
      source: { type: "image", alias: "busybox" },
      config: options.config ?? {},
    });
    // LXD 5.0 predates the `start` field of the create request (API extension instance_create_start).
    if (options.start ?? true) await this.rawAndWait("PUT", `/1.0/instances/${name}/state`, { action: "start" });
  }

  /** Removes test instances (unprotecting and stopping them first); ignores ones already gone. */
  async removeInstances(names: string[]) {
    for (const name of names) {
      const instance = await this.instance(name);
      if (!instance) continue;
      if (instance.config["security.protection.delete"] === "true") {
        await this.raw("PATCH", `/1.0/instances/${name}`, { config: { "security.protection.delete": "false" } });
      }
      if (instance.status !== "Stopped")
        await this.rawAndWait("PUT", `/1.0/instances/${name}/state`, { action: "stop", force: true });
      await this.rawAndWait("DELETE", `/1.0/instances/${name}`);
    }
  }

  /** The daemon's HTTPS endpoint on loopback (the start scripts set it up; set here if a daemon lacks it). */
  async httpsEndpoint(): Promise<{ url: string; serverCertPath: string }> {
    const server = await this.raw("GET", "/1.0");
    let address: string = server.body.metadata.config?.["core.https_address"] ?? "";
    if (!address) {
      address = `127.0.0.1:${DAEMONS[this.kind].httpsPort}`;
      const set = await this.raw("PATCH", "/1.0", { config: { "core.https_address": address } });
      if (set.status !== 200) throw new Error(`cannot enable HTTPS on ${this.label}: ${JSON.stringify(set.body)}`);
    }
    const host =
      address.startsWith(":") || address.startsWith("[::]") || address.startsWith("0.0.0.0")
        ? `127.0.0.1${address.slice(address.lastIndexOf(":"))}`
        : address;
    const serverCertPath = path.join(path.dirname(this.socket), "server.crt");
    return { url: `https://${host}`, serverCertPath };
  }

  /** Adds a client certificate to the daemon's trust store; returns its fingerprint (for removal). */
  async trustCertificate(pem: string, name: string): Promise<string> {
    const der = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    const added = await this.raw("POST", "/1.0/certificates", { type: "client", name, certificate: der });
    if (added.status >= 400)
      throw new Error(`${this.label} cannot trust the test certificate: ${JSON.stringify(added.body)}`);
    return createHash("sha256").update(Buffer.from(der, "base64")).digest("hex");
  }

  /** Removes a certificate from the trust store (ignores one already gone). */
  async untrustCertificate(fingerprint: string): Promise<void> {
    await this.raw("DELETE", `/1.0/certificates/${fingerprint}`);
  }
}

function rawRequest(
  socketPath: string,
  method: string,
  requestPath: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        socketPath,
        method,
        path: requestPath,
        headers: { ...(payload ? { "content-type": "application/json" } : {}), ...headers },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text ? JSON.parse(text) : undefined,
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

/**
 * GET /1.0 on a socket, synchronously (in a child node process), so the daemons are known while jest
 * collects the tests: `environment.server` is "lxd" or "incus".
 */
function describeSocket(socket: string): { server: string; version: string; extensions: string[] } {
  const script = `require("node:http").get({ socketPath: ${JSON.stringify(socket)}, path: "/1.0" }, (r) => { let t = ""; r.on("data", (c) => (t += c)); r.on("end", () => process.stdout.write(t)); }).on("error", (e) => { process.stderr.write(e.message); process.exit(1); });`;
  const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 30_000 });
  if (run.status !== 0) throw new Error(`no daemon answers on ${socket}: ${run.stderr || run.error}`);
  const metadata = JSON.parse(run.stdout).metadata;
  return {
    server: metadata.environment?.server ?? "",
    version: metadata.environment?.server_version ?? "",
    extensions: metadata.api_extensions ?? [],
  };
}

/** Runs a start script; returns the socket it prints last. */
function startDaemon(kind: DaemonKind): string {
  const failedBefore = process.env[`${DAEMONS[kind].variable}_START_FAILED`];
  if (failedBefore)
    throw new Error(
      `${DAEMONS[kind].name} did not start before the tests (${failedBefore}); see its messages at the top of the run`,
    );
  const script = path.resolve(__dirname, "..", "..", "scripts", DAEMONS[kind].script);
  const run = spawnSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const last = run.stdout.trim().split("\n").pop();
  if (run.status !== 0 || !last)
    throw new Error(`scripts/${DAEMONS[kind].script} failed (exit ${run.status}):\n${run.stderr}`);
  return last;
}

/** The socket of each kind: its variable, the legacy INCUS_SOCKET-names-LXD case, else the start script. */
function socketsByKind(): Record<DaemonKind, string> {
  const given: Partial<Record<DaemonKind, string>> = {};
  for (const kind of ["lxd", "incus"] as const) {
    const socket = process.env[DAEMONS[kind].variable];
    if (!socket) continue;
    const server = describeSocket(socket).server as DaemonKind;
    if (server !== kind && !(kind === "incus" && server === "lxd" && !process.env.LXD_SOCKET)) {
      throw new Error(
        `${DAEMONS[kind].variable}=${socket} is ${DAEMONS[server] ? `an ${DAEMONS[server].name}` : `an unknown ("${server}")`} daemon, not ${DAEMONS[kind].name}`,
      );
    }
    given[server] ??= socket;
  }
  return { lxd: given.lxd ?? startDaemon("lxd"), incus: given.incus ?? startDaemon("incus") };
}

let daemons: TestDaemon[] | undefined;

/** Both daemons, LXD first, started if needed; the same objects on every call. */
export function testDaemons(): TestDaemon[] {
  if (daemons) return daemons;
  const sockets = socketsByKind();
  daemons = (["lxd", "incus"] as const).map((kind) => {
    const { version, extensions } = describeSocket(sockets[kind]);
    return new TestDaemon(kind, sockets[kind], version, extensions);
  });
  return daemons;
}

/** One of the two daemons. */
export function testDaemon(kind: DaemonKind): TestDaemon {
  return testDaemons().find((daemon) => daemon.kind === kind) as TestDaemon;
}

/** A name unique to this test run, valid as an instance name. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid.toString(36)}${Date.now().toString(36).slice(-5)}`;
}

/** A self-signed client certificate made with openssl, in a fresh folder. */
export function makeCertificate(dir: string, commonName: string): { certPath: string; keyPath: string; pem: string } {
  fs.mkdirSync(dir, { recursive: true });
  const certPath = path.join(dir, `${commonName}.crt`);
  const keyPath = path.join(dir, `${commonName}.key`);
  const run = spawnSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      keyPath,
      "-out",
      certPath,
      "-days",
      "2",
      "-subj",
      `/CN=${commonName}`,
    ],
    { encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`openssl could not make a test certificate: ${run.stderr || run.error}`);
  return { certPath, keyPath, pem: fs.readFileSync(certPath, "utf8") };
}

/**
 * Spec errors of a response whose `metadata` is an Operation. LXD sends `null` for an operation's
 * empty `metadata` and `resources` where the spec says object; the client reads both as `{}`, so
 * exactly those two deviations are tolerated (and only when the value really is null).
 */
export function operationSpecErrors(
  spec: OpenApiSpec,
  method: string,
  requestPath: string,
  status: number,
  body: { metadata: Record<string, unknown>; [key: string]: unknown },
): string[] {
  return spec
    .validateResponse(method, requestPath, status, body)
    .filter(
      (error) =>
        !["metadata", "resources"].some(
          (field) => body.metadata[field] === null && error.startsWith(`/metadata/${field} must be object`),
        ),
    );
}
