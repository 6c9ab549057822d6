/**
 * The GitOps flow of examples/gitops for real: the state in an S3-compatible bucket (moto's server,
 * PULUMI_BACKEND_URL=s3://…), a pull-request preview gated by the compute-guardrails pack with the
 * repository's policy-config.json (fails while the production instance is unprotected, passes once
 * it is), `up` on main, and destroy. The workflow file itself is checked for the same steps.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { expectOk, repoRoot, TestStack } from "../helpers/engine";
import { S3_CREDENTIALS, startS3Server, type S3Server } from "./gitops-support";
import { ensurePolicyPack } from "./policy-support";

const TYPE = "pulumi-nodejs:dynamic/compute:Instance";
const EXAMPLE = path.join(repoRoot, "examples", "gitops");
const BUCKET = "infra-state";
const CHECKPOINT = ".pulumi/stacks/gitops-example/prod.json";

interface Workflow {
  on: Record<string, { branches?: string[] }>;
  env: Record<string, string>;
  jobs: Record<string, { if: string; environment?: string; steps: Array<{ name?: string; uses?: string; run?: string }> }>;
}

describe("the GitOps workflow definition", () => {
  const workflow = parse(fs.readFileSync(path.join(EXAMPLE, ".github", "workflows", "infrastructure.yml"), "utf8")) as Workflow;
  const commands = (job: string) => workflow.jobs[job].steps.map((step) => step.run ?? "").join("\n");

  it("previews with the policy pack on pull requests and runs up with it on main", () => {
    expect(workflow.on.pull_request.branches).toEqual(["main"]);
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.jobs.preview.if).toBe("github.event_name == 'pull_request'");
    expect(commands("preview")).toMatch(/pulumi preview --stack "\$STACK" .*--policy-pack "\$POLICY_PACK" --policy-pack-config "\$POLICY_CONFIG"/);
    expect(commands("preview")).not.toMatch(/pulumi up/);
    expect(workflow.jobs.deploy.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(commands("deploy")).toMatch(/pulumi up --stack "\$STACK" --yes .*--policy-pack "\$POLICY_PACK" --policy-pack-config "\$POLICY_CONFIG"/);
    for (const job of ["preview", "deploy"]) expect(commands(job)).toContain('npm run build --prefix "$POLICY_PACK"');
  });

  it("keeps the state in a bucket and takes every credential from secrets", () => {
    expect(workflow.env.PULUMI_BACKEND_URL).toBe("${{ secrets.PULUMI_BACKEND_URL }}");
    const credentials = Object.entries(workflow.env).filter(([name]) => /KEY|SECRET|TOKEN|PASSPHRASE|BACKEND_URL/.test(name));
    expect(credentials.map(([name]) => name).sort()).toEqual(
      ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "COMPUTE_API_TOKEN", "EXOSCALE_API_KEY", "EXOSCALE_API_SECRET", "PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE"].sort(),
    );
    for (const [, value] of credentials) expect(value).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
    expect(fs.existsSync(path.join(EXAMPLE, workflow.env.POLICY_CONFIG))).toBe(true);
  });
});

describe("the GitOps flow with the state in an S3-compatible bucket", () => {
  let s3: S3Server;
  let emulator: TestEmulator;
  let stack: TestStack;
  let gate: { policyPacks: string[]; policyPackConfigs: string[] };

  const checkpoint = async () => {
    const text = await s3.getText(BUCKET, CHECKPOINT);
    if (text === undefined) throw new Error(`${CHECKPOINT} is not in the bucket`);
    return { text, resources: (JSON.parse(text).checkpoint.latest?.resources ?? []) as Array<{ type: string; protect?: boolean; id?: string }> };
  };

  beforeAll(async () => {
    gate = { policyPacks: [ensurePolicyPack()], policyPackConfigs: [path.join(EXAMPLE, "policy-config.json")] };
    s3 = await startS3Server();
    await s3.createBucket(BUCKET);
    emulator = await startTestEmulator({ opDelayMs: 200 });
    stack = await TestStack.create({
      program: "examples/gitops",
      stack: "prod",
      env: {
        ...emulator.env,
        PULUMI_BACKEND_URL: `s3://${BUCKET}?endpoint=${s3.url}&s3ForcePathStyle=true&region=us-east-1`,
        ...S3_CREDENTIALS,
      },
      // The pull request under review turned the protection off.
      config: { deletionProtection: "false" },
    });
  });

  afterAll(async () => {
    await stack?.cleanup();
    await emulator?.close();
    await s3?.stop();
  });

  it("keeps the stack in the bucket, not on the runner's disk", async () => {
    expect(await s3.listKeys(BUCKET)).toEqual(expect.arrayContaining([".pulumi/meta.yaml", CHECKPOINT]));
    expect(fs.readdirSync(path.join(stack.workRoot, "state"))).toEqual([]);
  });

  it("fails the pull-request preview while the production instance is unprotected, calling no API", async () => {
    await emulator.clearCalls();
    const result = await stack.preview(gate);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("[mandatory]");
    expect(result.output).toContain(`Production instance "app" (${TYPE}) is not protected against deletion`);
    expect(result.output).toContain('It counts as production because the stack "prod" matches "prod".');
    expect(await emulator.calls()).toEqual([]);
    expect((await checkpoint()).resources).toEqual([]);
  });

  it("passes the preview once the pull request restores deletionProtection", async () => {
    await stack.setConfig("deletionProtection", "true");
    const result = expectOk(await stack.preview(gate));
    expect(result.changeSummary).toEqual({ create: 2 });
    expect(result.output).not.toContain("production-instances-protected");
  });

  it("runs up on main and records the protected instance in the bucket, without the API token", async () => {
    const result = expectOk(await stack.up(gate));
    expect(result.summary?.resourceChanges).toEqual({ create: 2 });
    const { text, resources } = await checkpoint();
    const instance = resources.find((r) => r.type === TYPE);
    expect(instance?.protect).toBe(true);
    expect(instance?.id).toMatch(/^inst-/);
    expect(text).not.toContain(emulator.env.COMPUTE_API_TOKEN);
    expect(Object.values((await emulator.state()).compute.instances)).toHaveLength(1);
  });

  it("finds nothing to do on the next run of main", async () => {
    const result = expectOk(await stack.preview(gate));
    expect(result.changeSummary).toEqual({ same: 2 });
  });

  it("refuses to destroy the protected instance, and destroys it once unprotected on purpose", async () => {
    const refused = await stack.destroy();
    expect(refused.ok).toBe(false);
    expect(`${refused.error}`).toMatch(/protect/);
    expect(Object.values((await emulator.state()).compute.instances)).toHaveLength(1);

    await stack.cli(["state", "unprotect", "--all", "--yes", "--stack", stack.stack]);
    expectOk(await stack.destroy());
    expect(Object.values((await emulator.state()).compute.instances)).toHaveLength(0);
    expect((await checkpoint()).resources).toEqual([]);
  });
});
