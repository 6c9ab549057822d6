/**
 * The real Incus-compatible daemon the Incus tests run against: INCUS_SOCKET from the environment
 * (scripts/run-tests.js exports it), else `scripts/start-lxd.sh` is run here. Raw requests go over
 * the unix socket with node:http, independent of the client under test, so tests can make
 * out-of-band changes and look at what the daemon really has.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import type { OpenApiSpec } from "../helpers/openapi";

let socket: string | undefined;

/** The daemon's unix socket, starting LXD if needed. */
export function incusSocket(): string {
  if (socket) return socket;
  if (process.env.INCUS_SOCKET) return (socket = process.env.INCUS_SOCKET);
  const script = path.resolve(__dirname, "..", "..", "scripts", "start-lxd.sh");
  const run = spawnSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const last = run.stdout.trim().split("\n").pop();
  if (run.status !== 0 || !last) throw new Error(`scripts/start-lxd.sh failed (exit ${run.status}):\n${run.stderr}`);
  process.env.INCUS_SOCKET = last;
  return (socket = last);
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** One request to the daemon over its socket, with no retries and no client logic. */
export function raw(method: string, requestPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { socketPath: incusSocket(), method, path: requestPath, headers: { ...(payload ? { "content-type": "application/json" } : {}), ...headers } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text ? JSON.parse(text) : undefined }));
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

/** Sends a request answered by an operation and waits for it to end; returns the final operation. */
export async function rawAndWait(method: string, requestPath: string, body?: unknown) {
  const response = await raw(method, requestPath, body);
  if (response.status >= 400) throw new Error(`${method} ${requestPath}: ${response.status} ${JSON.stringify(response.body)}`);
  if (response.body.type !== "async") return response.body.metadata;
  const waited = await raw("GET", `/1.0/operations/${response.body.metadata.id}/wait?timeout=60`);
  if (waited.body.metadata.status_code !== 200) throw new Error(`${method} ${requestPath}: operation ended ${waited.body.metadata.status}: ${waited.body.metadata.err}`);
  return waited.body.metadata;
}

/** The instance as the daemon has it, or undefined. */
export async function daemonInstance(name: string) {
  const response = await raw("GET", `/1.0/instances/${encodeURIComponent(name)}`);
  return response.status === 404 ? undefined : response.body.metadata;
}

/** Launches a busybox container outside Pulumi. */
export async function launch(name: string, options: { start?: boolean; config?: Record<string, string> } = {}) {
  await rawAndWait("POST", "/1.0/instances", { name, type: "container", source: { type: "image", alias: "busybox" }, config: options.config ?? {} });
  // LXD 5.0 predates the `start` field of the create request (API extension instance_create_start).
  if (options.start ?? true) await rawAndWait("PUT", `/1.0/instances/${name}/state`, { action: "start" });
}

/** Removes test instances (unprotecting and stopping them first); ignores ones already gone. */
export async function removeInstances(names: string[]) {
  for (const name of names) {
    const instance = await daemonInstance(name);
    if (!instance) continue;
    if (instance.config["security.protection.delete"] === "true") {
      await raw("PATCH", `/1.0/instances/${name}`, { config: { "security.protection.delete": "false" } });
    }
    if (instance.status !== "Stopped") await rawAndWait("PUT", `/1.0/instances/${name}/state`, { action: "stop", force: true });
    await rawAndWait("DELETE", `/1.0/instances/${name}`);
  }
}

/** A name unique to this test run, valid as an instance name. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid.toString(36)}${Date.now().toString(36).slice(-5)}`;
}

/** The daemon's HTTPS endpoint on loopback (start-lxd.sh sets it up; set here if another daemon lacks it). */
export async function httpsEndpoint(): Promise<{ url: string; serverCertPath: string }> {
  const server = await raw("GET", "/1.0");
  let address: string = server.body.metadata.config?.["core.https_address"] ?? "";
  if (!address) {
    address = "127.0.0.1:8443";
    const set = await raw("PATCH", "/1.0", { config: { "core.https_address": address } });
    if (set.status !== 200) throw new Error(`cannot enable HTTPS on the daemon: ${JSON.stringify(set.body)}`);
  }
  const host = address.startsWith(":") || address.startsWith("[::]") || address.startsWith("0.0.0.0") ? `127.0.0.1${address.slice(address.lastIndexOf(":"))}` : address;
  const serverCertPath = path.join(path.dirname(incusSocket()), "server.crt");
  return { url: `https://${host}`, serverCertPath };
}

/** A self-signed client certificate made with openssl, in a fresh folder. */
export function makeCertificate(dir: string, commonName: string): { certPath: string; keyPath: string; pem: string } {
  fs.mkdirSync(dir, { recursive: true });
  const certPath = path.join(dir, `${commonName}.crt`);
  const keyPath = path.join(dir, `${commonName}.key`);
  const run = spawnSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", keyPath, "-out", certPath, "-days", "2", "-subj", `/CN=${commonName}`],
    { encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`openssl could not make a test certificate: ${run.stderr || run.error}`);
  return { certPath, keyPath, pem: fs.readFileSync(certPath, "utf8") };
}

/** Adds a client certificate to the daemon's trust store; returns its fingerprint (for removal). */
export async function trustCertificate(pem: string, name: string): Promise<string> {
  const der = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  const added = await raw("POST", "/1.0/certificates", { type: "client", name, certificate: der });
  if (added.status >= 400) throw new Error(`cannot trust the test certificate: ${JSON.stringify(added.body)}`);
  return createHash("sha256").update(Buffer.from(der, "base64")).digest("hex");
}

/** Removes a certificate from the trust store (ignores one already gone). */
export async function untrustCertificate(fingerprint: string): Promise<void> {
  await raw("DELETE", `/1.0/certificates/${fingerprint}`);
}

/**
 * Spec errors of a response whose `metadata` is an Operation. LXD sends `null` for an operation's
 * empty `metadata` and `resources` where the spec says object; the client reads both as `{}`, so
 * exactly those two deviations are tolerated (and only when the value really is null).
 */
export function operationSpecErrors(spec: OpenApiSpec, method: string, requestPath: string, status: number, body: { metadata: Record<string, unknown>; [key: string]: unknown }): string[] {
  return spec
    .validateResponse(method, requestPath, status, body)
    .filter((error) => !["metadata", "resources"].some((field) => body.metadata[field] === null && error.startsWith(`/metadata/${field} must be object`)));
}
