/**
 * A real S3-compatible server for tests of Pulumi's S3 state backend: SeaweedFS, built by
 * scripts/start-s3.sh on first use and started on a free local port with a throw-away data folder.
 * The bucket is read through signed S3 requests (aws4fetch), so a test sees exactly what Pulumi stored
 * and the server checks the same credentials the CLI uses.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { AwsClient } from "aws4fetch";
import { repoRoot } from "./engine";

/** The one key pair the server accepts (the CLI gets it through the same variables). */
export const S3_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: "s3-test-key",
  AWS_SECRET_ACCESS_KEY: "s3-test-secret",
  AWS_REGION: "us-east-1",
};

/** A running S3-compatible server. */
export interface S3Server {
  /** e.g. "http://127.0.0.1:40123". */
  url: string;
  /** Pulumi's backend URL for `bucket` on this server. */
  backendUrl(bucket: string): string;
  createBucket(bucket: string): Promise<void>;
  /** Keys of every object in `bucket` (under `prefix` when given). */
  listKeys(bucket: string, prefix?: string): Promise<string[]>;
  /** An object's body as text, or undefined when it does not exist. */
  getText(bucket: string, key: string): Promise<string | undefined>;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the S3 server exited with ${child.exitCode}:\n${log()}`);
    try {
      await fetch(`${url}/`); // any answer (403 without credentials) means the gateway is up
      return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the S3 server did not answer on ${url} within 60 s:\n${log()}`);
}

/** SeaweedFS also listens on Unix sockets in /tmp named after its ports; a killed server leaves them. */
function removeSockets(ports: number[]): void {
  const names = new RegExp(`^seaweedfs-[a-z-]+-(${ports.join("|")})\\.sock$`);
  for (const name of fs.readdirSync("/tmp")) if (names.test(name)) fs.rmSync(path.join("/tmp", name), { force: true });
}

const unescapeXml = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp|#(\d+));/g, (_m, name: string, code?: string) =>
    code ? String.fromCharCode(Number(code)) : { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" }[name]!,
  );
const xmlValues = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, "g"))].map((m) => unescapeXml(m[1]));

/** Builds the server when needed (scripts/start-s3.sh) and starts it on a free port. */
export async function startS3Server(): Promise<S3Server> {
  const script = path.join(repoRoot, "scripts", "start-s3.sh");
  execFileSync("bash", [script, "--install-only"], { stdio: ["ignore", "ignore", "inherit"] });
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "s3-test-"));
  const port = await freePort();
  const child = spawn("bash", [script, String(port)], {
    env: { ...process.env, ...S3_CREDENTIALS, S3_DATA_DIR: data },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      // Its graceful stop can take ten seconds or more; the data is thrown away anyway.
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    const portsFile = path.join(data, "ports"); // the server's other ports, written by start-s3.sh
    const others = fs.existsSync(portsFile) ? fs.readFileSync(portsFile, "utf8").trim().split(" ").map(Number) : [];
    removeSockets([port, ...others]);
    fs.rmSync(data, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(url, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }

  const client = new AwsClient({
    accessKeyId: S3_CREDENTIALS.AWS_ACCESS_KEY_ID,
    secretAccessKey: S3_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
    region: S3_CREDENTIALS.AWS_REGION,
    service: "s3",
  });
  const call = async (method: string, route: string, allow: number[] = []) => {
    const response = await client.fetch(`${url}/${route}`, { method });
    const body = await response.text();
    if (!response.ok && !allow.includes(response.status))
      throw new Error(`S3 ${method} /${route}: HTTP ${response.status} ${body}`);
    return { status: response.status, body };
  };
  return {
    url,
    backendUrl: (bucket) => `s3://${bucket}?endpoint=${url}&s3ForcePathStyle=true&region=${S3_CREDENTIALS.AWS_REGION}`,
    createBucket: async (bucket) => {
      await call("PUT", bucket);
    },
    listKeys: async (bucket, prefix = "") => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const query = new URLSearchParams({
          "list-type": "2",
          prefix,
          ...(token ? { "continuation-token": token } : {}),
        });
        const { body } = await call("GET", `${bucket}?${query.toString()}`);
        keys.push(...xmlValues(body, "Key"));
        token = xmlValues(body, "IsTruncated")[0] === "true" ? xmlValues(body, "NextContinuationToken")[0] : undefined;
      } while (token);
      return keys;
    },
    getText: async (bucket, key) => {
      const encoded = key.split("/").map(encodeURIComponent).join("/");
      const { status, body } = await call("GET", `${bucket}/${encoded}`, [404]);
      return status === 404 ? undefined : body;
    },
    stop,
  };
}
