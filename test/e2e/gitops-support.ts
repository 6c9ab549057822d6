/**
 * Pieces of the GitOps test: the workflow's shape, its env and its jobs run as GitHub's runner does.
 * The S3-compatible server that holds the state is SeaweedFS (test/helpers/s3-server.ts).
 */
import { spawn } from "node:child_process";

export { S3_CREDENTIALS, startS3Server, type S3Server } from "../helpers/s3-server";

/** The parts of a GitHub Actions workflow file the GitOps test reads. */
export interface Workflow {
  on: Record<string, { branches?: string[] }>;
  env: Record<string, string>;
  jobs: Record<string, { if: string; environment?: string; steps: WorkflowStep[] }>;
}
export interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
}

/** The one step the test replaces: installing the official CLI (here the engine folder is on PATH instead). */
export const CLI_INSTALL_STEP = "Install the Pulumi CLI";

/**
 * The workflow's `env`, with `${{ secrets.X }}` and `${{ vars.X }}` taken from `values` (a reference
 * without a value is an error, so the test notices when the workflow starts needing a new secret).
 */
export function workflowEnv(workflow: Workflow, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(workflow.env).map(([name, value]) => [
      name,
      String(value).replace(/\$\{\{\s*(secrets|vars)\.([A-Z_]+)\s*\}\}/g, (_match, _kind, key: string) => {
        if (values[key] === undefined) throw new Error(`the workflow needs ${key}, which the test does not provide`);
        return values[key];
      }),
    ]),
  );
}

export interface JobRun {
  ok: boolean;
  /** Name of the step that failed, when one did. */
  failedStep?: string;
  /** Everything the steps printed, each step headed by its name. */
  output: string;
}

/**
 * Runs the `run:` steps of one job as GitHub's runner does (`bash -eo pipefail`, in the checkout,
 * stopping at the first failure), with `uses:` steps left to the machine (checkout and Node are
 * already there) and the CLI-install step replaced by `engineBin` on PATH.
 */
export async function runWorkflowJob(
  workflow: Workflow,
  job: string,
  checkout: string,
  env: NodeJS.ProcessEnv,
): Promise<JobRun> {
  let output = "";
  for (const step of workflow.jobs[job].steps) {
    if (step.uses || !step.run || step.name === CLI_INSTALL_STEP) continue;
    const started = Date.now();
    const result = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
      const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run as string], {
        cwd: checkout,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let text = "";
      child.stdout.on("data", (chunk) => (text += chunk));
      child.stderr.on("data", (chunk) => (text += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, text }));
    });
    output += `--- ${step.name ?? step.run} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${result.text}`;
    if (result.code !== 0) return { ok: false, failedStep: step.name ?? step.run, output };
  }
  return { ok: true, output };
}
