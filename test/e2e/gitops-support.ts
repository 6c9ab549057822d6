/**
 * Pieces of the GitOps test: the workflow's shape, its env and its jobs run as GitHub's runner does.
 * The S3-compatible server that holds the state is SeaweedFS (test/helpers/s3-server.ts).
 */
import { spawn } from "node:child_process";

export { S3_CREDENTIALS, startS3Server, type S3Server } from "../helpers/s3-server";

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
