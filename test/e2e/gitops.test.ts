/**
 * The GitOps flow of examples/gitops for real: the exact `run:` steps of its workflow's preview,
 * deploy and drift jobs, in a checkout laid out as the example's README says (the example at the
 * root, a committed package-lock.json; the policy pack comes with the package), with the state in
 * a SeaweedFS bucket (scripts/start-s3.sh) and the emulator as the cloud. Each job gets the
 * values of its own GitHub environment; only the step that installs the official CLI is replaced
 * (the engine folder is on PATH). A pull request that turns the protection off fails the
 * policy-gated preview, the fixed one passes, main deploys, the drift job passes, fails with exit 7
 * and a summary after a change made through the emulator's control API, and passes again once main
 * has put the change back; destroying needs an explicit change. The workflow file and the secrets
 * table of docs/gitops.md are checked against each other.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { engineEnvironment, repoRoot } from "../helpers/engine";
import {
  CLI_INSTALL_STEP,
  jobEnv,
  jobReferences,
  type JobRun,
  runWorkflowJob,
  S3_CREDENTIALS,
  startS3Server,
  type S3Server,
  type Workflow,
} from "./gitops-support";

const TYPE = "pulumi-nodejs:dynamic/compute:Instance";
const EXOSCALE_TYPE = "pulumi-nodejs:dynamic/exoscale:Instance";
const EXAMPLE = path.join(repoRoot, "examples", "gitops");
const BUCKET = "infra-state";
const CHECKPOINT = ".pulumi/stacks/gitops-example/prod.json";
const JOBS = ["preview", "deploy", "drift"] as const;
const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
const workflow = parse(
  fs.readFileSync(path.join(EXAMPLE, ".github", "workflows", "infrastructure.yml"), "utf8"),
) as Workflow;

/** The table of docs/gitops.md that says which secret and variable each job gets: name -> kind and jobs. */
function documentedSecrets(): Map<string, { kind: string; jobs: string[] }> {
  const text = fs.readFileSync(path.join(repoRoot, "docs", "gitops.md"), "utf8");
  const table = text.slice(text.indexOf("| name | kind | jobs |"));
  const rows = new Map<string, { kind: string; jobs: string[] }>();
  for (const line of table.split("\n").slice(2)) {
    if (!line.startsWith("|")) break;
    const [names, kind, jobs] = line.split("|").slice(1, 4);
    for (const [, name] of names.matchAll(/`([A-Z_]+)`/g))
      rows.set(name, { kind: kind.trim().split(" ")[0], jobs: [...jobs.matchAll(/`([a-z]+)`/g)].map((m) => m[1]) });
  }
  return rows;
}

