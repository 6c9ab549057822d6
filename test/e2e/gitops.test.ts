/**
 * The GitOps flow of examples/gitops for real: the exact `run:` steps of its workflow, in a checkout
 * laid out as the example's README says (the example at the root, policy/ beside it, a committed
 * package-lock.json), with the state in an S3-compatible bucket (SeaweedFS) and the emulator as
 * the cloud. Only the step that installs the official CLI is replaced: the engine folder is on PATH.
 * A pull request that turns the protection off fails the policy-gated preview, the fixed one passes,
 * main deploys, the next run of main changes nothing, and a destroy needs an explicit unprotect.
 * The workflow file itself is also checked for these steps.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { engineEnvironment, repoRoot } from "../helpers/engine";
import {
  CLI_INSTALL_STEP,
  type JobRun,
  runWorkflowJob,
  S3_CREDENTIALS,
  startS3Server,
  type S3Server,
  type Workflow,
  workflowEnv,
} from "./gitops-support";
import { ensurePolicyPack, policyPackDir } from "./policy-support";

const TYPE = "pulumi-nodejs:dynamic/compute:Instance";
const EXAMPLE = path.join(repoRoot, "examples", "gitops");
const BUCKET = "infra-state";
const CHECKPOINT = ".pulumi/stacks/gitops-example/prod.json";
const workflow = parse(
  fs.readFileSync(path.join(EXAMPLE, ".github", "workflows", "infrastructure.yml"), "utf8"),
) as Workflow;

describe("the GitOps workflow definition", () => {
  const commands = (job: string) => workflow.jobs[job].steps.map((step) => step.run ?? "").join("\n");

  it("previews with the policy pack on pull requests and runs up with it on main", () => {
    expect(workflow.on.pull_request.branches).toEqual(["main"]);
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.jobs.preview.if).toBe("github.event_name == 'pull_request'");
    expect(commands("preview")).toMatch(
      /pulumi preview --stack "\$STACK" .*--policy-pack "\$POLICY_PACK" --policy-pack-config "\$POLICY_CONFIG"/,
    );
    expect(commands("preview")).not.toMatch(/pulumi up/);
    expect(workflow.jobs.deploy.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(commands("deploy")).toMatch(
      /pulumi up --stack "\$STACK" --yes .*--policy-pack "\$POLICY_PACK" --policy-pack-config "\$POLICY_CONFIG"/,
    );
    for (const job of ["preview", "deploy"]) expect(commands(job)).toContain('npm run build --prefix "$POLICY_PACK"');
    // The one step the e2e flow below replaces with the engine folder.
    for (const job of ["preview", "deploy"])
      expect(workflow.jobs[job].steps.find((step) => step.name === CLI_INSTALL_STEP)?.run).toContain("get.pulumi.com");
  });

  it("keeps the state in a bucket and takes every credential from secrets", () => {
    expect(workflow.env.PULUMI_BACKEND_URL).toBe("${{ secrets.PULUMI_BACKEND_URL }}");
    const credentials = Object.entries(workflow.env).filter(([name]) =>
      /KEY|SECRET|TOKEN|PASSPHRASE|BACKEND_URL/.test(name),
    );
    expect(credentials.map(([name]) => name).sort()).toEqual(
      [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "COMPUTE_API_TOKEN",
        "EXOSCALE_API_KEY",
        "EXOSCALE_API_SECRET",
        "PULUMI_BACKEND_URL",
        "PULUMI_CONFIG_PASSPHRASE",
      ].sort(),
    );
    for (const [, value] of credentials) expect(value).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
    expect(fs.existsSync(path.join(EXAMPLE, workflow.env.POLICY_CONFIG))).toBe(true);
  });
});

/**
 * A checkout of an infrastructure repository as the example's README describes it. The package is
 * not on the npm registry, so the checkout depends on this repository packed into a tarball, and its
 * package-lock.json is made the way a user makes it before committing.
 */
