/**
 * The real Incus-compatible daemon the Incus tests run against: INCUS_SOCKET from the environment
 * (scripts/run-tests.js exports it), else `scripts/start-lxd.sh` is run here. Raw requests go over
 * the unix socket with node:http, independent of the client under test, so tests can make
 * out-of-band changes and look at what the daemon really has.
 */
import { spawnSync } from "node:child_process";
import * as http from "node:http";
import * as path from "node:path";

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
  await rawAndWait("POST", "/1.0/instances", { name, type: "container", source: { type: "image", alias: "busybox" }, config: options.config ?? {}, start: options.start ?? true });
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