describe("the GitOps workflow definition", () => {
  const commands = (job: string) => workflow.jobs[job].steps.map((step) => step.run ?? "").join("\n");

  it("previews pull requests and deploys main with the pack from the package, and checks for drift on a schedule", () => {
    expect(workflow.on.pull_request).toEqual({ branches: ["main"] });
    expect(workflow.on.push).toEqual({ branches: ["main"] });
    expect(workflow.on.schedule).toEqual([{ cron: expect.any(String) }]);
    expect(workflow.env.POLICY_PACK).toBe("node_modules/pulumi-dynamic-compute/policy");
    expect(workflow.jobs.preview.if).toBe("github.event_name == 'pull_request'");
    expect(commands("preview")).toMatch(
      /pulumi preview --stack "\$STACK" .*--refresh="\$PREVIEW_REFRESH"\s+--policy-pack "\$POLICY_PACK" --policy-pack-config "\$POLICY_CONFIG"/,
    );
    expect(commands("preview")).not.toMatch(/pulumi (up|refresh)/);
    expect(workflow.jobs.deploy.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(commands("deploy")).toMatch(
      /pulumi up --stack "\$STACK" --yes .*--refresh\s+--policy-pack "\$POLICY_PACK" --policy-pack-config "\$POLICY_CONFIG"/,
    );
    expect(workflow.jobs.drift.if).toBe("github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'");
    expect(commands("drift")).toMatch(/pulumi refresh --stack "\$STACK" --preview-only --expect-no-changes/);
    expect(commands("drift")).not.toMatch(/pulumi (up|preview)|--yes/);
    // No job builds the pack: it ships compiled in the package.
    for (const job of JOBS) expect(commands(job)).not.toMatch(/npm run build|--prefix/);
    // The one step the e2e flow below replaces with the engine folder.
    for (const job of JOBS)
      expect(workflow.jobs[job].steps.find((step) => step.name === CLI_INSTALL_STEP)?.run).toContain("get.pulumi.com");
  });

  it("scopes every credential to a job's GitHub environment: read-only `preview` for previews and drift, `production` for deploy", () => {
    expect(JSON.stringify(workflow.env)).not.toMatch(/secrets\.|vars\./);
    expect(Object.fromEntries(JOBS.map((job) => [job, workflow.jobs[job].environment]))).toEqual({
      preview: "preview",
      deploy: "production",
      drift: "preview",
    });
    for (const job of JOBS) {
      const env = workflow.jobs[job].env ?? {};
      const credentials = Object.entries(env).filter(([name]) =>
        /KEY|SECRET|TOKEN|PASSPHRASE|BACKEND_URL|CLIENT/.test(name),
      );
      expect(credentials.length).toBeGreaterThanOrEqual(10);
      for (const [, value] of credentials) expect(value).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
      // Scaleway and an Incus remote (client certificate, pinned server certificate) too, not only the Instances API.
      expect(Object.keys(env)).toEqual(
        expect.arrayContaining([
          "SCW_SECRET_KEY",
          "SCW_DEFAULT_PROJECT_ID",
          "INCUS_REMOTE",
          "INCUS_CLIENT_CERT",
          "INCUS_CLIENT_KEY",
          "INCUS_SERVER_CERT",
        ]),
      );
    }
    expect(fs.existsSync(path.join(EXAMPLE, workflow.env.POLICY_CONFIG))).toBe(true);
  });

  it("docs/gitops.md names exactly the secrets and variables each job gets", () => {
    const documented = documentedSecrets();
    for (const job of JOBS) {
      const { secrets, vars } = jobReferences(workflow, job);
      const listed = (kind: string) =>
        [...documented]
          .filter(([, row]) => row.kind === kind && row.jobs.includes(job))
          .map(([name]) => name)
          .sort();
      expect({ job, secrets: listed("secret"), vars: listed("variable") }).toEqual({ job, secrets, vars });
    }
  });
});

/**
 * A checkout of an infrastructure repository as the example's README describes it. The package is
 * not on the npm registry, so the checkout depends on this repository packed into a tarball, and its
 * package-lock.json is made the way a user makes it before committing.
 */
function prepareCheckout(checkout: string): void {
  fs.cpSync(EXAMPLE, checkout, { recursive: true });
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
  npm(["install", "--package-lock-only", "--no-audit", "--no-fund", "--prefer-offline"], checkout);
}

describe("the GitOps workflow's steps, with the state in an S3-compatible bucket", () => {
  const work = path.join(repoRoot, ".work", `gitops-${process.pid}`);
  const checkout = path.join(work, "repository");
  const summaryFile = path.join(work, "step-summary.md");
  let s3: S3Server;
  let emulator: TestEmulator;
  /** The runner's own environment: the engine folder on PATH, a fresh PULUMI_HOME, the step summary file. */
  let runner: NodeJS.ProcessEnv;
  /** What each GitHub environment holds (one emulator account serves both here). */
  let environments: Record<"preview" | "production", Record<string, string>>;

  const checkpoint = async () => {
    const text = await s3.getText(BUCKET, CHECKPOINT);
    if (text === undefined) throw new Error(`${CHECKPOINT} is not in the bucket`);
    return {
      text,
      resources: (JSON.parse(text).checkpoint.latest?.resources ?? []) as Array<{
        type: string;
        protect?: boolean;
        id?: string;
        outputs?: Record<string, unknown>;
      }>,
    };
  };
  /** Every object in the bucket with its content: what a read-only job must leave as it was. */
  const bucket = async () =>
    Object.fromEntries(
      await Promise.all((await s3.listKeys(BUCKET)).map(async (key) => [key, await s3.getText(BUCKET, key)])),
    );
  const job = (name: (typeof JOBS)[number], extra: Record<string, string> = {}) => {
    fs.writeFileSync(summaryFile, "");
    const values = environments[workflow.jobs[name].environment as "preview" | "production"];
    return runWorkflowJob(workflow, name, checkout, runner, { ...values, ...extra });
  };
  /** `pulumi <args>` on the prod stack in the checkout: what a developer runs by hand with the deploy job's keys. Never sync: the emulator answers from this process. */
  const pulumi = (...args: string[]): Promise<{ ok: boolean; output: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn("pulumi", [...args, "--stack", "prod", "--non-interactive"], {
        cwd: checkout,
        env: { ...runner, ...jobEnv(workflow, "deploy", environments.production) },
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
    if (!run.ok) throw new Error(`step "${run.failedStep}" failed (exit ${run.exitCode}):\n${run.output}`);
    return run;
  };
  const mutations = async () => (await emulator.calls()).filter((call) => call.method !== "GET");
  const worker = async () => {
    const instance = (await checkpoint()).resources.find((r) => r.type === EXOSCALE_TYPE);
    const id = String(instance?.id).split("/")[1];
    return { id: String(instance?.id), live: (await emulator.state()).exoscale.instances[id] };
  };

  beforeAll(async () => {
    fs.rmSync(work, { recursive: true, force: true });
    prepareCheckout(checkout);
    s3 = await startS3Server();
    await s3.createBucket(BUCKET);
    emulator = await startTestEmulator({ opDelayMs: 200 });
    runner = {
      ...engineEnvironment(work),
      GITHUB_STEP_SUMMARY: summaryFile,
      // Where the runner would resolve the vendors' public endpoints, the emulator answers instead.
      EXOSCALE_API_ENDPOINT: emulator.env.EXOSCALE_API_ENDPOINT,
      SCW_API_URL: emulator.env.SCW_API_URL,
    };
    // GitHub's runner does not set it; it would mean `--yes`, which `refresh --preview-only` refuses.
    delete runner.PULUMI_SKIP_CONFIRMATIONS;
    const common = {
      PULUMI_BACKEND_URL: `s3://${BUCKET}?endpoint=${s3.url}&s3ForcePathStyle=true&region=us-east-1`,
      STATE_ACCESS_KEY_ID: S3_CREDENTIALS.AWS_ACCESS_KEY_ID,
      STATE_SECRET_ACCESS_KEY: S3_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
      STATE_REGION: S3_CREDENTIALS.AWS_REGION,
      PULUMI_CONFIG_PASSPHRASE: "gitops-test-passphrase",
      COMPUTE_API_URL: emulator.env.COMPUTE_API_URL,
      COMPUTE_API_TOKEN: emulator.env.COMPUTE_API_TOKEN,
      EXOSCALE_API_KEY: emulator.env.EXOSCALE_API_KEY,
      EXOSCALE_API_SECRET: emulator.env.EXOSCALE_API_SECRET,
      SCW_SECRET_KEY: emulator.env.SCW_SECRET_KEY,
      SCW_DEFAULT_PROJECT_ID: emulator.env.SCW_DEFAULT_PROJECT_ID,
      // The example program has no Incus instance: these only show that each job receives the
      // remote's settings (an https:// remote whose certificate is pinned, and a client key pair).
      INCUS_REMOTE: "https://127.0.0.1:8444",
      INCUS_SERVER_CERT: "-----BEGIN CERTIFICATE-----\n(pinned server certificate)\n-----END CERTIFICATE-----\n",
      INCUS_CLIENT_CERT: "-----BEGIN CERTIFICATE-----\n(client certificate)\n-----END CERTIFICATE-----\n",
      INCUS_CLIENT_KEY: "-----BEGIN PRIVATE KEY-----\n(client key)\n-----END PRIVATE KEY-----\n",
    };
    environments = { preview: common, production: common };
    // The stack is made once from a workstation (docs/gitops.md); the pull request under review
    // turned the protection off in its committed config.
    await pulumiOk("stack", "init");
    await pulumiOk("config", "set", "deletionProtection", "false");
  });

  afterAll(async () => {
    await emulator?.close();
    await s3?.stop();
    if (!process.env.KEEP_E2E_WORK) fs.rmSync(work, { recursive: true, force: true });
  });

  it("fails the pull request's preview while the production instances are unprotected, changing nothing in the clouds or the bucket", async () => {
    await emulator.clearCalls();
    const before = await bucket();
    const run = await job("preview");
    expect(run.ok).toBe(false);
    expect(run.failedStep).toBe("Preview with the policy pack");
    // The pack installed with the package, at the package's version.
    expect(run.output).toMatch(
      new RegExp(
        `compute-guardrails\\|local\\|node_modules/pulumi-dynamic-compute/policy +${version.replace(/\./g, "\\.")}\\b`,
      ),
    );
    expect(run.output).toContain("[mandatory]");
    expect(run.output).toContain(`Production instance "app" (${TYPE}) is not protected against deletion`);
    expect(run.output).toContain(`Production instance "worker" (${EXOSCALE_TYPE}) is not protected against deletion`);
    expect(await mutations()).toEqual([]);
    expect(await bucket()).toEqual(before);
    expect(Object.keys(before)).toEqual(expect.arrayContaining([".pulumi/meta.yaml", CHECKPOINT]));
    // Nothing of the stack on the runner's disk: the local backend folder stays empty.
    expect(fs.readdirSync(path.join(work, "state"))).toEqual([]);
  });

  it("passes the preview once the pull request restores deletionProtection", async () => {
    await pulumiOk("config", "set", "deletionProtection", "true");
    const before = await bucket();
    const run = expectJobOk(await job("preview"));
    expect(run.output).toMatch(/\+ 3 to create/);
    expect(run.output).not.toContain("production-instances-protected");
    expect(await bucket()).toEqual(before);
  });

  it("deploys on main and records the protected instances in the bucket, without the API token", async () => {
    const run = expectJobOk(await job("deploy"));
    expect(run.output).toMatch(/\+ 3 created/);
    const { text, resources } = await checkpoint();
    expect(resources.find((r) => r.type === TYPE)).toMatchObject({
      protect: true,
      id: expect.stringMatching(/^inst-/),
    });
    expect(resources.find((r) => r.type === EXOSCALE_TYPE)?.protect).toBe(true);
    expect(text).not.toContain(emulator.env.COMPUTE_API_TOKEN);
    expect(text).not.toContain(emulator.env.EXOSCALE_API_SECRET);
    expect(Object.values((await emulator.state()).compute.instances)).toHaveLength(1);
  });

  it("finds no drift after the deploy, and writes nothing to the bucket", async () => {
    const before = await bucket();
    await emulator.clearCalls();
    const run = expectJobOk(await job("drift"));
    expect(run.output).toMatch(/3 unchanged/);
    expect(await mutations()).toEqual([]);
    expect(await bucket()).toEqual(before);
    expect(fs.readFileSync(summaryFile, "utf8")).toBe("");
  });

  it("exits 7 with a summary naming the resource and properties after a change behind Pulumi's back", async () => {
    const { id } = await worker();
    await emulator.changeObjects({
      exoscale: { instances: [{ id, labels: { env: "production", owner: "console" }, state: "stopped" }] },
    });
    const before = await bucket();
    const run = await job("drift");
    expect(run).toMatchObject({ ok: false, failedStep: "Detect drift", exitCode: 7 });
    expect(run.output).toContain("::error title=Drift in stack prod::");
    const summary = fs.readFileSync(summaryFile, "utf8");
    expect(summary).toContain("### Drift in stack `prod`");
    expect(summary).toMatch(new RegExp(`\\| worker \\| \`${EXOSCALE_TYPE}\` \\| update \\| .*~labels`));
    expect(summary).toMatch(/\| worker \|.*~state/);
    expect(summary).not.toMatch(/\| app \|/);
    // The labels were replaced, creation token included: the token is internal and kept, not drift.
    expect(summary).not.toContain("creationToken");
    expect(await bucket()).toEqual(before);
  });

  it("shows the drift in a pull request's preview when PREVIEW_REFRESH is set", async () => {
    const run = expectJobOk(await job("preview", { PREVIEW_REFRESH: "true" }));
    expect(run.output).toMatch(/~ 1 to update/);
    expect(run.output).toMatch(/labels\s*:/);
  });

  it("puts the change back on the next deploy, after which the drift job passes again", async () => {
    await emulator.clearCalls();
    expectJobOk(await job("deploy"));
    expect((await mutations()).map((call) => `${call.method} ${call.path.replace(/[0-9a-f-]{36}/g, "{id}")}`)).toEqual(
      expect.arrayContaining(["PUT /v2/instance/{id}:start"]),
    );
    expect((await worker()).live).toMatchObject({
      state: "running",
      labels: { env: "production", "managed-by": "pulumi" },
    });
    expectJobOk(await job("drift"));
  });

  it("refuses to destroy the protected instances, and destroys them once the protection is turned off on purpose", async () => {
    const refused = await pulumi("destroy", "--yes");
    expect(refused.ok).toBe(false);
    expect(refused.output).toMatch(/cannot be deleted\s+because it is protected/);
    expect(Object.values((await emulator.state()).compute.instances)).toHaveLength(1);
    await pulumiOk("config", "set", "deletionProtection", "false");
    await pulumiOk("up", "--yes");
    await pulumiOk("destroy", "--yes");
    expect(Object.values((await emulator.state()).compute.instances)).toHaveLength(0);
    expect(Object.values((await emulator.state()).exoscale.instances)).toHaveLength(0);
    expect((await checkpoint()).resources).toEqual([]);
  });
});