function prepareCheckout(checkout: string): void {
  fs.cpSync(EXAMPLE, checkout, { recursive: true });
  fs.cpSync(policyPackDir, path.join(checkout, "policy"), {
    recursive: true,
    filter: (file) => !/^(node_modules|dist)$/.test(path.basename(file)),
  });
  const npm = (args: string[], cwd: string) =>
    execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const tarball = npm(["pack", "--pack-destination", checkout, "--silent"], repoRoot)
    .trim()
    .split("\n")
    .pop() as string;
  const manifestFile = path.join(checkout, "package.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  manifest.dependencies["pulumi-dynamic-compute"] = `file:./${tarball}`;
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  npm(["install", "--package-lock-only", "--no-audit", "--no-fund"], checkout);
}

describe("the GitOps workflow's steps, with the state in an S3-compatible bucket", () => {
  const work = path.join(repoRoot, ".work", `gitops-${process.pid}`);
  const checkout = path.join(work, "repository");
  let s3: S3Server;
  let emulator: TestEmulator;
  let env: NodeJS.ProcessEnv;

  const checkpoint = async () => {
    const text = await s3.getText(BUCKET, CHECKPOINT);
    if (text === undefined) throw new Error(`${CHECKPOINT} is not in the bucket`);
    return {
      text,
      resources: (JSON.parse(text).checkpoint.latest?.resources ?? []) as Array<{
        type: string;
        protect?: boolean;
        id?: string;
      }>,
    };
  };
  const job = (name: "preview" | "deploy") => runWorkflowJob(workflow, name, checkout, env);
  /** `pulumi <args>` on the prod stack in the checkout: what a developer runs by hand. Never sync: the emulator answers from this process. */
  const pulumi = (...args: string[]): Promise<{ ok: boolean; output: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn("pulumi", [...args, "--stack", "prod", "--non-interactive"], {
        cwd: checkout,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ ok: code === 0, output }));
    });
  const pulumiOk = async (...args: string[]) => {
    const run = await pulumi(...args);
    if (!run.ok) throw new Error(`pulumi ${args.join(" ")} failed:\n${run.output}`);
    return run;
  };
  const expectJobOk = (run: JobRun) => {
    if (!run.ok) throw new Error(`step "${run.failedStep}" failed:\n${run.output}`);
    return run;
  };

  beforeAll(async () => {
    ensurePolicyPack(); // the pack's lockfile is current
    fs.rmSync(work, { recursive: true, force: true });
    prepareCheckout(checkout);
    s3 = await startS3Server();
    await s3.createBucket(BUCKET);
    emulator = await startTestEmulator({ opDelayMs: 200 });
    env = {
      ...engineEnvironment(work),
      ...workflowEnv(workflow, {
        PULUMI_BACKEND_URL: `s3://${BUCKET}?endpoint=${s3.url}&s3ForcePathStyle=true&region=us-east-1`,
        STATE_ACCESS_KEY_ID: S3_CREDENTIALS.AWS_ACCESS_KEY_ID,
        STATE_SECRET_ACCESS_KEY: S3_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
        STATE_REGION: S3_CREDENTIALS.AWS_REGION,
        PULUMI_CONFIG_PASSPHRASE: "gitops-test-passphrase",
        COMPUTE_API_URL: emulator.env.COMPUTE_API_URL,
        COMPUTE_API_TOKEN: emulator.env.COMPUTE_API_TOKEN,
        EXOSCALE_API_KEY: emulator.env.EXOSCALE_API_KEY,
        EXOSCALE_API_SECRET: emulator.env.EXOSCALE_API_SECRET,
      }),
    };
    // The pull request under review turned the protection off in the stack's committed config.
    fs.writeFileSync(
      path.join(checkout, "Pulumi.prod.yaml"),
      'config:\n  gitops-example:deletionProtection: "false"\n',
    );
  });

  afterAll(async () => {
    if (env) {
      // Whatever an earlier failure left: nothing, when the last test passed.
      await pulumi("state", "unprotect", "--all", "--yes");
      await pulumi("destroy", "--yes");
    }
    await emulator?.close();
    await s3?.stop();
    if (!process.env.KEEP_E2E_WORK) fs.rmSync(work, { recursive: true, force: true });
  });

  it("fails the pull request's preview while the production instance is unprotected, calling no API and keeping the stack in the bucket", async () => {
    await emulator.clearCalls();
    const run = await job("preview");
    expect(run.ok).toBe(false);
    expect(run.failedStep).toBe("Preview with the policy pack");
    expect(run.output).toContain("[mandatory]");
    expect(run.output).toContain(`Production instance "app" (${TYPE}) is not protected against deletion`);
    expect(run.output).toContain('It counts as production because the stack "prod" matches "prod".');
    expect(await emulator.calls()).toEqual([]);
    expect(await s3.listKeys(BUCKET)).toEqual(expect.arrayContaining([".pulumi/meta.yaml", CHECKPOINT]));
    expect((await checkpoint()).resources).toEqual([]);
    // Nothing of the stack on the runner's disk: the local backend folder stays empty.
    expect(fs.readdirSync(path.join(work, "state"))).toEqual([]);
  });

  it("passes the preview once the pull request restores deletionProtection", async () => {
    await pulumiOk("config", "set", "deletionProtection", "true");
    const run = expectJobOk(await job("preview"));
    expect(run.output).toMatch(/\+ 2 to create/);
    expect(run.output).not.toContain("production-instances-protected");
  });

  it("deploys on main and records the protected instance in the bucket, without the API token", async () => {
    const run = expectJobOk(await job("deploy"));
    expect(run.output).toMatch(/\+ 2 created/);
    const { text, resources } = await checkpoint();
    const instance = resources.find((r) => r.type === TYPE);
    expect(instance?.protect).toBe(true);
    expect(instance?.id).toMatch(/^inst-/);
    expect(text).not.toContain(emulator.env.COMPUTE_API_TOKEN);
    expect(Object.values((await emulator.state()).compute.instances)).toHaveLength(1);
  });

  it("finds nothing to do on the next run of main", async () => {
    await emulator.clearCalls();
    const run = expectJobOk(await job("deploy"));
    expect(run.output).toMatch(/2 unchanged/);
    expect((await emulator.calls()).filter((call) => call.method !== "GET")).toEqual([]);
  });

  it("refuses to destroy the protected instance, and destroys it once unprotected on purpose", async () => {
    const refused = await pulumi("destroy", "--yes");
    expect(refused.ok).toBe(false);
    expect(refused.output).toMatch(/cannot be deleted\s+because it is protected/);
    expect(Object.values((await emulator.state()).compute.instances)).toHaveLength(1);
    await pulumiOk("state", "unprotect", "--all", "--yes");
    await pulumiOk("destroy", "--yes");
    expect(Object.values((await emulator.state()).compute.instances)).toHaveLength(0);
    expect((await checkpoint()).resources).toEqual([]);
  });
});
