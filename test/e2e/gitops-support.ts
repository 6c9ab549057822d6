/**
 * A real S3-compatible server for the GitOps test: moto's server from PyPI, installed into a venv
 * under `.work/` by scripts/start-s3.sh on first use, on a free local port. The bucket is read with
 * boto3 (installed with moto) through signed S3 requests, so the test sees exactly what Pulumi stored.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import * as net from "node:net";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../helpers/engine";

/** Test credentials: moto accepts any key pair. */
export const S3_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: "gitops-test-key",
  AWS_SECRET_ACCESS_KEY: "gitops-test-secret",
  AWS_REGION: "us-east-1",
};

// One S3 call through boto3: argv = endpoint, action, bucket[, key]; prints JSON.
const BOTO3_CALL = `
import boto3, json, sys
endpoint, action, bucket = sys.argv[1:4]
s3 = boto3.client("s3", endpoint_url=endpoint)
if action == "create":
    s3.create_bucket(Bucket=bucket)
    print("null")
elif action == "list":
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    print(json.dumps([o["Key"] for page in pages for o in page.get("Contents", [])]))
else:
    try:
        print(json.dumps(s3.get_object(Bucket=bucket, Key=sys.argv[4])["Body"].read().decode()))
    except s3.exceptions.NoSuchKey:
        print("null")
`;

/** A running S3-compatible server. */
export interface S3Server {
  /** e.g. "http://127.0.0.1:40123". */
  url: string;
  createBucket(bucket: string): Promise<void>;
  /** Keys of every object in `bucket`. */
  listKeys(bucket: string): Promise<string[]>;
  /** An object's body as text, or undefined when it does not exist. */
  getText(bucket: string, key: string): Promise<string | undefined>;
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
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${url}/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`moto_server did not answer on ${url} within 60 s:\n${log()}`);
}

/** Installs moto when needed (scripts/start-s3.sh) and starts its server on a free port. */
export async function startS3Server(): Promise<S3Server> {
  const script = path.join(repoRoot, "scripts", "start-s3.sh");
  const server = execFileSync("bash", [script, "--install-only"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  const python = path.join(path.dirname(server), "python");
  const port = await freePort();
  const child = spawn("bash", [script, String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(url, child, () => stderr);

  const s3 = async (...args: string[]) => {
    const { stdout } = await promisify(execFile)(python, ["-c", BOTO3_CALL, url, ...args], {
      env: { ...process.env, ...S3_CREDENTIALS },
    });
    return JSON.parse(stdout);
  };
  return {
    url,
    createBucket: (bucket) => s3("create", bucket),
    listKeys: (bucket) => s3("list", bucket),
    getText: async (bucket, key) => (await s3("get", bucket, key)) ?? undefined,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** The parts of a GitHub Actions workflow file the GitOps test reads. */
export interface Workflow {
  on: Record<string, { branches?: string[] } | Array<{ cron: string }> | null>;
  env: Record<string, string>;
  jobs: Record<string, WorkflowJob>;
}
export interface WorkflowJob {
  if: string;
  environment?: string;
  env?: Record<string, string>;
  steps: WorkflowStep[];
}
export interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
}

/** The one step the test replaces: installing the official CLI (here the engine folder is on PATH instead). */
export const CLI_INSTALL_STEP = "Install the Pulumi CLI";

/** `${{ secrets.X }}`, `${{ vars.X }}` and `${{ vars.X || 'default' }}`: the expressions the workflow's env uses. */
const EXPRESSION = /\$\{\{\s*(secrets|vars)\.([A-Z_]+)\s*(?:\|\|\s*'([^']*)'\s*)?\}\}/g;

/** The `secrets.X` and `vars.X` names a job's env reads (the workflow's and its own). */
export function jobReferences(workflow: Workflow, job: string): { secrets: string[]; vars: string[] } {
  const found = { secrets: new Set<string>(), vars: new Set<string>() };
  for (const value of Object.values({ ...workflow.env, ...workflow.jobs[job].env }))
    for (const [, kind, name] of String(value).matchAll(EXPRESSION)) found[kind as "secrets" | "vars"].add(name);
  return { secrets: [...found.secrets].sort(), vars: [...found.vars].sort() };
}

/**
 * A job's environment as GitHub's runner builds it: the workflow's `env`, then the job's, with
 * `secrets.X` and `vars.X` taken from `values` (what the job's GitHub environment holds). A reference
 * without a value or default is an error, so the test notices when the workflow needs a new secret.
 */
export function jobEnv(workflow: Workflow, job: string, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries({ ...workflow.env, ...workflow.jobs[job].env }).map(([name, value]) => [
      name,
      String(value).replace(EXPRESSION, (_match, _kind, key: string, fallback?: string) => {
        const resolved = values[key] ?? fallback;
        if (resolved === undefined) throw new Error(`the workflow needs ${key}, which the test does not provide`);
        return resolved;
      }),
    ]),
  );
}

export interface JobRun {
  ok: boolean;
  /** Name of the step that failed, when one did. */
  failedStep?: string;
  /** Exit status of the failed step. */
  exitCode?: number | null;
  /** Everything the steps printed, each step headed by its name. */
  output: string;
}

/**
 * Runs the `run:` steps of one job as GitHub's runner does (`bash -eo pipefail`, in the checkout,
 * stopping at the first failure), with `uses:` steps left to the machine (checkout and Node are
 * already there) and the CLI-install step replaced by the engine folder on PATH. `env` is the
 * runner's own environment; `values` what the job's GitHub environment holds.
 */
export async function runWorkflowJob(
  workflow: Workflow,
  job: string,
  checkout: string,
  env: NodeJS.ProcessEnv,
  values: Record<string, string>,
): Promise<JobRun> {
  const stepEnv = { ...env, ...jobEnv(workflow, job, values) };
  let output = "";
  for (const step of workflow.jobs[job].steps) {
    if (step.uses || !step.run || step.name === CLI_INSTALL_STEP) continue;
    const started = Date.now();
    const result = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
      const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run as string], {
        cwd: checkout,
        env: stepEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let text = "";
      child.stdout.on("data", (chunk) => (text += chunk));
      child.stderr.on("data", (chunk) => (text += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, text }));
    });
    output += `--- ${step.name ?? step.run} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${result.text}`;
    if (result.code !== 0) return { ok: false, failedStep: step.name ?? step.run, exitCode: result.code, output };
  }
  return { ok: true, output };
}
